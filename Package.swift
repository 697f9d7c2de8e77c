// swift-tools-version: 6.2
import PackageDescription

let librarySettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "runnel",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "runnel", targets: ["runnel"]),
        .library(name: "RunnelCore", targets: ["RunnelCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "RunnelCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: librarySettings
        ),
        .executableTarget(
            name: "runnel",
            dependencies: [
                "RunnelCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "runnel-bench",
            dependencies: ["RunnelCore", .product(name: "Yams", package: "Yams")],
            path: "Benchmarks/runnel-bench"
        ),
        .testTarget(
            name: "RunnelCoreTests",
            dependencies: ["RunnelCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "runnelTests",
            dependencies: ["runnel", "RunnelCore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
