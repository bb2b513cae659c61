import Foundation
import Kefu

/// One output line of `kefu suggest`.
struct SuggestRecord: Encodable {
    struct Problem: Encodable {
        var code: String
        var message: String
    }

    struct IntentRecord: Encodable {
        var id: String
        var score: Double
        var evidence: [EvidenceRecord]?
    }

    struct EvidenceRecord: Encodable {
        var matcher: String
        var weight: Double
        var text: String
        /// UTF-16 offsets into the original message.
        var original: [Int]
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

    struct Explanation: Encodable {
        var normalized: String
        var tokens: [String]
        var candidates: [IntentRecord]
    }

    var id: RequestID?
    var text: String?
    var intents: [IntentRecord]?
    var slots: Slots?
    var replies: [ReplyRecord]?
    var products: [ProductRecord]?
    var product: String?
    var explanation: Explanation?
    var warnings: [Problem]?
    var error: Problem?

    init(id: RequestID?, error: Problem) {
        self.id = id
        self.error = error
    }

    init(id: RequestID?, text: String, suggestion: Suggestion, explain: Bool, warnings: [Problem]) {
        let analysis = suggestion.analysis
        self.id = id
        self.text = text
        func record(_ match: IntentMatch) -> IntentRecord {
            IntentRecord(
                id: match.id, score: match.score,
                evidence: explain
                    ? match.evidence.map { evidence in
                        let original = analysis.text.originalRange(of: evidence.range)
                        return EvidenceRecord(
                            matcher: evidence.matcher, weight: evidence.weight,
                            text: analysis.text.originalText(in: evidence.range),
                            original: [original.lowerBound, original.upperBound])
                    } : nil)
        }
        intents = suggestion.intents.map(record)
        slots = suggestion.slots
        replies = suggestion.replies.map {
            ReplyRecord(id: $0.id, intent: $0.intent, text: $0.text, score: $0.score, because: $0.because)
        }
        products = suggestion.products.map { ProductRecord(id: $0.id, name: $0.name, score: $0.score, because: $0.because) }
        product = suggestion.productID
        if explain {
            explanation = Explanation(
                normalized: analysis.text.text, tokens: analysis.tokens.map(analysis.text.text(of:)),
                candidates: analysis.candidates.map(record))
        }
        self.warnings = warnings.isEmpty ? nil : warnings
    }

    enum CodingKeys: String, CodingKey {
        case id, text, intents, slots, replies, products, product, explanation, warnings, error
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(text, forKey: .text)
        try container.encodeIfPresent(intents, forKey: .intents)
        try container.encodeIfPresent(slots, forKey: .slots)
        try container.encodeIfPresent(replies, forKey: .replies)
        try container.encodeIfPresent(products, forKey: .products)
        try container.encodeIfPresent(product, forKey: .product)
        try container.encodeIfPresent(explanation, forKey: .explanation)
        try container.encodeIfPresent(warnings, forKey: .warnings)
        try container.encodeIfPresent(error, forKey: .error)
    }
}

extension SuggestRecord {
    /// The `--format text` block: the message, the intents with scores, the slots, a blank line.
    func readable() -> String {
        var lines: [String] = []
        if let error {
            lines.append("error [\(error.code)]: \(error.message)")
        } else {
            lines.append(text ?? "")
            let found = (intents ?? []).map { "\($0.id) \(format($0.score))" }
            lines.append("  intents: " + (found.isEmpty ? "none" : found.joined(separator: ", ")))
            if let slots, let data = try? JSONEncoder.sorted.encode(slots), let json = String(data: data, encoding: .utf8),
                json != "{}"
            {
                lines.append("  slots: " + json)
            }
            for intent in intents ?? [] {
                for evidence in intent.evidence ?? [] {
                    lines.append("    \(intent.id) ← \(evidence.matcher) \"\(evidence.text)\" (\(format(evidence.weight)))")
                }
            }
            for reply in replies ?? [] { lines.append("  reply \(reply.id) \(format(reply.score)): \(reply.text)") }
            for product in products ?? [] {
                lines.append("  product \(product.id) \(product.name) \(format(product.score)): \(product.because)")
            }
            for warning in warnings ?? [] { lines.append("  warning [\(warning.code)]: \(warning.message)") }
        }
        if let id {
            switch id {
            case .string(let text): lines[0] = "[\(text)] " + lines[0]
            case .number(let value): lines[0] = "[\(value == value.rounded() ? String(Int64(value)) : String(value))] " + lines[0]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension JSONEncoder {
    /// Sorted keys, slashes unescaped: deterministic output.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
