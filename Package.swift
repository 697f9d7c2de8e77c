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
        .library(name: "RunnelGit", targets: ["RunnelGit"]),
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
        .systemLibrary(
            name: "CLibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .target(
            name: "RunnelGit",
            dependencies: ["CLibgit2", "RunnelCore"],
            swiftSettings: librarySettings
        ),
        .executableTarget(
            name: "runnel",
            dependencies: [
                "RunnelCore",
                "RunnelGit",
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
            name: "RunnelGitTests",
            dependencies: ["RunnelGit", "RunnelCore"]
        ),
        .testTarget(
            name: "runnelTests",
            dependencies: ["runnel", "RunnelCore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
