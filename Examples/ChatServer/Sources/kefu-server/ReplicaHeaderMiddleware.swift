import HTTPTypes
import Hummingbird

/// Names the replica that answered in an `X-Kefu-Replica` header, on every answer: the routes',
/// and the errors the router makes itself (404, 405).
///
/// Behind a proxy that spreads conversations over several servers, the header tells a client, a
/// log or a test which server kept a conversation's context:
///
/// ```swift
/// router.add(middleware: ReplicaHeaderMiddleware(name: "kefu-a"))
/// // curl -si …/health  →  X-Kefu-Replica: kefu-a
/// ```
struct ReplicaHeaderMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The replica's name: visible ASCII, checked when the server starts.
    let name: String

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.kefuReplica] = name
        return response
    }
}
