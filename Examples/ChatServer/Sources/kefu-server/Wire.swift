import Foundation
import Kefu
import KefuRules

// The JSON the server speaks: the same as `kefu suggest` (Sources/KefuCLI/Commands/SuggestRecord.swift,
// MessageRequest.swift), so a client can switch between the filter and the server.

// Requests are read by `KefuRules.SuggestRequest`, the type `kefu suggest` reads its JSON lines
// with: one definition of the input, its error codes and its limits.

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

    var id: SuggestRequest.ID?
    var text: String?
    var intents: [IntentRecord]?
    var slots: Slots?
    var replies: [ReplyRecord]?
    var products: [ProductRecord]?
    var product: String?
    var warnings: [Problem]?
    var error: Problem?

    init(_ problem: SuggestRequest.Problem) {
        id = problem.id
        error = Problem(code: problem.code, message: problem.message)
    }

    init(id: SuggestRequest.ID?, text: String, suggestion: Suggestion, warnings: [Problem]) {
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
    /// Conversations remembered now (at most ``ServerConfig/conversationCapacity``).
    var conversations: Int

    init(status: String, generation: Int, rules: RuleSet, conversations: Int) {
        self.status = status
        rulesGeneration = generation
        intents = rules.intents.count
        products = rules.catalog.products.count
        self.conversations = conversations
    }

    enum CodingKeys: String, CodingKey {
        case status, intents, products, conversations
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
