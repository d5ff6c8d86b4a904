/// An MPI call that failed.
public struct MPIError: Error, CustomStringConvertible, Sendable {
    /// The MPI function, e.g. `MPI_Send`.
    public let call: String
    /// Its return code.
    public let code: Int32
    /// What went wrong beyond the code, if known.
    public let detail: String?

    public init(call: String, code: Int32, detail: String? = nil) {
        self.call = call
        self.code = code
        self.detail = detail
    }

    public var description: String {
        "\(call) failed (code \(code))" + (detail.map { ": \($0)" } ?? "")
    }
}
