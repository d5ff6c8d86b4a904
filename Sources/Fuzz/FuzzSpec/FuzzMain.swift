import FuzzSupport

/// The executable's entry point: libFuzzer's driver in a fuzzing build, a replay of the files named
/// on the command line otherwise (see `FuzzDriver`).
@main
enum FuzzMain {
    static func main() {
        FuzzDriver.run(name: "FuzzSpec", target: fuzzOne)
    }
}
