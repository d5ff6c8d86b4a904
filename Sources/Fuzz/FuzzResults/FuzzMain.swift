import Foundation
import FuzzSupport

/// The executable's entry point: libFuzzer's driver in a fuzzing build, a replay of the files named
/// on the command line otherwise (see `FuzzDriver`); with `SEPLAW_FUZZ_WRITE_SEEDS=DIR` it writes the
/// seed corpus instead.
@main
enum FuzzMain {
    static func main() {
        if let directory = ProcessInfo.processInfo.environment["SEPLAW_FUZZ_WRITE_SEEDS"] {
            FuzzStoreFixture.writeSeeds(to: directory)
            return
        }
        FuzzDriver.run(name: "FuzzResults", target: fuzzOne)
    }
}
