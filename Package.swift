// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "seplaw",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "seplaw", targets: ["seplaw"]),
        .library(name: "SeplawCore", targets: ["Linalg", "Datasets", "Network", "Separation", "Sweep"]),
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

        .target(name: "Linalg", dependencies: ["COpenBLAS"]),
        .target(name: "Datasets", dependencies: ["Linalg", "CZlib"]),
        // Float32 training kernels compiled for AVX2 and the baseline, picked at load time (Swift cannot
        // target one function at AVX2 with a run-time fallback).
        // Optimised in debug builds too: the test suite trains real networks through these kernels.
        // (sqrt sets no errno, so it vectorises; results are the same, sqrt being correctly rounded either way.)
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O2", "-fno-math-errno"])]),
        .target(name: "Network", dependencies: ["Linalg", "CKernels"]),
        .target(name: "Separation", dependencies: ["Linalg"]),
        .target(name: "Sweep", dependencies: [
            "Datasets", "Network", "Separation", "Linalg",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "MPIRunner", dependencies: ["Sweep", "CMPI"]),
        .executableTarget(name: "seplaw", dependencies: [
            "Sweep", "MPIRunner", "Linalg", "Network",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // libFuzzer targets, one per reader of outside input (built by Scripts/fuzz.sh with -sanitize=fuzzer;
        // a plain build makes them replay the files named on their command line).
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzIDX", dependencies: ["Datasets", "FuzzSupport"]),
        .executableTarget(name: "FuzzCIFAR", dependencies: ["Datasets", "FuzzSupport"]),
        .executableTarget(name: "FuzzImageSet", dependencies: ["Datasets", "FuzzSupport"]),
        .executableTarget(name: "FuzzSpec", dependencies: ["Sweep", "FuzzSupport"]),
        .executableTarget(name: "FuzzResults", dependencies: ["Sweep", "FuzzSupport"]),

        .testTarget(name: "LinalgTests", dependencies: ["Linalg"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets"]),
        .testTarget(name: "NetworkTests", dependencies: ["Network"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SeparationTests", dependencies: ["Separation", "Datasets"]),
        .testTarget(name: "SweepTests", dependencies: ["Sweep", "Separation"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Sweep"]),
    ]
)
