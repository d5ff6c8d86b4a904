import Foundation
import PackagePlugin

/// Writes `GeneratedBuildInfo.swift` (the git commit of the package and whether its tree is dirty) for the
/// BuildInfo target, through `Scripts/build-info.sh`.
///
/// A build command, not a prebuild command: SwiftPM reuses its build plan on incremental builds and then skips
/// prebuild commands, so a binary built after a commit could record the commit before it. This command's inputs
/// are the git state (HEAD, the current branch's ref, packed refs, the index) and every source file of the
/// package, so a commit, a checkout, a `git add` or an edit to the code reruns it. The script never fails
/// (without git it records an unknown commit) and rewrites the file only when its text changes, so an unchanged
/// tree recompiles nothing.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
            .appendingPathComponent("GeneratedBuildInfo.swift")
        let package = context.package.directoryURL
        return [.buildCommand(
            displayName: "Recording the git commit of \(package.lastPathComponent)",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: [package.appendingPathComponent("Scripts/build-info.sh").path, package.path, output.path],
            inputFiles: gitState(of: package) + sources(of: context.package),
            outputFiles: [output])]
    }

    /// The files of `.git` that change when HEAD moves or the index changes; only those that exist.
    private func gitState(of package: URL) -> [URL] {
        let git = package.appendingPathComponent(".git")
        var names = ["HEAD", "index", "packed-refs"]
        if let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8),
           head.hasPrefix("ref: ") {
            names.append(head.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return names.map { git.appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Every source file of every target of the package, the manifest, and the script itself.
    private func sources(of package: Package) -> [URL] {
        let files = package.targets.compactMap { $0.sourceModule }.flatMap { $0.sourceFiles.map(\.url) }
        return files + [package.directoryURL.appendingPathComponent("Package.swift"),
                        package.directoryURL.appendingPathComponent("Scripts/build-info.sh")]
    }
}
