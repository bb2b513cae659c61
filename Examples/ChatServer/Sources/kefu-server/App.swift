import Dispatch
import Foundation
import Hummingbird
import HummingbirdCore
import Kefu
import KefuRules
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// Loads the rules, builds the router and the application, and wires SIGHUP to a reload.
///
/// - Throws: ``RuleLoadError`` when the rules do not load (the server does not start without rules).
func buildApplication(_ config: ServerConfig, logger: Logger) async throws -> some ApplicationProtocol {
    let rules = try RuleSetLoader.load(directory: config.rulesDirectory)
    let server = ChatServer(config: config, rules: rules, logger: logger)
    logger.info("rules loaded", metadata: [
        "rules": "\(config.rulesDirectory)", "intents": "\(rules.intents.count)",
        "products": "\(rules.catalog.products.count)",
        "reload": "\(config.reloadToken == nil ? "SIGHUP only" : "SIGHUP and POST /reload")",
        "replica": "\(config.replicaName ?? "-")", "request_timeout_s": "\(seconds(config.requestTimeout))",
        "idle_timeout_s": "\(seconds(config.idleTimeout))",
    ])

    let router = Router(context: ChatContext.self)
    if let replica = config.replicaName { router.add(middleware: ReplicaHeaderMiddleware(name: replica)) }
    server.addRoutes(to: router)
    // Trap SIGHUP now, before the server answers, so that no early hang-up kills the process.
    let hangUps = await UnixSignalsSequence(trapping: .sighup)
    let host = config.host
    // Timeouts: a connection idle (or sending a request head) for `idleTimeout` is closed by
    // Hummingbird; a request not over within `requestTimeout` (a trickling body) by our handler.
    let http1 = HTTP1Channel.Configuration(
        additionalChannelHandlers: [RequestDeadlineHandler(limit: config.requestTimeout, logger: logger)],
        idleTimeout: config.idleTimeout)
    var app = Application(
        router: router,
        server: .http1(configuration: http1),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "kefu-server"),
        onServerRunning: { channel in
            // One line on stdout with the real port (useful with --port 0).
            let port = channel.localAddress?.port ?? 0
            FileHandle.standardOutput.write(Data("kefu-server listening on http://\(host):\(port)\n".utf8))
        },
        logger: logger
    )
    app.addServices(ReloadOnHangUp(signals: hangUps, server: server))
    return app
}

private func seconds(_ amount: TimeAmount) -> Double { Double(amount.nanoseconds) / 1e9 }

/// The request context: Hummingbird's, with the 64 KB body limit.
struct ChatContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    var maxUploadSize: Int { ServerConfig.maximumBodyBytes }
}

/// What the routes share: the rules being served, the conversations, and reloading.
final class ChatServer: Sendable {
    let config: ServerConfig
    let live: LiveRuleSet
    let conversations = ConversationStore(
        capacity: ServerConfig.conversationCapacity, idleSeconds: ServerConfig.conversationIdleSeconds)
    let logger: Logger
    /// Reloads run here, one at a time, off the request threads (loading reads files and compiles).
    private let reloadQueue = DispatchQueue(label: "kefu-server.reload")

    init(config: ServerConfig, rules: RuleSet, logger: Logger) {
        self.config = config
        self.live = LiveRuleSet(rules)
        self.logger = logger
    }

    /// Reloads the configured rules directory; on failure the old rules keep serving.
    ///
    /// - Returns: The generation now served and its rules, or why the new rules do not load (with
    ///   the generation still served).
    func reload(trigger: String, logger: Logger) async -> Result<(generation: Int, rules: RuleSet), ReloadFailure> {
        let result = await withCheckedContinuation { continuation in
            reloadQueue.async { [live, config] in
                do throws(RuleLoadError) {
                    let rules = try live.reload(directory: config.rulesDirectory)
                    continuation.resume(returning: Result<(generation: Int, rules: RuleSet), ReloadFailure>
                        .success((live.generation, rules)))
                } catch {
                    continuation.resume(returning: .failure(ReloadFailure(error, generation: live.generation)))
                }
            }
        }
        switch result {
        case .success(let (generation, rules)):
            logger.notice("rules reloaded", metadata: [
                "trigger": "\(trigger)", "rules_generation": "\(generation)", "intents": "\(rules.intents.count)",
                "products": "\(rules.catalog.products.count)",
            ])
        case .failure(let failure):
            logger.error("rules not reloaded; the old ones keep serving", metadata: [
                "trigger": "\(trigger)", "rules_generation": "\(failure.rulesGeneration)",
            ])
            for d in failure.diagnostics {
                logger.error("\(d.file):\(d.line):\(d.column): \(d.severity): \(d.message) [\(d.code)]")
            }
        }
        return result
    }
}

/// Reloads the rules on every SIGHUP until the server shuts down.
struct ReloadOnHangUp: Service {
    let signals: UnixSignalsSequence
    let server: ChatServer

    func run() async {
        for await _ in signals.cancelOnGracefulShutdown() {
            _ = await server.reload(trigger: "SIGHUP", logger: server.logger)
        }
    }
}
