// swift-tools-version:6.1
// Kefu's benchmarks, a package of their own so that package-benchmark stays out of Kefu's graph.
//
//   swift package --package-path Benchmarks --scratch-path Benchmarks/.build benchmark
//   swift run -c release --package-path Benchmarks --scratch-path Benchmarks/.build KefuThroughput
//
// or simply Benchmarks/run.sh.
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "KefuBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "Kefu", path: "../"),
    ],
    targets: [
        // package-benchmark suite: the command plugin runs every executable target in a folder named
        // `Benchmarks` (this package's root), so this one lives in Benchmarks/KefuBenchmarks.
        .executableTarget(
            name: "KefuBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Kefu", package: "Kefu"),
                "KefuBenchmarkSupport",
            ],
            path: "KefuBenchmarks",
            swiftSettings: strictSettings,
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // Per-message and MB/s figures over the whole corpus. Kept under Sources/ (not directly under
        // Benchmarks/) so that the benchmark plugin does not take it for a benchmark suite.
        .executableTarget(
            name: "KefuThroughput",
            dependencies: [
                "KefuBenchmarkSupport",
                .product(name: "Kefu", package: "Kefu"),
            ],
            swiftSettings: strictSettings
        ),
        // Match and suggest per message, compile time; run on the shipped and the synthetic rules.
        .executableTarget(
            name: "KefuMatchThroughput",
            dependencies: [
                "KefuBenchmarkSupport",
                .product(name: "Kefu", package: "Kefu"),
            ],
            swiftSettings: strictSettings
        ),
        // ns per request to read a JSON line: JSONDecoder against the hand-written RequestReader.
        .executableTarget(
            name: "KefuRequestDecode",
            dependencies: [
                "KefuBenchmarkSupport",
                .product(name: "Kefu", package: "Kefu"),
            ],
            swiftSettings: strictSettings
        ),
        // Reads the corpus and the lexicon (Foundation stays out of the measured code).
        .target(
            name: "KefuBenchmarkSupport",
            dependencies: [
                .product(name: "Kefu", package: "Kefu")
            ],
            swiftSettings: strictSettings
        ),
    ]
)
