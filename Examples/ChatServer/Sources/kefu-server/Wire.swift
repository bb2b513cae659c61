import Foundation
import Kefu
import KefuRules

// The JSON the server speaks: the same as `kefu suggest` (Sources/KefuCLI/Commands/SuggestRecord.swift,
// MessageRequest.swift), so a client can switch between the filter and the server.

/// A request id: a string or a number, echoed as it came.
enum MessageID: Codable, Hashable, Sendable {
    case string(String)
    case number(Double)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else {
            self = .number(try container.decode(Double.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        }
    }
}

/// Why a request cannot be answered: the HTTP status, and the `error` object of the answer.
struct RequestProblem: Error {
    var status: Int = 400
    var id: MessageID?
    var code: String
    var message: String
}

/// The body of `POST /suggest`: `{"id", "text", "product", "conversation", "time"}`.
struct SuggestRequest {
    var id: MessageID?
    var text: String
    var product: String?
    var conversation: String?
    var time: Double?

    private struct Wire: Decodable {
        var id: MessageID?
        var text: String?
        var product: String?
        var conversation: String?
        var time: Double?
    }

    private struct IDOnly: Decodable {
        var id: MessageID?
    }

    /// Decodes a body, with the same error codes as `kefu suggest`.
    static func decode(_ data: Data) throws(RequestProblem) -> SuggestRequest {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: data)
        } catch DecodingError.typeMismatch(_, let context) where !context.codingPath.isEmpty {
            throw problem(data, context)
        } catch DecodingError.valueNotFound(_, let context) where !context.codingPath.isEmpty {
            throw problem(data, context)
        } catch {
            throw RequestProblem(code: "invalid-json", message: "the body is not a valid JSON object")
        }
        guard let text = wire.text else {
            throw RequestProblem(id: wire.id, code: "missing-text", message: "the JSON object has no 'text' field")
        }
        return SuggestRequest(id: wire.id, text: text, product: wire.product, conversation: wire.conversation,
                              time: wire.time)
    }

    private static func problem(_ data: Data, _ context: DecodingError.Context) -> RequestProblem {
        let id = (try? JSONDecoder().decode(IDOnly.self, from: data))?.id
        let field = context.codingPath.map(\.stringValue).joined(separator: ".")
        return RequestProblem(id: id, code: "invalid-field", message: "field '\(field)' has the wrong type")
    }
}

/// The answer of `POST /suggest`: a suggestion, or `{"id", "error"}`. Absent fields are left out.
struct SuggestResponse: Encodable {
    struct Problem: Encodable {
        var code: String
        var message: String
    }

    struct IntentRecord: Encodable {
        var id: String
        var score: Double
    }

    struct ReplyRecord: Encodable {
        var id: String
        var intent: String
        var text: String
        var score: Double
        var because: String
    }

    struct ProductRecord: Encodable {
        var id: String
        var name: String
        var score: Double
        var because: String
    }

    var id: MessageID?
    var text: String?
    var intents: [IntentRecord]?
    var slots: Slots?
    var replies: [ReplyRecord]?
    var products: [ProductRecord]?
    var product: String?
    var warnings: [Problem]?
    var error: Problem?

    init(_ problem: RequestProblem) {
        id = problem.id
        error = Problem(code: problem.code, message: problem.message)
    }

    init(id: MessageID?, text: String, suggestion: Suggestion, warnings: [Problem]) {
        self.id = id
        self.text = text
        intents = suggestion.intents.map { IntentRecord(id: $0.id, score: $0.score) }
        slots = suggestion.slots
        replies = suggestion.replies.map {
            ReplyRecord(id: $0.id, intent: $0.intent, text: $0.text, score: $0.score, because: $0.because)
        }
        products = suggestion.products.map { ProductRecord(id: $0.id, name: $0.name, score: $0.score, because: $0.because) }
        product = suggestion.productID
        self.warnings = warnings.isEmpty ? nil : warnings
    }
}

/// `GET /health`, and the answer of a reload that worked.
struct HealthResponse: Encodable {
    var status: String
    var rulesGeneration: Int
    var intents: Int
    var products: Int

    init(status: String, generation: Int, rules: RuleSet) {
        self.status = status
        rulesGeneration = generation
        intents = rules.intents.count
        products = rules.catalog.products.count
    }

    enum CodingKeys: String, CodingKey {
        case status, intents, products
        case rulesGeneration = "rules_generation"
    }
}

/// The answer of a reload whose rules do not load: the old rules keep serving.
struct ReloadFailure: Error, Encodable {
    struct Diagnostic: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
        var code: String
    }

    var error: SuggestResponse.Problem
    var diagnostics: [Diagnostic]
    var rulesGeneration: Int

    init(_ failure: RuleLoadError, generation: Int) {
        let errors = failure.diagnostics.filter { $0.severity == .error }.count
        error = .init(code: "invalid-rules",
                      message: "the rules do not load (\(errors) error\(errors == 1 ? "" : "s")); generation \(generation) keeps serving")
        diagnostics = failure.diagnostics.map {
            Diagnostic(file: $0.file, line: $0.line, column: $0.column, severity: $0.severity.rawValue,
                       message: $0.message, code: $0.code)
        }
        rulesGeneration = generation
    }

    enum CodingKeys: String, CodingKey {
        case error, diagnostics
        case rulesGeneration = "rules_generation"
    }
}

/// An answer that is only an error: `{"error": {"code", "message"}}`.
struct ErrorResponse: Encodable {
    var error: SuggestResponse.Problem

    init(code: String, message: String) {
        error = .init(code: code, message: message)
    }
}

extension JSONEncoder {
    /// Sorted keys, slashes unescaped: the same bytes as `kefu suggest`.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
