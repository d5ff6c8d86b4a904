import Linalg

/// A measurement job of `seplaw measure --out`: one directory of exported features, identified by its content.
/// A `JobSpec` carrying one (`JobSpec.features`) measures that directory instead of training a network, so that
/// the sweep's store, scheduler and worker protocol run it unchanged.
public struct FeatureJob: Codable, Sendable, Equatable, Hashable {
    /// The feature directory as given on the command line (where to read; not part of the id).
    public var directory: String
    /// 16 hex digits over the names and contents of the files `measure` reads there (`*.npy`, `*.npz`,
    /// `layers.txt`, and the same in `test/`); nil when the directory cannot be listed.
    public var digest: String?
    /// Layers wider than this are reduced to their top principal components first (`--pca`).
    public var pca: Int?

    public init(directory: String, digest: String?, pca: Int?) {
        self.directory = directory
        self.digest = digest
        self.pca = pca
    }

    /// What is shown per job (`features.directory`, and `measure.pca` when set).
    public var params: [String: ParamValue] {
        var p: [String: ParamValue] = ["features.directory": .string(directory)]
        if let pca { p["measure.pca"] = .int(pca) }
        return p
    }

    /// What the id hashes: the content digest and the options, so that the same features measured the same way
    /// have the same id wherever they lie; the location only when the content could not be read.
    public var identityJSON: String {
        var members = ["\"kind\":\"features\""]
        if let digest {
            members.append("\"digest\":" + ParamValue.quoted(digest))
        } else {
            members.append("\"directory\":" + ParamValue.quoted(directory))
        }
        if let pca { members.append("\"pca\":\(pca)") }
        return "{" + members.sorted().joined(separator: ",") + "}"
    }

    /// The id: 16 lower-case hex digits of FNV-1a 64 over `identityJSON`.
    public var id: String {
        FNV1a64.hex(FNV1a64.hash(identityJSON))
    }
}
