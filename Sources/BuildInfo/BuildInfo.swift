/// What build of seplaw this is: its version, and the git commit it was built from with whether the tree
/// had uncommitted changes (recorded by `Plugins/BuildInfoPlugin` whenever a commit or a source changes;
/// `nil` when the source was not a git checkout or git was missing).
public enum BuildInfo {
    /// The release this source belongs to (raise it with each release).
    public static let version = "0.9.5"
    /// The full commit hash of the source tree at build time.
    public static let commit: String? = GeneratedBuildInfo.commit
    /// Whether tracked files differed from `commit` at build time.
    public static let dirty: Bool? = GeneratedBuildInfo.dirty

    /// `0.9.0 (commit 1a2b3c4d5e6f, dirty)`, `0.9.0 (commit unknown)`.
    public static var description: String {
        guard let commit else { return "\(version) (commit unknown)" }
        return "\(version) (commit \(commit.prefix(12))\(dirty == true ? ", dirty" : ""))"
    }
}
