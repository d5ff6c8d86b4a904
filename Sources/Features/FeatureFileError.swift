/// Why a feature file (NumPy `.npy`/`.npz`, a feature directory) could not be read or written.
/// `description` names the file and what is wrong with it.
public struct FeatureFileError: Error, CustomStringConvertible, Equatable {
    /// The file or directory concerned.
    public let path: String
    /// What was wrong, phrased so a user can act on it.
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `"<path>: <message>"`.
    public var description: String { "\(path): \(message)" }
}
