import ArgumentParser
import Foundation
import Hummingbird
import KefuRules
import Logging

/// `kefu-server`: the command line, read into a ``ServerConfig``, then the server runs.
@main
struct KefuServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kefu-server",
        abstract: "Serve Kefu's reply suggestions over HTTP: POST /suggest, GET /health, POST /reload.",
        discussion: """
            Environment: KEFU_RULES is the rules directory when --rules is not given; \
            KEFU_RELOAD_TOKEN enables POST /reload for 'Authorization: Bearer <token>' (unset: /reload \
            answers 403). SIGHUP reloads the rules too. Rules that do not load never replace the ones \
            being served.
            """
    )

    @Option(help: "The address to bind. Keep 127.0.0.1 behind a reverse proxy.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one. The port is printed on standard output.")
    var port = 8080

    @Option(help: ArgumentHelp(
        "The rules directory (lexicon.txt and YAML rule files). Default: $KEFU_RULES, else this repository's Rules/.",
        valueName: "dir"))
    var rules: String?

    @Flag(help: "Log the shoppers' messages. Off by default: they can hold names, phone numbers, addresses.")
    var logText = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let config = ServerConfig(
            host: host, port: port,
            rulesDirectory: rules ?? environment["KEFU_RULES"].flatMap { $0.isEmpty ? nil : $0 }
                ?? ServerConfig.defaultRulesDirectory,
            reloadToken: environment["KEFU_RELOAD_TOKEN"].flatMap { $0.isEmpty ? nil : $0 },
            logText: logText)
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "kefu-server")
        logger.logLevel = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info

        do {
            let app = try await buildApplication(config, logger: logger)
            try await app.runService()
        } catch let error as RuleLoadError {
            FileHandle.standardError.write(
                Data("kefu-server: the rules in '\(config.rulesDirectory)' do not load:\n\(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// How the server runs: the command line and the environment, resolved.
struct ServerConfig: Sendable {
    /// The address to bind.
    var host: String
    /// The port, or 0 for any free one.
    var port: Int
    /// The rules directory, read at start, on `POST /reload` and on SIGHUP. Never taken from a request.
    var rulesDirectory: String
    /// The bearer token `POST /reload` needs; `nil` disables the route.
    var reloadToken: String?
    /// Whether log lines carry the shoppers' text.
    var logText: Bool

    /// The largest request body read, in bytes; larger ones get 413.
    static let maximumBodyBytes = 64 * 1024
    /// The longest conversation or product id accepted, in UTF-8 bytes (ids are keys of an in-memory
    /// table); tighter than `kefu suggest`'s default. Messages are cut as `kefu suggest` cuts them
    /// (`SuggestRequest.maximumCharacters`).
    static let maximumConversationIDBytes = 128
    /// Conversations remembered, and for how long idle (seconds).
    static let conversationCapacity = 100_000
    static let conversationIdleSeconds = 30.0 * 60

    /// `../../Rules` relative to this package: the Kefu repository's shipped rules. Resolved from
    /// where this source file was compiled, so it holds whatever the working directory.
    static var defaultRulesDirectory: String {
        URL(fileURLWithPath: #filePath)  // …/Examples/ChatServer/Sources/kefu-server/Config.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../../Rules").standardizedFileURL.path
    }
}
