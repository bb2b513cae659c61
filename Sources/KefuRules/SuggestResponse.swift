import Kefu

/// The answer to one ``SuggestRequest``, as `kefu suggest` writes it on a line and a chat server
/// in a response body: a suggestion, or `{"id", "error": {"code", "message"}}`.
///
/// One definition of the wire format for every writer, so that a client can switch between the
/// filter and a server. Written as JSON by ``jsonLine()`` (sorted keys, absent fields left out)
/// and as a readable block by ``readable()``.
///
/// ```swift
/// let response = SuggestResponse(id: request.id, text: text, suggestion: suggestion)
/// let body: [UInt8] = response.jsonLine()  // {"id":7,"intents":[…],…}\n
/// ```
///
/// The answer is the engine's `Suggestion` itself, written out field by field, not copied into
/// records of its own first: those copies (an array of intent, reply and product records a line,
/// a retain of every string, and their release after writing) cost about 2,600 instructions a
/// plain line (callgrind, 3,000 lines, shipped rules).
///
/// Not copyable, and best lent rather than returned (`kefu suggest` hands it to a closure): with
/// the whole `Suggestion` inline, a returned response was copied and the original destroyed,
/// 1,500 instructions a line more.
public struct SuggestResponse: ~Copyable {
    /// A stable code and a message: the error of an answer, or one of its warnings.
    public struct Problem: Sendable, Hashable, Encodable {
        /// A stable code, such as `invalid-json` or `truncated`.
        public var code: String
        /// What is wrong, for a person.
        public var message: String

        /// Creates a problem.
        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }

        /// The warning of a message cut to its first ``SuggestRequest/maximumCharacters`` characters.
        public static let messageTruncated = Problem(
            code: "truncated",
            message: "message cut to its first \(SuggestRequest.maximumCharacters) characters"
        )
    }

    /// The request's id, echoed as it came; `nil` when it had none or it could not be read.
    public let id: SuggestRequest.ID?
    /// The message analyzed (cut to the limit); `nil` for an error.
    public let text: String?
    /// The answer; `nil` for an error.
    public let suggestion: Suggestion?
    /// Whether the explanation and each intent's evidence are written.
    public let explain: Bool
    /// What went wrong short of an error (a message cut to the limit, invalid UTF-8 repaired).
    public let warnings: [Problem]
    /// Why the request was not answered; `nil` for an answer.
    public let error: Problem?

    /// An error answer: `{"id", "error": {"code", "message"}}`, the id left out when `nil`.
    public init(id: SuggestRequest.ID?, error: Problem) {
        self.id = id
        self.text = nil
        self.suggestion = nil
        self.explain = false
        self.warnings = []
        self.error = error
    }

    /// The error answer to a request that cannot be answered, with its id when it could be read.
    public init(_ problem: SuggestRequest.Problem) {
        self.init(id: problem.id, error: Problem(code: problem.code, message: problem.message))
    }

    /// An answer: the suggestion for `text`, with the explanation and evidence when `explain` is set.
    public init(
        id: SuggestRequest.ID?,
        text: String,
        suggestion: Suggestion,
        explain: Bool = false,
        warnings: [Problem] = []
    ) {
        self.id = id
        self.text = text
        self.suggestion = suggestion
        self.explain = explain
        self.warnings = warnings
        self.error = nil
    }

    /// An intent's evidence as written: the matcher, its weight, a text, and the UTF-16 offsets in
    /// the original message of what it matched.
    ///
    /// The text is the original message over `original`, so that the two always agree, also where
    /// normalizing changed lengths.
    static func evidence(_ evidence: Evidence, in analysis: Analysis) -> (
        matcher: String, weight: Double, text: String, original: Range<Int>
    ) {
        let original = analysis.text.originalRange(of: evidence.range)
        return (evidence.matcher, evidence.weight, analysis.text.originalText(in: original), original)
    }
}
