// swift-tools-version:6.2
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Kefu",
    products: [
        .library(name: "Kefu", targets: ["Kefu", "KefuRules"]),
        .executable(name: "kefu", targets: ["KefuCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // ICU through unversioned C calls: one call per message, not per boundary.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        // The engine: normalize, segment, match, rank. No YAML, no file I/O, no printing.
        .target(name: "Kefu", dependencies: ["CICU"], swiftSettings: strictSettings),
        // The authored form: rule files (YAML) → a compiled RuleSet, with positioned diagnostics.
        .target(
            name: "KefuRules",
            dependencies: ["Kefu", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "KefuCLI",
            dependencies: ["Kefu", "KefuRules", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "KefuTests", dependencies: ["Kefu"], swiftSettings: strictSettings),
        .testTarget(name: "KefuRulesTests", dependencies: ["KefuRules"], swiftSettings: strictSettings),
        .testTarget(name: "KefuCLITests", dependencies: ["KefuCLI"], swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
