// swift-tools-version:6.0
import PackageDescription

// Modules, lowest first (each imports only what is listed under it):
//   BuildInfo                   the version and the git commit of the build (Plugins/BuildInfoPlugin)
//   Vocabulary                  closed choices shared by the spec and the lower modules; dataset facts
//   Linalg                      matrices, BLAS/LAPACK calls (COpenBLAS)
//   Datasets, Network, Separation
//   Sweep                       spec, job ids, results, store, summary, report (no Network, no Datasets)
//   Engine                      a job spec turned into data, a network, training and measurement
//   MPIRunner                   ranks, the worker protocol, job processes, the sweep as a library type
//   seplaw                      the command line
let package = Package(
    name: "seplaw",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "seplaw", targets: ["seplaw"]),
        .library(name: "SeplawCore", targets: ["Vocabulary", "Linalg", "Datasets", "Network", "Separation", "Sweep", "Engine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C shims: nothing but the system headers and a few inline getters.
        .systemLibrary(name: "CMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "Vocabulary"),
        // The version, and the git commit recorded by the plugin below whenever a commit or a source changes.
        .target(name: "BuildInfo", plugins: ["BuildInfoPlugin"]),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        .target(name: "Linalg", dependencies: ["COpenBLAS"]),
        .target(name: "Datasets", dependencies: ["Linalg", "Vocabulary", "CZlib"]),
        // Float32 training kernels compiled for AVX2 and the baseline, picked at load time (Swift cannot
        // target one function at AVX2 with a run-time fallback).
        // Optimised in debug builds too: the test suite trains real networks through these kernels.
        // (sqrt sets no errno, so it vectorises; results are the same, sqrt being correctly rounded either way.)
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O2", "-fno-math-errno"])]),
        .target(name: "Network", dependencies: ["Linalg", "Vocabulary", "CKernels"]),
        .target(name: "Separation", dependencies: ["Linalg"]),
        .target(name: "Features", dependencies: ["Linalg", "CZlib"]),
        .target(name: "Sweep", dependencies: [
            "Linalg", "Separation", "Vocabulary", "BuildInfo",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "Engine", dependencies: [
            "Sweep", "Datasets", "Network", "Separation", "Features", "Linalg", "Vocabulary",
        ]),
        .target(name: "MPIRunner", dependencies: ["Sweep", "Linalg", "CMPI"]),
        .executableTarget(name: "seplaw", dependencies: [
            "Engine", "MPIRunner", "Sweep", "Separation", "Network", "Linalg", "BuildInfo",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // libFuzzer targets, one per reader of outside input (built by Scripts/fuzz.sh with -sanitize=fuzzer;
        // a plain build makes them replay the files named on their command line).
        .target(name: "FuzzSupport", path: "Sources/Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzIDX", dependencies: ["Datasets", "FuzzSupport"], path: "Sources/Fuzz/FuzzIDX"),
        .executableTarget(name: "FuzzCIFAR", dependencies: ["Datasets", "FuzzSupport"], path: "Sources/Fuzz/FuzzCIFAR"),
        .executableTarget(name: "FuzzImageSet", dependencies: ["Datasets", "FuzzSupport"], path: "Sources/Fuzz/FuzzImageSet"),
        .executableTarget(name: "FuzzSpec", dependencies: ["Sweep", "Engine", "FuzzSupport"], path: "Sources/Fuzz/FuzzSpec"),
        .executableTarget(name: "FuzzResults", dependencies: ["Sweep", "Engine", "FuzzSupport"], path: "Sources/Fuzz/FuzzResults"),

        // Helpers more than one test target uses (temporary directories, files, the seplaw binary).
        .target(name: "TestSupport", dependencies: ["Sweep", "Separation"], path: "Tests/TestSupport"),
        .testTarget(name: "VocabularyTests", dependencies: ["Vocabulary"]),
        .testTarget(name: "LinalgTests", dependencies: ["Linalg"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Linalg", "Vocabulary", "CZlib"]),
        .testTarget(name: "NetworkTests", dependencies: ["Network", "Linalg", "Vocabulary", "CKernels"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SeparationTests", dependencies: ["Separation", "Linalg"]),
        .testTarget(name: "SweepTests", dependencies: ["Sweep", "Separation", "Linalg", "TestSupport"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Sweep", "Datasets", "Network", "Separation", "Linalg",
                                                        "Vocabulary", "TestSupport"]),
        .testTarget(name: "MPIRunnerTests", dependencies: ["MPIRunner", "Sweep", "TestSupport"]),
        .testTarget(name: "SeplawTests", dependencies: [
            "seplaw", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["Sweep", "Linalg", "TestSupport", "CZlib"]),
        .testTarget(name: "FeaturesTests", dependencies: ["Features", "Linalg", "TestSupport"]),
    ]
)
