import KefuRules

/// Where a request's conversation id comes from: the JSON body's `conversation`, the
/// `X-Kefu-Conversation` header, or the `conversation` query parameter.
///
/// A proxy cannot read the body, so a client behind one that routes by conversation (nginx:
/// `hash $http_x_kefu_conversation consistent;`) sends the id in the header, where both the proxy
/// and the server see it. Any one place is enough. When several are given they must name the same
/// conversation: a request whose header and body disagree would be routed by one id and
/// remembered under the other, and would silently lose its context on the next replica, so it is
/// refused instead. An empty header or query value counts as absent (nginx sends an empty
/// variable as no header at all).
///
/// ```swift
/// try ConversationID.resolve(body: nil, headers: ["shopper-42"], query: [], requestID: nil)  // "shopper-42"
/// try ConversationID.resolve(body: "a", headers: ["b"], query: [], requestID: nil)           // invalid-field
/// ```
enum ConversationID {
    /// The header's name, as errors quote it.
    static let headerName = "X-Kefu-Conversation"

    /// The one conversation id a request names, or `nil` when it names none.
    ///
    /// - Parameters:
    ///   - body: The body's `conversation` field.
    ///   - headers: Every `X-Kefu-Conversation` header value, in order.
    ///   - query: Every `conversation` query parameter value, percent-decoded.
    ///   - requestID: The request's `id`, echoed in an error.
    /// - Returns: The conversation id.
    /// - Throws: ``SuggestRequest/Problem`` `invalid-field` when a place repeats the id, an id is
    ///   longer than ``ServerConfig/maximumConversationIDBytes``, or two places disagree; the
    ///   message names the place and quotes the values.
    static func resolve(
        body: String?,
        headers: [String],
        query: [String],
        requestID: SuggestRequest.ID?
    ) throws(SuggestRequest.Problem) -> String? {
        func problem(_ message: String) -> SuggestRequest.Problem {
            SuggestRequest.Problem(id: requestID, code: "invalid-field", message: message)
        }
        let limit = ServerConfig.maximumConversationIDBytes
        var given: [(place: String, value: String)] = []
        if let body {
            guard body.utf8.count <= limit else { throw problem("'conversation' is longer than \(limit) bytes") }
            given.append(("the body's 'conversation'", body))
        }
        for (place, values) in [("header '\(headerName)'", headers), ("query parameter 'conversation'", query)] {
            let values = values.filter { !$0.isEmpty }
            guard values.count <= 1 else {
                throw problem("\(place) is given \(values.count) times; give the conversation id once")
            }
            guard let value = values.first else { continue }
            guard value.utf8.count <= limit else { throw problem("\(place) is longer than \(limit) bytes") }
            given.append((place, value))
        }
        guard let first = given.first else { return nil }
        if let other = given.dropFirst().first(where: { $0.value != first.value }) {
            throw problem(
                "\(first.place) '\(first.value)' and \(other.place) '\(other.value)' name different conversations"
            )
        }
        return first.value
    }
}
