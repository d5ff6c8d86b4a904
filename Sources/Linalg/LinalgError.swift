/// A failure reported by a BLAS/LAPACK routine.
public enum LinalgError: Error, Equatable, CustomStringConvertible {
    case lapackFailed(routine: String, info: Int)
    /// A routine that needs a square matrix got a `rows × cols` one.
    case notSquare(rows: Int, cols: Int)

    public var description: String {
        switch self {
        case let .lapackFailed(routine, info):
            return "LAPACK \(routine) failed with info = \(info)"
        case let .notSquare(rows, cols):
            return "expected a square matrix, got \(rows) × \(cols)"
        }
    }
}
