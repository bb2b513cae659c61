// swift-tools-version:6.2
// Kefu's example chat server: an HTTP front for the suggestion engine, on Hummingbird 2.
// A package of its own so that Hummingbird and SwiftNIO stay out of Kefu's graph.
//
//   swift run --package-path Examples/ChatServer kefu-server --rules Rules
//   Examples/ChatServer/smoke.sh          # build, start, exercise every route, stop
//
// See README.md here for the routes.
import PackageDescription

let package = Package(
    name: "KefuChatServer",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Kefu", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in the graph through Kefu and Hummingbird; named here because the server imports them.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0", traits: []),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "kefu-server",
            dependencies: [
                .product(name: "Kefu", package: "Kefu"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
