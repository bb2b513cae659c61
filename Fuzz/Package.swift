// swift-tools-version:6.2
// Kefu's fuzz targets (libFuzzer), a package of their own so that the sanitizer build stays out of
// Kefu's graph. Build and run them with Fuzz/run.sh; see Fuzz/README.md.
//
// Every target is an executable whose only entry point is `LLVMFuzzerTestOneInput`: libFuzzer
// (linked by `-sanitize=fuzzer`) supplies `main`, so each one is compiled with `-parse-as-library`.
import PackageDescription

let fuzzSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .unsafeFlags(["-parse-as-library"]),
]

func fuzzTarget(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport", .product(name: "Kefu", package: "Kefu")],
        swiftSettings: fuzzSettings
    )
}

let package = Package(
    name: "KefuFuzz",
    dependencies: [
        .package(name: "Kefu", path: "../")
    ],
    targets: [
        // Shared: where the shipped rules are, loading them once, invariant checks.
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "Kefu", package: "Kefu")],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        ),
        fuzzTarget("FuzzNormalizeSegment"),
        fuzzTarget("FuzzRuleLoader"),
        fuzzTarget("FuzzSuggest"),
        fuzzTarget("FuzzRequestJSON"),
    ],
    swiftLanguageModes: [.v6]
)
