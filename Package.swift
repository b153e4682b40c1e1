// swift-tools-version:6.0
import PackageDescription

// `make install` and `make dist` build with SCALETOP_STATIC=1 (in their own build folder): the
// C libraries Debian ships as static archives are linked in, so the installed binary needs
// only glibc and a terminfo database from the machine it is copied to. Everyday builds and
// the tests link the shared libraries, which is faster.
let linksStatically = Context.environment["SCALETOP_STATIC"] == "1"

/// A static build also links the C++ runtime in (Foundation's ICU is C++): clusters often
/// have an older libstdc++ than the build machine. The swift driver asks for `-lstdc++`, so
/// the Makefile puts a `libstdc++.so` linker script naming the archive in
/// SCALETOP_STATIC_LIBS, searched first; likewise `libz.so` for the `-lz` SwiftNIO's HTTP
/// compression asks for (the tracking-server client). hypot, hypotf and arc4random go to CGlibcCompat, so that the binary
/// asks for glibc 2.34 at most. libgcc_s stays shared: its static unwinder needs glibc 2.35.
///
/// The binary is linked at a fixed address (not position-independent) and exports none of its
/// own symbols. Position-independent, the loader patched 140,030 addresses in the Swift
/// metadata and witness tables at every start, copying the 423 pages they sit on: `scaletop
/// --version` took 7.4–11.5 ms of CPU and ~900 page faults, against 5.2–6.6 ms and 340–450
/// (perf stat -r 30/40, the same objects linked both ways, issue 16); a 189 MB log loads up to 8%
/// faster. Every start pays it: a `runs` in a script, each shell completion. The price: the
/// executable's own code and data are not placed at random (the stack, the heap and the shared
/// libraries still are), and much of that code is C and C++ reading outside data (SQLite, TLS,
/// zlib, ICU, libyaml), so a memory bug there would be easier to exploit; hardening checks
/// report "No PIE" (README says so). Go links its programs this way by default. The exported
/// symbols (`-export-dynamic`, which the driver passes): 39,000, a 1 MB table the runtime's
/// start-up scanned through `dladdr`. Nothing looks our symbols up by name: `CairoLoader.c`
/// looks in cairo's library, `BLASThreading` no longer uses `dlsym`.
let staticRuntimeFlags: [LinkerSetting] = {
    guard linksStatically else { return [] }
    var flags = ["--wrap=hypot", "--wrap=hypotf", "--wrap=arc4random", "--no-export-dynamic"].flatMap { ["-Xlinker", $0] }
    flags += ["-Xclang-linker", "-no-pie"]
    if let folder = Context.environment["SCALETOP_STATIC_LIBS"] { flags += ["-L", folder] }
    return [.unsafeFlags(flags)]
}()

/// Linker settings for system libraries: `-lNAME` normally, the archives `libNAME.a` (in
/// the order given, dependencies last) for a static build.
func systemLibraries(_ shared: [String], static archives: [String]) -> [LinkerSetting] {
    linksStatically
        ? [.unsafeFlags(archives.flatMap { ["-Xlinker", "-l:lib\($0).a"] })]
        : shared.map { .linkedLibrary($0) }
}

// Layers, arrows one way:
//   ScalingLaws (numerics) ← RunIngest (files → runs) ← StudyAnalysis (runs → summaries, fits)
//   ← Charts (plots as values, cell grids)
//   ← Terminal (ncurses, keys, signals, event loop) ← scaletop (CLI wiring)
//   and beside the chain: RunIngest ← TrackingServer (MLflow tracking servers → runs, over HTTP) ← scaletop
// Linux only: inotify, poll(2) on Glibc, ncursesw, /proc and the static glibc build are
// what the dashboard is made of, and a cluster's login node is where it runs.
let package = Package(
    name: "scaletop",
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
        // glibc's allocator settings (mallopt): see Sources/scaletop/Support/FreedMemoryReuse.swift.
        .systemLibrary(name: "CMalloc"),
        // Async-signal-safe terminal restoration: signal handlers must not run Swift code.
        .target(name: "CTerminalGuard"),
        // Older glibc symbol versions for the static build's few newer ones (see its source).
        .target(name: "CGlibcCompat"),
        // cairo, for the PDF and PNG figure exports: its headers (libcairo2-dev) at build time,
        // the library itself opened with dlopen only when a PDF or PNG is asked for.
        .target(name: "CCairo"),
        // CRC-32C for TFRecord framing: SSE4.2's crc32 instruction, which Swift cannot emit.
        .target(name: "CCRC32C"),

        // The themes, sample runs and version built into the binary (see the plugin).
        .executableTarget(name: "BundleFilesTool"),
        .plugin(name: "BundleFilesPlugin", capability: .buildTool(), dependencies: ["BundleFilesTool"]),
        .target(name: "BundledFiles", plugins: ["BundleFilesPlugin"]),

        .target(name: "ScalingLaws", dependencies: ["CLapack"],
                // OpenBLAS's LAPACK is Fortran: its archive needs gfortran's and quadmath's.
                linkerSettings: systemLibraries(["lapacke", "openblas"],
                                                static: ["lapacke", "openblas", "gfortran", "quadmath"])),
        .target(
            name: "RunIngest",
            dependencies: [
                "ScalingLaws", "CSQLite", "CCRC32C",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Yams", package: "Yams"),
            ],
            linkerSettings: systemLibraries(["sqlite3"], static: ["sqlite3"])
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
        .target(name: "Terminal", dependencies: ["Charts", "RunIngest", "ScalingLaws", "StudyAnalysis", "CNcursesw", "CTerminalGuard"],
                linkerSettings: systemLibraries(["ncursesw"], static: ["ncursesw", "tinfo"])),
        // Publication figures (SVG by hand, PDF/PNG through cairo), text snapshots, data and specs.
        .target(name: "Export", dependencies: ["Charts", "RunIngest", "ScalingLaws", "StudyAnalysis", "CCairo"]),
        // A person's settings: config.yml and themes in $XDG_CONFIG_HOME/scaletop, the built-in themes.
        .target(name: "Settings", dependencies: ["BundledFiles", "Charts", "ScalingLaws", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "scaletop",
            dependencies: [
                "ScalingLaws", "RunIngest", "StudyAnalysis", "Charts", "Terminal", "Export", "TrackingServer", "Settings", "BundledFiles", "CGlibcCompat", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticRuntimeFlags
        ),
        // `make bench`: frame time and memory of the dashboard for a 200-run study.
        .executableTarget(
            name: "DashboardBenchmark",
            dependencies: ["Charts", "StudyAnalysis", "RunIngest", "ScalingLaws"],
            path: "bench/dashboard/DashboardBenchmark"
        ),

        // `make fuzz`: every parser under libFuzzer (fuzz/run.sh); a normal build of it replays
        // inputs through a parser (`ParserFuzz TARGET FILE…`).
        .executableTarget(name: "ParserFuzz", dependencies: ["RunIngest", "CLibFuzzer"], path: "fuzz/ParserFuzz"),
        // libFuzzer's driver, declared only: `-sanitize=fuzzer` links it in the fuzzing build.
        .systemLibrary(name: "CLibFuzzer", path: "fuzz/CLibFuzzer"),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // The synthetic study both the panels' snapshots and the export tests draw, and the
        // snapshots of cell grids (text and styles).
        .target(name: "DashboardTestSupport", dependencies: ["Charts", "RunIngest", "ScalingLaws", "StudyAnalysis", "TestSupport"],
                path: "Tests/DashboardTestSupport"),
        .testTarget(name: "ScalingLawsTests", dependencies: ["ScalingLaws", "TestSupport"]),
        .testTarget(name: "RunIngestTests", dependencies: ["RunIngest", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "TrackingServerTests", dependencies: ["TrackingServer", "RunIngest", "ScalingLaws", "TestSupport"]),
        .testTarget(name: "StudyAnalysisTests", dependencies: ["StudyAnalysis", "TestSupport"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "TestSupport", "DashboardTestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "SettingsTests", dependencies: ["Settings", "BundledFiles", "Charts", "TestSupport"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Charts", "RunIngest", "StudyAnalysis", "TestSupport"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Charts", "RunIngest", "ScalingLaws", "StudyAnalysis", "TestSupport", "DashboardTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
