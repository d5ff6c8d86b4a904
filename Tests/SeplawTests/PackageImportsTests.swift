import Foundation
import XCTest

/// Package.swift declares exactly what each target imports: a module that imports something it does not
/// declare builds only by accident (through another target), and the module graph in README would lie.
final class PackageImportsTests: XCTestCase {
    /// The repository root (three levels above this file).
    private var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Target name → (declared dependencies, source folder), read from Package.swift.
    private func targets() throws -> [String: (dependencies: Set<String>, path: String)] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let pattern = try NSRegularExpression(
            pattern: #"\.(target|executableTarget|testTarget)\(name: "(\w+)"(?:, dependencies: \[(.*?)\])?(?:, path: "([^"]+)")?"#,
            options: [.dotMatchesLineSeparators])
        var result: [String: (Set<String>, String)] = [:]
        let text = manifest as NSString
        for match in pattern.matches(in: manifest, range: NSRange(location: 0, length: text.length)) {
            func group(_ index: Int) -> String? {
                let range = match.range(at: index)
                return range.location == NSNotFound ? nil : text.substring(with: range)
            }
            guard let kind = group(1), let name = group(2) else { continue }
            let list = group(3) ?? ""
            var dependencies = Set(list.matches(of: /"(\w+)"/).map { String($0.1) })
            if list.contains("swift-argument-parser") { dependencies.insert("ArgumentParser") }
            // Yams' C target (libyaml) comes with the Yams product.
            if dependencies.contains("Yams") { dependencies.insert("CYaml") }
            dependencies.remove("swift-argument-parser")
            result[name] = (dependencies, group(4) ?? (kind == "testTarget" ? "Tests/" : "Sources/") + name)
        }
        return result
    }

    func testEveryImportIsDeclaredAndEveryDependencyUsed() throws {
        let system: Set<String> = ["Foundation", "Glibc", "Darwin", "XCTest", "Dispatch", "Synchronization"]
        let targets = try targets()
        XCTAssertGreaterThan(targets.count, 20, "Package.swift was read")
        for (name, target) in targets {
            var imports = Set<String>()
            let folder = root.appendingPathComponent(target.path)
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
            for file in files {
                for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                    if let match = line.wholeMatch(of: /\s*(?:@testable\s+)?import\s+(\w+)\s*/) { imports.insert(String(match.1)) }
                }
            }
            let undeclared = imports.subtracting(target.dependencies).subtracting(system).subtracting([name])
            XCTAssertTrue(undeclared.isEmpty, "\(name) imports \(undeclared.sorted()) without declaring it in Package.swift")
            if !files.isEmpty {
                let unused = target.dependencies.subtracting(imports).subtracting(["CYaml"])
                XCTAssertTrue(unused.isEmpty, "\(name) declares \(unused.sorted()) but imports none of it")
            }
        }
    }
}
