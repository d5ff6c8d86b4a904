import CZlib
import Foundation
import TestSupport
import XCTest

/// The real `seplaw` given hostile input: what it must refuse quickly, naming the file, without
/// blocking or allocating without bound (issue "hardening, second round", classes 3 and 4).
final class HostileInputTests: XCTestCase {
    // MARK: class 4: special files as input

    func testSpecialFilesInPlaceOfInputFailFastNamingThePath() throws {
        let dir = try SweepHarness.temporaryDirectory("special")
        // Fashion-MNIST with a FIFO for the training images: reading it would block forever.
        let fashion = dir.appendingPathComponent("fashion").path
        try writeTinyFashionMNIST(in: fashion)
        let fifo = fashion + "/train-images-idx3-ubyte"
        try FileManager.default.removeItem(atPath: fifo)
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let fashionSpec = try SweepHarness.writeSpec(Self.imageSpec(name: "fashion-mnist", path: fashion), name: "fifo")
        let fromFIFO = try SweepHarness.run(["run", fashionSpec, "--job", "0"], timeout: 60)
        XCTAssertNotEqual(fromFIFO.status, 0, fromFIFO.combined)
        XCTAssertTrue(fromFIFO.combined.contains("\(fifo): not a regular file: it is a FIFO"), fromFIFO.combined)

        // CIFAR-10 whose batches are symbolic links to /dev/zero: reading one would never end.
        let cifar = dir.appendingPathComponent("cifar").path
        try FileManager.default.createDirectory(atPath: cifar, withIntermediateDirectories: true)
        for name in (1...5).map({ "data_batch_\($0).bin" }) + ["test_batch.bin"] {
            try FileManager.default.createSymbolicLink(atPath: cifar + "/" + name, withDestinationPath: "/dev/zero")
        }
        let cifarSpec = try SweepHarness.writeSpec(Self.imageSpec(name: "cifar10", path: cifar), name: "zero")
        let fromZero = try SweepHarness.run(["run", cifarSpec, "--job", "0"], timeout: 60)
        XCTAssertNotEqual(fromZero.status, 0, fromZero.combined)
        XCTAssertTrue(fromZero.combined.contains("\(cifar)/data_batch_1.bin: not a regular file: it is a character device"),
                      fromZero.combined)

        // The spec itself as a FIFO or a device.
        let specFIFO = dir.appendingPathComponent("spec-fifo.yaml").path
        XCTAssertEqual(mkfifo(specFIFO, 0o600), 0)
        let specZero = dir.appendingPathComponent("spec-zero.yaml").path
        try FileManager.default.createSymbolicLink(atPath: specZero, withDestinationPath: "/dev/zero")
        for spec in [specFIFO, specZero] {
            for arguments in [["plan", spec], ["run", spec, "--job", "0"]] {
                let outcome = try SweepHarness.run(arguments, timeout: 60)
                XCTAssertNotEqual(outcome.status, 0, outcome.combined)
                XCTAssertTrue(outcome.combined.contains("\(spec): not a regular file"), outcome.combined)
            }
        }
    }

    // MARK: class 3: bounds on what input can make seplaw allocate

    func testGzipIDXRunningFarPastItsHeaderIsRefusedWithinBoundedMemory() throws {
        let dir = try SweepHarness.temporaryDirectory("gzip-bomb")
        let fashion = dir.appendingPathComponent("fashion").path
        try writeTinyFashionMNIST(in: fashion)
        // A 2×28×28 image file whose gzip stream then runs on for 1 GiB of zeros (about 1 MB on disk).
        let images = fashion + "/train-images-idx3-ubyte"
        var bytes = try Self.gzip(Self.idx([2, 28, 28], [UInt8](repeating: 9, count: 2 * 784)))
        let mebibyte = try Self.gzip([UInt8](repeating: 0, count: 1 << 20))
        for _ in 0..<1024 { bytes += mebibyte }
        try FileManager.default.removeItem(atPath: images)
        try Data(bytes).write(to: URL(fileURLWithPath: images + ".gz"))
        let spec = try SweepHarness.writeSpec(Self.imageSpec(name: "fashion-mnist", path: fashion))
        let baseline = try Self.baselinePeakKiB()
        let outcome = try Self.runMeasuringMemory(["run", spec, "--job", "0"])
        XCTAssertEqual(outcome.status, 2, outcome.output)
        XCTAssertTrue(outcome.output.contains("\(images).gz: the gzip stream decompresses to more than"), outcome.output)
        XCTAssertTrue(outcome.output.contains("past the size its IDX header declares (2×28×28"), outcome.output)
        XCTAssertLessThan(outcome.peakKiB, baseline + 256 * 1024, "peak resident memory of seplaw run in KiB")
    }

    func testNestedYAMLAliasesAreRefusedWithinBoundedMemory() throws {
        // "Billion laughs": 342 bytes that expand to 9^9 strings.
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + [String](repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        let spec = try SweepHarness.writeSpec(lines.joined(separator: "\n") + "\n", name: "laughs")
        // And one whose aliased block is a mapping key, which Yams would hash node by node.
        let key = try SweepHarness.writeSpec(lines.dropLast().joined(separator: "\n") + "\n? *h\n: 1\n", name: "key")
        let baseline = try Self.baselinePeakKiB()
        for file in [spec, key] {
            let outcome = try Self.runMeasuringMemory(["plan", file])
            XCTAssertNotEqual(outcome.status, 0, outcome.output)
            XCTAssertTrue(outcome.output.contains("expands to more than"), outcome.output)
            XCTAssertTrue(outcome.output.contains("aliases"), outcome.output)
            XCTAssertLessThan(outcome.peakKiB, baseline + 128 * 1024, "peak resident memory of seplaw plan in KiB")
        }
        // Aliases that repeat a block a few times are still fine.
        let modest = try SweepHarness.writeSpec("""
            name: modest
            dataset: &data {name: gaussian, dimension: 20, per_class: 30, test_per_class: 10}
            model: {depth: 2, width: 16}
            train: {optimizer: sgd, lr: 0.05, epochs: 5, batch_size: 32}
            grid: {model.depth: &depths [1, 2, 3], model.width: [16, 32]}
            cases: [{dataset.dimension: 20, model.batchnorm: &bn true}, {dataset.dimension: 30, model.batchnorm: *bn}]

            """, name: "modest")
        let planned = try SweepHarness.run(["plan", modest], timeout: 120)
        XCTAssertEqual(planned.status, 0, planned.combined)
        XCTAssertTrue(planned.stdout.contains("12 jobs"), planned.stdout)
    }

    // MARK: helpers

    /// The peak resident memory of `seplaw plan` on a one-job spec: what the executable needs anyway (a
    /// sanitizer build needs hundreds of MiB more than a plain one), which the bounds above are added to.
    static func baselinePeakKiB() throws -> Int {
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(depths: [1], seeds: [0]), name: "baseline")
        let outcome = try runMeasuringMemory(["plan", spec])
        XCTAssertEqual(outcome.status, 0, outcome.output)
        return outcome.peakKiB
    }

    /// A spec of one small job on the image dataset `name` read from `path`.
    static func imageSpec(name: String, path: String) -> String {
        """
        name: hostile
        dataset: {name: \(name), path: "\(path)", per_class: 1, test_per_class: 1}
        model: {depth: 1, width: 8}
        train: {optimizer: sgd, lr: 0.05, epochs: 1, batch_size: 8}

        """
    }

    /// Four plain IDX files of ten 28×28 images, one per class, in `directory`.
    private func writeTinyFashionMNIST(in directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let pixels = (0..<(10 * 784)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let labels = (0..<10).map(UInt8.init)
        for prefix in ["train", "t10k"] {
            try Data(Self.idx([10, 28, 28], pixels)).write(to: URL(fileURLWithPath: "\(directory)/\(prefix)-images-idx3-ubyte"))
            try Data(Self.idx([10], labels)).write(to: URL(fileURLWithPath: "\(directory)/\(prefix)-labels-idx1-ubyte"))
        }
    }

    /// IDX bytes (unsigned bytes) of `dimensions` and `payload`.
    static func idx(_ dimensions: [Int], _ payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 8, UInt8(dimensions.count)]
        for d in dimensions { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: d >> $0) } }
        return bytes + payload
    }

    /// `bytes` as one gzip member.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw CocoaError(.featureUnsupported) }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw CocoaError(.featureUnsupported) }
        return Array(output.prefix(Int(stream.total_out)))
    }

    /// Runs `seplaw ARGS` with posix_spawn and wait4, for its exit status, its output (standard output and
    /// error together) and its own peak resident memory in KiB.
    static func runMeasuringMemory(_ arguments: [String]) throws -> (status: Int32, output: String, peakKiB: Int) {
        let binary = try SweepHarness.seplaw()
        let outputPath = try SweepHarness.temporaryDirectory("memory").appendingPathComponent("output").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        // A run that blocks (what these tests guard against) is killed after two minutes.
        let watchdog = Watchdog()
        let child = pid
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) {
            watchdog.lock.withLock { if !watchdog.reaped { kill(child, SIGKILL) } }
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        watchdog.lock.withLock { watchdog.reaped = true }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exited, output, Int(usage.ru_maxrss))
    }

    /// Whether the child was reaped, so that the watchdog never kills a reused process id.
    private final class Watchdog: @unchecked Sendable {
        let lock = NSLock()
        var reaped = false
    }
}
