import Foundation

/// Scratch files for one fuzzing process: `SEPLAW_FUZZ_SCRATCH` (set and removed by Scripts/fuzz.sh), else
/// a folder in /dev/shm when present (no disk traffic per input).
public enum FuzzFiles {
    public static let directory: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = ProcessInfo.processInfo.environment["SEPLAW_FUZZ_SCRATCH"] ?? "\(base)/seplaw-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Writes `bytes` to the scratch file `name` and returns its path.
    public static func write(_ bytes: some Collection<UInt8>, name: String) -> String {
        let path = directory + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            fatalError("fuzz harness: cannot write \(path)")
        }
        return path
    }
}
