/// A failure reported by a BLAS/LAPACK routine.
public enum LinalgError: Error, Equatable, CustomStringConvertible {
    case lapackFailed(routine: String, info: Int)

    public var description: String {
        switch self {
        case let .lapackFailed(routine, info):
            return "LAPACK \(routine) failed with info = \(info)"
        }
    }
}
