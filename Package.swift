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
        .library(name: "RunnelEngine", targets: ["RunnelEngine"]),
        .library(name: "RunnelDaemon", targets: ["RunnelDaemon"]),
        .library(name: "RunnelAPI", targets: ["RunnelAPI"]),
        .library(name: "RunnelMCP", targets: ["RunnelMCP"]),
        .library(name: "RunnelDashboard", targets: ["RunnelDashboard"]),
        .library(name: "RunnelPostgres", targets: ["RunnelPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
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
        .target(
            name: "RunnelEngine",
            dependencies: [
                "RunnelCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: librarySettings
        ),
        .target(
            name: "RunnelDaemon",
            dependencies: [
                "RunnelCore", "RunnelGit", "RunnelEngine",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: librarySettings
        ),
        .target(
            name: "RunnelAPI",
            dependencies: [
                "RunnelCore", "RunnelEngine", "RunnelDaemon", "RunnelMCP",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: librarySettings
        ),
        .target(
            name: "RunnelMCP",
            dependencies: [
                "RunnelCore",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: librarySettings
        ),
        // The web UI of `runnel serve` (/dashboard): server-rendered pages over the API.
        .target(
            name: "RunnelDashboard",
            dependencies: [
                "RunnelCore", "RunnelEngine", "RunnelDaemon", "RunnelAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: librarySettings
        ),
        // The PostgreSQL stores (cluster mode); nothing else imports postgres-nio.
        .target(
            name: "RunnelPostgres",
            dependencies: [
                "RunnelCore", "RunnelEngine", "RunnelAPI",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: librarySettings
        ),
        .executableTarget(
            name: "runnel",
            dependencies: [
                "RunnelCore",
                "RunnelGit",
                "RunnelEngine",
                "RunnelDaemon",
                "RunnelAPI",
                "RunnelMCP",
                .product(name: "MCP", package: "swift-sdk"),
                "RunnelDashboard",
                "RunnelPostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "runnel-bench",
            dependencies: [
                "RunnelCore", "RunnelGit", "RunnelEngine", "RunnelDaemon", "RunnelAPI", "RunnelDashboard",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/runnel-bench"
        ),
        // What more than one test target uses (a local OpenAI-compatible model server, git, the test database).
        .target(
            name: "RunnelTestSupport",
            dependencies: ["RunnelCore", "RunnelDaemon", "RunnelPostgres", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log")],
            path: "Tests/Support"
        ),
        .testTarget(
            name: "RunnelCoreTests",
            dependencies: ["RunnelCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RunnelGitTests",
            dependencies: ["RunnelGit", "RunnelCore", "RunnelTestSupport"]
        ),
        .testTarget(
            name: "RunnelEngineTests",
            dependencies: [
                "RunnelEngine", "RunnelCore", "RunnelPostgres", "RunnelTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "RunnelDaemonTests",
            dependencies: ["RunnelDaemon", "RunnelCore", "RunnelGit", "RunnelEngine", "RunnelTestSupport",
                           .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
        .testTarget(
            name: "RunnelAPITests",
            dependencies: [
                "RunnelAPI", "RunnelDaemon", "RunnelEngine", "RunnelCore", "RunnelPostgres", "RunnelTestSupport", "RunnelMCP",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "RunnelDashboardTests",
            dependencies: ["RunnelDashboard", "RunnelAPI", "RunnelDaemon", "RunnelEngine", "RunnelCore", "RunnelTestSupport",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird")],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "runnelTests",
            dependencies: ["runnel", "RunnelCore", "RunnelTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
