import Foundation
import PackagePlugin

/// Before every build, writes `GeneratedBuildInfo.swift` (the git commit of the package and whether its
/// tree is dirty) for the BuildInfo target, through `Scripts/build-info.sh`. The script never fails: without
/// git or outside a repository it records an unknown commit, and it rewrites the file only when its text
/// changes, so an unchanged tree recompiles nothing.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        let package = context.package.directoryURL
        return [.prebuildCommand(
            displayName: "Recording the git commit of \(package.lastPathComponent)",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: [package.appendingPathComponent("Scripts/build-info.sh").path, package.path,
                        output.appendingPathComponent("GeneratedBuildInfo.swift").path],
            outputFilesDirectory: output)]
    }
}
