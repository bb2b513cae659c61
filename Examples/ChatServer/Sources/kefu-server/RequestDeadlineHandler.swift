import HTTPTypes
import Logging
import NIOCore
import NIOHTTPTypes

/// Cuts off a request that is not over within a time limit: the connection is closed, with a
/// `408 Request Timeout` answer first if no answer has started.
///
/// Hummingbird's idle timeout (`HTTP1Channel.Configuration.idleTimeout`) closes a connection that
/// sends nothing, and one whose request head trickles in (no part is decoded until the head is
/// complete). It cannot close one whose *body* trickles in: every body chunk counts as activity,
/// so a client sending a byte every few seconds would hold a connection and a request task for as
/// long as it likes. This handler sits in each connection's pipeline behind the HTTP decoder and
/// gives every request a deadline, from the moment its head is decoded to the end of its answer:
///
/// ```swift
/// let http1 = HTTP1Channel.Configuration(
///     additionalChannelHandlers: [RequestDeadlineHandler(limit: .seconds(10), logger: logger)],
///     idleTimeout: .seconds(30))
/// ```
///
/// Pipelined requests are timed one after the other: the next one's clock starts when the answer
/// before it ends.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// How long one request may take.
    let limit: TimeAmount
    private let logger: Logger
    /// Request heads seen whose answer has not ended yet.
    private var pending = 0
    /// Whether the answer to the oldest pending request has started (then no 408 can be sent).
    private var isAnswerStarted = false
    private var deadline: Scheduled<Void>?

    /// Creates the handler for one connection.
    init(limit: TimeAmount, logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            pending += 1
            if deadline == nil { arm(context) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.kind != .informational:
            isAnswerStarted = true
        case .end:
            disarm()
            isAnswerStarted = false
            pending = max(0, pending - 1)
            if pending > 0 { arm(context) }
        default:
            break
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    private func arm(_ context: ChannelHandlerContext) {
        let loop = context.eventLoop.assumeIsolated()
        deadline = loop.scheduleTask(in: limit) { [self] in
            self.expire(context)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }

    private func expire(_ context: ChannelHandlerContext) {
        deadline = nil
        let seconds = Double(limit.nanoseconds) / 1e9
        logger.warning(
            "request cut off: not over within its time limit",
            metadata: [
                "limit_s": "\(seconds)", "answer_started": "\(isAnswerStarted)",
            ]
        )
        guard !isAnswerStarted else {
            context.close(promise: nil)
            return
        }
        isAnswerStarted = true
        var body = context.channel.allocator.buffer(capacity: 128)
        body.writeString(
            #"{"error":{"code":"timeout","message":"the request was not over within \#(seconds) s"}}"# + "\n"
        )
        let head = HTTPResponse(
            status: .requestTimeout,
            headerFields: [
                .contentType: "application/json; charset=utf-8", .contentLength: "\(body.readableBytes)",
                .connection: "close",
            ]
        )
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
