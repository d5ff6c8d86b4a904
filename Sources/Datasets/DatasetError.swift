/// Error for any dataset problem; `description` names the path and what was wrong.
///
/// `path` is the file or directory involved, or the dataset name when no file is involved
/// (for example an invalid recipe field); it is empty only for purely in-memory data.
public struct DatasetError: Error, CustomStringConvertible, Equatable {
    /// The file, directory or dataset the problem concerns.
    public let path: String
    /// What was wrong, phrased so a user can act on it.
    public let message: String

    /// An error about `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `"<path>: <message>"`, or just the message when there is no path.
    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}
