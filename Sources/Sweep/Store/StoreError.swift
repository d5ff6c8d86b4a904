/// A result directory that cannot be used as asked, with a message naming the file and what to do.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// The file or directory concerned.
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
