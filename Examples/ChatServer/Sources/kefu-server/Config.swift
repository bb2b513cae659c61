import ArgumentParser
import Foundation
import Hummingbird
import KefuRules
import Logging
import NIOCore

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

    @Option(help: ArgumentHelp(
        "This replica's name, sent back in an X-Kefu-Replica header on every answer. Default: $KEFU_REPLICA.",
        valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp(
        "Seconds a request may take from its head to the end of its answer (a slow body is cut off with 408).",
        valueName: "seconds"))
    var requestTimeout = ServerConfig.defaultRequestTimeoutSeconds

    @Option(help: ArgumentHelp(
        "Seconds a connection may stay idle, or take over a request's head, before it is closed.",
        valueName: "seconds"))
    var idleTimeout = ServerConfig.defaultIdleTimeoutSeconds

    func validate() throws {
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535, not '\(port)'")
        }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
        for (option, value) in [("--request-timeout", requestTimeout), ("--idle-timeout", idleTimeout)] {
            guard value > 0, value <= 3_600 else {
                throw ValidationError("\(option) must be more than 0 and at most 3600 seconds, not '\(value)'")
            }
        }
        if let name, !ServerConfig.isValidReplicaName(name) {
            throw ValidationError("--name must be 1 to 64 visible ASCII characters, not '\(name)'")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let config = ServerConfig(
            host: host, port: port,
            rulesDirectory: rules ?? environment["KEFU_RULES"].flatMap { $0.isEmpty ? nil : $0 }
                ?? ServerConfig.defaultRulesDirectory,
            reloadToken: environment["KEFU_RELOAD_TOKEN"].flatMap { $0.isEmpty ? nil : $0 },
            logText: logText,
            replicaName: name ?? environment["KEFU_REPLICA"].flatMap { $0.isEmpty ? nil : $0 },
            requestTimeout: .milliseconds(Int64(requestTimeout * 1_000)),
            idleTimeout: .milliseconds(Int64(idleTimeout * 1_000)))
        if let replica = config.replicaName, !ServerConfig.isValidReplicaName(replica) {
            FileHandle.standardError.write(
                Data("kefu-server: KEFU_REPLICA must be 1 to 64 visible ASCII characters, not '\(replica)'\n".utf8))
            throw ExitCode(64)
        }
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
    /// The name sent back in `X-Kefu-Replica` (which replica behind a proxy answered), or `nil`.
    var replicaName: String?
    /// How long one request may take, from its head to the end of its answer; past it the
    /// connection is closed (with a 408 if no answer has started). See ``RequestDeadlineHandler``.
    var requestTimeout: TimeAmount
    /// How long a connection may stay idle between requests, or spend sending a request's head,
    /// before it is closed (Hummingbird's `HTTP1Channel` idle timeout).
    var idleTimeout: TimeAmount

    /// The largest request body read, in bytes; larger ones get 413.
    static let maximumBodyBytes = 64 * 1024
    /// The longest conversation or product id accepted, in UTF-8 bytes (ids are keys of an in-memory
    /// table); tighter than `kefu suggest`'s default. Messages are cut as `kefu suggest` cuts them
    /// (`SuggestRequest.maximumCharacters`).
    static let maximumConversationIDBytes = 128
    /// The default of `--request-timeout`, in seconds: far above the few milliseconds an answer takes,
    /// far below what a client holding a connection with a trickling body would like.
    static let defaultRequestTimeoutSeconds = 10.0
    /// The default of `--idle-timeout`, in seconds. A proxy keeping connections open to the server
    /// should close them sooner (nginx: `keepalive_timeout` in the `upstream` block).
    static let defaultIdleTimeoutSeconds = 30.0
    /// Conversations remembered, and for how long idle (seconds).
    static let conversationCapacity = 100_000
    static let conversationIdleSeconds = 30.0 * 60

    /// Whether a replica name can go into a header as it is: 1 to 64 visible ASCII characters.
    static func isValidReplicaName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// `../../Rules` relative to this package: the Kefu repository's shipped rules. Resolved from
    /// where this source file was compiled, so it holds whatever the working directory.
    static var defaultRulesDirectory: String {
        URL(fileURLWithPath: #filePath)  // …/Examples/ChatServer/Sources/kefu-server/Config.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../../Rules").standardizedFileURL.path
    }
}
