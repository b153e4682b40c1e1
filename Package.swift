// swift-tools-version:6.0
import PackageDescription

// Layers, arrows one way:
//   ScalingLaws (numerics) ← RunIngest (files → runs) ← StudyAnalysis (runs → summaries, fits)
//   ← Charts (plots as values, cell grids)
//   ← Terminal (ncurses, keys, signals, event loop) ← scaletop (CLI wiring)
//   and beside the chain: RunIngest ← TrackingServer (MLflow tracking servers → runs, over HTTP) ← scaletop
let package = Package(
    name: "scaletop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "scaletop", targets: ["scaletop"]),
    ],
    dependencies: [
        // Only versions listed in the offline mirror resolve; `from:` must keep the major.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // TensorBoard event and W&B record messages (Swift code generated once with protoc and
        // committed; the plugin is never built here or in CI).
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        // hparams.yaml (Lightning) and config.yaml (W&B).
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // HTTP(S) to MLflow tracking servers: Swift and vendored BoringSSL, linked into the binary
        // (Foundation's URLSession would need libcurl at load time; see NIOHTTPTransport).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // ncursesw with wide characters switched on and the macros Swift cannot import wrapped.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // CBLAS (OpenBLAS) and LAPACKE.
        .systemLibrary(name: "CLapack", providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        // SQLite, for MLflow's database store.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // Async-signal-safe terminal restoration: signal handlers must not run Swift code.
        .target(name: "CTerminalGuard"),
        // cairo, for the PDF and PNG figure exports.
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),

        .target(name: "ScalingLaws", dependencies: ["CLapack"]),
        .target(
            name: "RunIngest",
            dependencies: [
                "ScalingLaws", "CSQLite",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // MLflow tracking servers → runs, followed live over HTTP(S).
        .target(
            name: "TrackingServer",
            dependencies: [
                "RunIngest",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Runs → summaries, filters and the study's fits (IsoFLOP, frontier, Approach 3).
        .target(name: "StudyAnalysis", dependencies: ["RunIngest", "ScalingLaws"]),
        .target(name: "Charts", dependencies: ["RunIngest", "ScalingLaws", "StudyAnalysis"]),
        .target(name: "Terminal", dependencies: ["Charts", "RunIngest", "ScalingLaws", "StudyAnalysis", "CNcursesw", "CTerminalGuard"]),
        // Publication figures (SVG by hand, PDF/PNG through cairo), text snapshots, data and specs.
        .target(name: "Export", dependencies: ["Charts", "RunIngest", "ScalingLaws", "StudyAnalysis", "CCairo"]),
        .executableTarget(
            name: "scaletop",
            dependencies: [
                "ScalingLaws", "RunIngest", "StudyAnalysis", "Charts", "Terminal", "Export", "TrackingServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: frame time and memory of the dashboard for a 200-run study.
        .executableTarget(
            name: "DashboardBenchmark",
            dependencies: ["Charts", "StudyAnalysis", "RunIngest", "ScalingLaws"],
            path: "bench/dashboard/DashboardBenchmark"
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // The synthetic study both the panels' snapshots and the export tests draw.
        .target(name: "DashboardTestSupport", dependencies: ["Charts", "RunIngest", "ScalingLaws", "StudyAnalysis"],
                path: "Tests/DashboardTestSupport"),
        .testTarget(name: "ScalingLawsTests", dependencies: ["ScalingLaws", "TestSupport"]),
        .testTarget(name: "RunIngestTests", dependencies: ["RunIngest", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "TrackingServerTests", dependencies: ["TrackingServer", "RunIngest", "ScalingLaws", "TestSupport"]),
        .testTarget(name: "StudyAnalysisTests", dependencies: ["StudyAnalysis", "TestSupport"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "TestSupport", "DashboardTestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "TestSupport"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Charts", "RunIngest", "ScalingLaws", "StudyAnalysis", "TestSupport", "DashboardTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
