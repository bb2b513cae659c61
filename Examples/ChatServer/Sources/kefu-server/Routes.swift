import Foundation
import HTTPTypes
import Hummingbird
import Kefu
import KefuRules
import Logging
import NIOCore

extension HTTPField.Name {
    /// The conversation id, for clients (and proxies hashing on it) that keep it out of the body.
    static let kefuConversation = HTTPField.Name("X-Kefu-Conversation")!
    static let requestID = HTTPField.Name("X-Request-Id")!
    /// The name of the replica that answered (`--name`, `KEFU_REPLICA`), for a proxy's logs and tests.
    static let kefuReplica = HTTPField.Name("X-Kefu-Replica")!
}

extension ChatServer {
    /// `POST /suggest`, `GET /health`, `POST /reload`.
    func addRoutes(to router: Router<ChatContext>) {
        router.post("suggest") { request, context in await self.suggest(request, context: context) }
        router.get("health") { _, context in
            let (generation, rules) = (self.live.generation, self.live.current)
            let health = HealthResponse(
                status: "ok", generation: generation, rules: rules, conversations: self.conversations)
            return json(.ok, health, context: context)
        }
        router.post("reload") { request, context in await self.reload(request, context: context) }
    }

    /// Suggests replies for one message. 400 for a body that is not a request, 413 past 64 KB.
    func suggest(_ request: Request, context: ChatContext) async -> Response {
        let start = ContinuousClock.now
        var log: Logger.Metadata = [:]
        let (status, body) = await answer(request, log: &log)
        log["status"] = "\(status.code)"
        log["latency_ms"] = "\(milliseconds(since: start))"
        context.logger.info("suggest", metadata: log)
        return json(status, line: body, context: context)
    }

    /// The status and the body of the answer: a ``SuggestResponse`` as a JSON line.
    private func answer(_ request: Request, log: inout Logger.Metadata) async -> (HTTPResponse.Status, [UInt8]) {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: ServerConfig.maximumBodyBytes)
        } catch is NIOTooManyBytesError {
            log["error"] = "too-large"
            let message = "the body is larger than \(ServerConfig.maximumBodyBytes) bytes"
            return (.contentTooLarge, errorLine(code: "too-large", message: message))
        } catch {
            log["error"] = "unreadable-body"
            return (.badRequest, errorLine(code: "unreadable-body", message: "the body could not be read"))
        }
        let rules = live.current  // one rule set for the whole request, even if a reload lands meanwhile
        do throws(SuggestRequest.Problem) {
            var message = try SuggestRequest.decode(Data(body.readableBytesView))
            // The body, the X-Kefu-Conversation header (what a proxy can hash on) or the query; when
            // more than one names the conversation they must agree.
            message.conversation = try ConversationID.resolve(
                body: message.conversation, headers: request.headers[values: .kefuConversation],
                query: request.uri.queryParameters[values: "conversation"].map(String.init), requestID: message.id)
            let (text, isTruncated) = try message.prepared(
                for: rules, maximumIDBytes: ServerConfig.maximumConversationIDBytes)
            let warnings: [SuggestResponse.Problem] = isTruncated ? [.messageTruncated] : []
            let suggestion = conversations.suggest(
                text, rules: rules, product: message.product, conversation: message.conversation,
                limits: SuggestionLimits(), time: message.time ?? Date().timeIntervalSince1970)
            log["intents"] = "\(suggestion.intents.map(\.id).joined(separator: ","))"
            log["replies"] = "\(suggestion.replies.count)"
            if config.logText { log["text"] = "\(text)" }
            let response = SuggestResponse(id: message.id, text: text, suggestion: suggestion, warnings: warnings)
            return (.ok, response.jsonLine())
        } catch {
            log["error"] = "\(error.code)"
            return (.badRequest, SuggestResponse(error).jsonLine())
        }
    }

    /// Reloads the configured rules directory; needs `Authorization: Bearer $KEFU_RELOAD_TOKEN`.
    /// The request's body is never read: what is reloaded is fixed at start.
    func reload(_ request: Request, context: ChatContext) async -> Response {
        guard let token = config.reloadToken else {
            context.logger.warning("reload refused: KEFU_RELOAD_TOKEN is not set")
            return json(.forbidden, line: errorLine(
                code: "reload-disabled", message: "reloading over HTTP is disabled (KEFU_RELOAD_TOKEN is not set)"),
                        context: context)
        }
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer "),
            constantTimeEqual(authorization.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces), token)
        else {
            context.logger.warning("reload refused: missing or wrong bearer token")
            return json(.forbidden,
                        line: errorLine(code: "forbidden", message: "a valid 'Authorization: Bearer' token is needed"),
                        context: context)
        }
        switch await reload(trigger: "POST /reload", logger: context.logger) {
        case .success(let (generation, rules)):
            let health = HealthResponse(
                status: "reloaded", generation: generation, rules: rules, conversations: conversations)
            return json(.ok, health, context: context)
        case .failure(let failure):
            return json(.unprocessableContent, failure, context: context)
        }
    }
}

/// A JSON response with sorted keys from a value `JSONEncoder` writes (health, reloading).
private func json(_ status: HTTPResponse.Status, _ value: some Encodable, context: ChatContext) -> Response {
    guard var data = try? JSONEncoder.sorted.encode(value) else {
        return json(status, line: errorLine(code: "internal", message: "encoding failed"), context: context)
    }
    data.append(0x0A)
    return json(status, line: data, context: context)
}

/// A JSON response whose body is `line` (a JSON object and a newline), carrying the request id the
/// log lines carry.
private func json(_ status: HTTPResponse.Status, line: some Sequence<UInt8>, context: ChatContext) -> Response {
    Response(
        status: status,
        headers: [.contentType: "application/json; charset=utf-8", .requestID: context.id],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: line)))
}

/// An answer that is only an error, `{"error": {"code", "message"}}`, as `kefu suggest` writes one.
private func errorLine(code: String, message: String) -> [UInt8] {
    SuggestResponse(id: nil, error: .init(code: code, message: message)).jsonLine()
}

private func milliseconds(since start: ContinuousClock.Instant) -> String {
    let elapsed = ContinuousClock.now - start
    let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    return String(format: "%.2f", ms)
}

/// Compares secrets in time that depends on their lengths only.
private func constantTimeEqual(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
    let (x, y) = (Array(a.utf8), Array(b.utf8))
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
}
