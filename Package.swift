// swift-tools-version: 6.1
import PackageDescription

// Module map (one-way, top to bottom):
//   streamtop → Dashboard → {TerminalUI, Profiler, Workloads} → Engine → C system libraries.
// Engine imports none of our other modules; TerminalUI imports none of the engine side.
let package = Package(
    name: "streamtop",
    products: [
        .executable(name: "streamtop", targets: ["streamtop"]),
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // No pkgConfig for ncursesw: SwiftPM drops its -D flags with a warning; the shim defines them.
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CCBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "COpenCL", pkgConfig: "OpenCL", providers: [.apt(["ocl-icd-opencl-dev", "opencl-headers"])]),

        // Vectorised float32 transcendentals, one copy per ISA level chosen at run time. Always -O2 so
        // debug test builds run (and check) the same vector code as release.
        .target(name: "CFastMath", cSettings: [.unsafeFlags(["-O2"])]),
        .target(
            name: "Engine",
            dependencies: ["CCBLAS", "COpenCL", "CFastMath", .product(name: "Atomics", package: "swift-atomics")],
            // The per-op path touches class fields dozens of times; their run-time exclusivity checks
            // were ~6% of a tiny op's instructions. Debug builds (the tests) keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(
            name: "Profiler",
            dependencies: [
                "Engine",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]),
        .target(name: "Workloads", dependencies: ["Engine"]),
        .target(name: "TerminalUI", dependencies: ["CNCursesW"]),
        .target(name: "Dashboard", dependencies: ["TerminalUI", "Profiler", "Workloads", "Engine"]),
        .executableTarget(
            name: "streamtop",
            dependencies: [
                "Engine", "Workloads", "Profiler", "Dashboard", "TerminalUI", "CCBLAS", "COpenCL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Test-only executable: drives the real terminal layer so tmux tests can watch it.
        .executableTarget(name: "tui-harness", dependencies: ["TerminalUI"], path: "Sources/TUIHarness"),
        // Render/diff/serialize timings of a full mixed-widget frame (not a test: prints figures).
        .executableTarget(name: "tui-bench", dependencies: ["TerminalUI", "TUIDemo"], path: "Benchmarks/TUIBench"),
        // Demo data: a full frame of every widget, for tui-bench and the screen tests.
        .target(name: "TUIDemo", dependencies: ["TerminalUI"]),
        // Snapshot, record and trace costs of the profiler (not a test: prints figures).
        .executableTarget(name: "profiler-bench", dependencies: ["Profiler", "Engine"], path: "Benchmarks/ProfilerBench"),

        .testTarget(name: "EngineTests", dependencies: ["Engine", "CFastMath"]),
        .testTarget(name: "WorkloadsTests", dependencies: ["Workloads", "Engine"]),
        // The tmux pane the TerminalUI and Dashboard end-to-end tests share (not a test target itself).
        .target(name: "TmuxTesting", path: "Tests/TmuxTesting"),
        .testTarget(name: "TerminalUITests", dependencies: ["TmuxTesting", "TerminalUI", "TUIDemo"]),
        .testTarget(name: "CLITests", dependencies: []),
        .testTarget(name: "OpenCLTests", dependencies: ["Engine"]),
        .testTarget(name: "ProfilerTests", dependencies: ["Profiler", "Engine"]),
        .testTarget(name: "DashboardTests", dependencies: ["TmuxTesting", "Dashboard", "TerminalUI", "Profiler", "Workloads", "Engine"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system && target.name != "CFastMath" {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
