import Foundation
import Kefu
import KefuRules

// The JSON the server speaks. Requests are read by `KefuRules.SuggestRequest` and answers written
// by `KefuRules.SuggestResponse`, the types `kefu suggest` reads and writes its JSON lines with: one
// definition of the input, the answer, the error codes and the limits, so that a client can switch
// between the filter and the server. What follows is the server's own: health and reloading.

/// `GET /health`, and the answer of a reload that worked.
struct HealthResponse: Encodable {
    var status: String
    var rulesGeneration: Int
    var intents: Int
    var products: Int
    /// Conversations remembered now (at most `conversationCapacity`).
    var conversations: Int
    /// The most conversations remembered (``ServerConfig/conversationCapacity``): a full store
    /// forgets the conversation saved least recently for each new one.
    var conversationCapacity: Int

    init(status: String, generation: Int, rules: RuleSet, conversations: ConversationStore) {
        self.status = status
        rulesGeneration = generation
        intents = rules.intents.count
        products = rules.catalog.products.count
        self.conversations = conversations.count
        conversationCapacity = conversations.capacity
    }

    enum CodingKeys: String, CodingKey {
        case status, intents, products, conversations
        case rulesGeneration = "rules_generation"
        case conversationCapacity = "conversation_capacity"
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

extension JSONEncoder {
    /// Sorted keys, slashes unescaped: the health and reload answers in the style of `SuggestResponse`.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
