import Foundation
import Kefu

/// One message to answer, as `kefu suggest` reads it from a JSON line and a chat server from a
/// request body: `{"id", "text", "product", "conversation", "time"}`.
///
/// One definition for every reader, so that the filter, a server and the fuzz targets accept the
/// same input, refuse it with the same error codes, and apply the same limits.
///
/// ```swift
/// let request = try SuggestRequest.decode(Data(#"{"id":7,"text":"包邮吗"}"#.utf8))
/// let (text, isTruncated) = try request.prepared(for: rules)
/// ```
public struct SuggestRequest: Sendable, Hashable {
    /// A request id: a string or a number, echoed as it came.
    public enum ID: Codable, Hashable, Sendable {
        /// A string id.
        case string(String)
        /// A numeric id.
        case number(Double)

        /// Reads a string, else a number.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .string(text)
            } else {
                self = .number(try container.decode(Double.self))
            }
        }

        /// Writes the id as it came; a whole number without a fraction.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let text): try container.encode(text)
            case .number(let value):
                if value == value.rounded(), abs(value) < 1e15 {
                    try container.encode(Int64(value))
                } else {
                    try container.encode(value)
                }
            }
        }
    }

    /// Why a request cannot be answered: a stable code, a message, and the id when it could be read.
    public struct Problem: Error, Sendable, Hashable {
        /// The request's id, if it could be read.
        public var id: ID?
        /// `invalid-json`, `invalid-field`, `missing-text` or `unknown-product`.
        public var code: String
        /// What is wrong.
        public var message: String

        /// Creates a problem.
        public init(id: ID? = nil, code: String, message: String) {
            self.id = id
            self.code = code
            self.message = message
        }

        /// The bytes are not a JSON object (or not one `JSONDecoder` reads).
        package static let invalidJSON = Problem(code: "invalid-json", message: "the line is not a valid JSON object")

        /// A field of the wrong type; `field` is its key.
        package static func wrongType(_ field: String, id: ID?) -> Problem {
            Problem(id: id, code: "invalid-field", message: "field '\(field)' has the wrong type")
        }

        /// No `text`, or `text` is `null`.
        package static func missingText(id: ID?) -> Problem {
            Problem(id: id, code: "missing-text", message: "the JSON object has no 'text' field")
        }
    }

    /// The longest message analyzed, in Unicode scalars (not grapheme clusters: a flood of
    /// combining marks is one cluster of any length, and the limit is there to bound the work).
    public static let maximumCharacters = 4_096
    /// The longest conversation or product id accepted by default, in UTF-8 bytes.
    public static let maximumIDBytes = 256

    /// The id, echoed in the answer.
    public var id: ID?
    /// The message as the shopper typed it.
    public var text: String
    /// The id of the product in view.
    public var product: String?
    /// The conversation the message belongs to.
    public var conversation: String?
    /// The time of the message, in seconds.
    public var time: Double?

    /// A request for a plain-text message.
    public init(text: String, id: ID? = nil, product: String? = nil, conversation: String? = nil, time: Double? = nil) {
        self.text = text
        self.id = id
        self.product = product
        self.conversation = conversation
        self.time = time
    }

    /// Reads a JSON request.
    ///
    /// Accepts and refuses exactly what Foundation's `JSONDecoder` did (``decodeWithFoundation(_:)``),
    /// through the hand-written ``RequestReader``.
    ///
    /// - Returns: The request.
    /// - Throws: ``Problem`` `invalid-json` for anything but a JSON object, `invalid-field` for a
    ///   field of the wrong type, `missing-text` without `text`.
    public static func decode(_ data: Data) throws(Problem) -> SuggestRequest {
        let result = data.withUnsafeBytes { raw -> Result<SuggestRequest, Problem> in
            Result { () throws(Problem) in try decode(raw.assumingMemoryBound(to: UInt8.self)) }
        }
        return try result.get()
    }

    /// Reads a JSON request from its bytes, without copying them: how `kefu suggest` reads a line.
    ///
    /// ```swift
    /// let line: [UInt8] = Array(#"{"id":7,"text":"包邮吗"}"#.utf8)
    /// let request = try SuggestRequest.decode(line.span)
    /// ```
    /// - Parameter bytes: The request as JSON text, normally UTF-8; like `JSONDecoder`, a UTF-8
    ///   byte-order mark is skipped and UTF-16 or UTF-32 is recognized.
    /// - Returns: The request.
    /// - Throws: ``Problem`` `invalid-json`, `invalid-field` or `missing-text`, as ``decode(_:)-(Data)``.
    public static func decode(_ bytes: Span<UInt8>) throws(Problem) -> SuggestRequest {
        try bytes.withUnsafeBufferPointer { buffer throws(Problem) in try decode(buffer) }
    }

    /// Reads a JSON request from bytes the caller has checked are UTF-8 (see ``decode(_:)-(Span<UInt8>)``).
    package static func decode(_ bytes: Span<UInt8>, isKnownUTF8: Bool) throws(Problem) -> SuggestRequest {
        try bytes.withUnsafeBufferPointer { buffer throws(Problem) in try decode(buffer, isKnownUTF8: isKnownUTF8) }
    }

    /// Reads a JSON request from bytes in memory (see ``decode(_:)-(Span<UInt8>)``).
    ///
    /// - Parameter isKnownUTF8: The caller has checked that the bytes are UTF-8 (as `kefu suggest`
    ///   does for every line): the text is then not checked a second time.
    package static func decode(_ bytes: UnsafeBufferPointer<UInt8>, isKnownUTF8: Bool = false) throws(Problem)
        -> SuggestRequest
    {
        switch RequestReader.encoding(of: bytes) {
        case .utf8(let byteOrderMarkLength):
            return try RequestReader.request(
                in: UnsafeBufferPointer(rebasing: bytes[byteOrderMarkLength...]), isKnownUTF8: isKnownUTF8)
        case .other:
            // UTF-16 or UTF-32: JSONDecoder converts it to UTF-8 first. Rare enough to leave to it.
            return try decodeWithFoundation(Data(buffer: bytes))
        }
    }

    /// Checks the request against a rule set and its limits, and gives the text to analyze.
    ///
    /// - Parameters:
    ///   - rules: The rules that will answer; the product must be in their catalog.
    ///   - maximumIDBytes: The longest conversation or product id accepted.
    /// - Returns: The text, cut to ``maximumCharacters`` scalars, and whether it was cut.
    /// - Throws: ``Problem`` `invalid-field` for an id that is too long, `unknown-product`.
    public func prepared(for rules: RuleSet, maximumIDBytes: Int = maximumIDBytes) throws(Problem)
        -> (text: String, isTruncated: Bool)
    {
        // No array of the two ids per request: it cost more than the checks (callgrind).
        func check(_ value: String?, _ name: String) throws(Problem) {
            if let value, value.utf8.count > maximumIDBytes {
                throw Problem(id: id, code: "invalid-field", message: "'\(name)' is longer than \(maximumIDBytes) bytes")
            }
        }
        try check(conversation, "conversation")
        try check(product, "product")
        if let product, rules.catalog.product(id: product) == nil {
            throw Problem(id: id, code: "unknown-product", message: "no product '\(product)' in the catalog")
        }
        // A scalar takes at least one UTF-8 byte, so a text of no more bytes than the limit is
        // within it without counting its scalars.
        guard text.utf8.count > Self.maximumCharacters, text.unicodeScalars.count > Self.maximumCharacters else {
            return (text, false)
        }
        return (String(String.UnicodeScalarView(text.unicodeScalars.prefix(Self.maximumCharacters))), true)
    }
}
