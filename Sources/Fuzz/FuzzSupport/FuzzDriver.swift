import Foundation

/// The entry point shared by every fuzz target. Built by `Scripts/fuzz.sh` (`-D FUZZING -sanitize=fuzzer`)
/// it hands control to libFuzzer's driver with `target` (all libFuzzer flags work). In a plain build it
/// replays the files named on the command line through `target`, e.g. to reproduce a crash file:
/// `FuzzIDX crash-…`.
public enum FuzzDriver {
    public typealias Target = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    public static func run(name: String, target: Target) -> Never {
#if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, target))
#else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(name): cannot read \(path)\n".utf8))
                exit(2)
            }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { target($0.baseAddress, $0.count) }
            print("\(name): \(path): \(bytes.count) bytes, no crash")
        }
        exit(0)
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
