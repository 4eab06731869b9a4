// swift-tools-version: 6.0
// Endurance Run Coach: running-gait analysis from pose sequences and video, in Swift.
import PackageDescription

let package = Package(
    name: "EnduranceRunCoach",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "GaitCore", targets: ["GaitCore"]),
        .library(name: "GaitSim", targets: ["GaitSim"]),
        .library(name: "GaitRender", targets: ["GaitRender"]),
        .library(name: "GaitValidation", targets: ["GaitValidation"]),
        .library(name: "GaitVideo", targets: ["GaitVideo"]),
        .executable(name: "runcoach", targets: ["runcoach"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        .executableTarget(
            name: "runcoach",
            dependencies: [
                "GaitCore", "GaitSim", "GaitRender", "GaitValidation", "GaitVideo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GaitCoreTests", dependencies: ["GaitCore"]),
        .testTarget(name: "GaitSimTests", dependencies: ["GaitSim", "GaitCore"]),
        .testTarget(name: "AnalysisTests", dependencies: ["GaitCore", "GaitSim", "GaitValidation"]),
        .testTarget(name: "GaitRenderTests", dependencies: ["GaitRender", "GaitCore"]),
        .testTarget(name: "RuncoachCLITests", dependencies: ["GaitCore", "GaitSim", "GaitRender"]),
        .testTarget(name: "GaitVideoTests", dependencies: ["GaitVideo", "GaitCore"]),
    ]
)
