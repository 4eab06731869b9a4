// swift-tools-version: 6.0
// Endurance Run Coach: running-gait analysis from pose sequences and video, in Swift.
import Foundation
import PackageDescription

// GaitML's kernels are written for one SIMD width, chosen when the package is built (like
// `-march=native`): 16 lanes (AVX-512 F/CD/BW/DQ/VL, `-target-cpu skylake-avx512`, compilation
// condition GAITML_AVX512) where the building machine's /proc/cpuinfo lists them, else 8 lanes
// (AVX2 + FMA, `haswell`: every x86 server CPU since 2015). `RUNCOACH_SIMD=avx2` forces the 8-lane
// build, for a binary meant for other machines. Elsewhere (arm64) the default code generation applies.
#if arch(x86_64)
func buildMachineHasAVX512() -> Bool {
    if ProcessInfo.processInfo.environment["RUNCOACH_SIMD"] == "avx2" { return false }
    guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flags = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return false }
    let names = Set(flags.split(separator: " "))
    return ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy { names.contains(Substring($0)) }
}
let vectorCodeGeneration: [SwiftSetting] = buildMachineHasAVX512()
    ? [.unsafeFlags(["-target-cpu", "skylake-avx512"]), .define("GAITML_AVX512")]
    : [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let vectorCodeGeneration: [SwiftSetting] = []
#endif

let package = Package(
    name: "EnduranceRunCoach",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "GaitCore", targets: ["GaitCore"]),
        .library(name: "GaitSim", targets: ["GaitSim"]),
        .library(name: "GaitRender", targets: ["GaitRender"]),
        .library(name: "GaitValidation", targets: ["GaitValidation"]),
        .library(name: "GaitVideo", targets: ["GaitVideo"]),
        .library(name: "GaitML", targets: ["GaitML"]),
        .library(name: "GaitONNX", targets: ["GaitONNX"]),
        .library(name: "GaitData", targets: ["GaitData"]),
        .executable(name: "runcoach", targets: ["runcoach"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The ONNX protobuf messages (Sources/GaitONNX/Generated, made by scripts/onnx/regenerate-proto.sh).
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        // GaitData: SHA-256 content addresses and MD5 download checks, the Roboflow HTTP client,
        // export archives, and the pipeline's YAML config.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "GaitCore"),
        .target(name: "GaitSim", dependencies: ["GaitCore"]),
        .target(name: "GaitRender", dependencies: ["GaitCore"]),
        .target(name: "GaitValidation", dependencies: ["GaitCore", "GaitSim"]),
        .target(
            name: "GaitVideo",
            dependencies: ["GaitCore"],
            // The MediaPipe runtime is opened with dlopen at run time, so nothing links against it.
            linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
        ),
        // OpenBLAS on Linux (scripts/setup.d/20-blas.sh installs it); macOS uses Accelerate instead.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // GaitML's int8 matrix products with AVX-512 VNNI, chosen at run time (C: Swift cannot name the instruction).
        .target(name: "CInt8"),
        .target(
            name: "GaitML",
            dependencies: [
                "GaitCore", "CInt8",
                .target(name: "CBLAS", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: vectorCodeGeneration
        ),
        // GaitNet → ONNX (fp32 and int8) and the bridge to ONNX Runtime used to check it.
        .target(
            name: "GaitONNX",
            dependencies: ["GaitML", "GaitCore", .product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .target(
            name: "GaitData",
            dependencies: [
                "GaitCore", "GaitVideo",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "runcoach",
            dependencies: [
                "GaitCore", "GaitSim", "GaitRender", "GaitValidation", "GaitVideo", "GaitML", "GaitData", "GaitONNX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GaitCoreTests", dependencies: ["GaitCore"]),
        .testTarget(name: "GaitSimTests", dependencies: ["GaitSim", "GaitCore"]),
        .testTarget(name: "AnalysisTests", dependencies: ["GaitCore", "GaitSim", "GaitValidation"]),
        .testTarget(name: "GaitRenderTests", dependencies: ["GaitRender", "GaitCore"]),
        .testTarget(name: "RuncoachCLITests", dependencies: ["GaitCore", "GaitSim", "GaitRender", "GaitML"]),
        .testTarget(name: "GaitVideoTests", dependencies: ["GaitVideo", "GaitCore"]),
        .testTarget(name: "GaitDataTests", dependencies: ["GaitData", "GaitCore", "GaitML", "GaitSim"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GaitMLTests", dependencies: ["GaitML", "GaitSim", "GaitCore"], resources: [.copy("Golden")]),
        .testTarget(name: "GaitONNXTests", dependencies: ["GaitONNX", "GaitML", "GaitSim", "GaitCore"]),
    ]
)
