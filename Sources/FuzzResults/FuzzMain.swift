import Foundation

/// The executable's entry point. Built by `Scripts/fuzz.sh` (`-D FUZZING -sanitize=fuzzer`) it hands
/// control to libFuzzer's driver with `fuzzOne` as the target (all libFuzzer flags work). In a plain
/// build it replays the files named on its command line through `fuzzOne`, e.g. to reproduce a crash
/// file: `FuzzResults crash-…`.
@main
enum FuzzMain {
    static func main() {
        if let directory = ProcessInfo.processInfo.environment["SEPLAW_FUZZ_WRITE_SEEDS"] {
            FuzzStoreFixture.writeSeeds(to: directory)
            return
        }
#if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
#else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("FuzzResults: cannot read \(path)\n".utf8))
                exit(2)
            }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { fuzzOne($0.baseAddress, $0.count) }
            print("FuzzResults: \(path): \(bytes.count) bytes, no crash")
        }
#endif
    }
}

#if FUZZING
/// libFuzzer's driver (in the fuzzer runtime that `-sanitize=fuzzer` links).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32
#endif
