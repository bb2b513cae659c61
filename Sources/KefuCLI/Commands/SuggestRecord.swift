import Foundation
import Kefu
import KefuRules

/// One output line of `kefu suggest`.
struct SuggestRecord {
    struct Problem {
        var code: String
        var message: String
    }

    struct IntentRecord {
        var id: String
        var score: Double
        var evidence: [EvidenceRecord]?
    }

    struct EvidenceRecord {
        var matcher: String
        var weight: Double
        var text: String
        /// UTF-16 offsets into the original message.
        var original: [Int]
    }

    struct ReplyRecord {
        var id: String
        var intent: String
        var text: String
        var score: Double
        var because: String
    }

    struct ProductRecord {
        var id: String
        var name: String
        var score: Double
        var because: String
    }

    struct Explanation {
        var normalized: String
        var tokens: [String]
        var candidates: [IntentRecord]
    }

    var id: SuggestRequest.ID?
    var text: String?
    var intents: [IntentRecord]?
    var slots: Slots?
    var replies: [ReplyRecord]?
    var products: [ProductRecord]?
    var product: String?
    var explanation: Explanation?
    var warnings: [Problem]?
    var error: Problem?

    init(id: SuggestRequest.ID?, error: Problem) {
        self.id = id
        self.error = error
    }

    init(id: SuggestRequest.ID?, text: String, suggestion: Suggestion, explain: Bool, warnings: [Problem]) {
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
            if let slots, !slots.isEmpty {
                var json = JSONLine()
                slots.write(to: &json)
                lines.append("  slots: " + json.withBytes { String(decoding: $0, as: UTF8.self) })
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
            case .number(let value):
                // A whole number as an integer, when it is one Int64 holds (1e300 trapped here).
                let text = value == value.rounded() ? Int64(exactly: value).map { String($0) } : nil
                lines[0] = "[\(text ?? String(value))] " + lines[0]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}


extension SuggestRecord {
    /// Writes the record as one JSON object with sorted keys (see ``JSONLine``).
    func write(to json: inout JSONLine) {
        json.beginObject()
        if let error {
            json.key("error")
            json.beginObject()
            json.member("code", error.code)
            json.member("message", error.message)
            json.endObject()
        }
        if let explanation {
            json.key("explanation")
            json.beginObject()
            json.key("candidates")
            json.beginArray()
            for candidate in explanation.candidates { candidate.write(to: &json) }
            json.endArray()
            json.member("normalized", explanation.normalized)
            json.key("tokens")
            json.beginArray()
            for token in explanation.tokens { json.string(token) }
            json.endArray()
            json.endObject()
        }
        if let id {
            json.key("id")
            switch id {
            case .string(let text): json.string(text)
            case .number(let value): json.number(value)
            }
        }
        if let intents {
            json.key("intents")
            json.beginArray()
            for intent in intents { intent.write(to: &json) }
            json.endArray()
        }
        json.member("product", product)
        if let products {
            json.key("products")
            json.beginArray()
            for product in products {
                json.beginObject()
                json.member("because", product.because)
                json.member("id", product.id)
                json.member("name", product.name)
                json.member("score", product.score)
                json.endObject()
            }
            json.endArray()
        }
        if let replies {
            json.key("replies")
            json.beginArray()
            for reply in replies {
                json.beginObject()
                json.member("because", reply.because)
                json.member("id", reply.id)
                json.member("intent", reply.intent)
                json.member("score", reply.score)
                json.member("text", reply.text)
                json.endObject()
            }
            json.endArray()
        }
        if let slots {
            json.key("slots")
            slots.write(to: &json)
        }
        json.member("text", text)
        if let warnings {
            json.key("warnings")
            json.beginArray()
            for warning in warnings {
                json.beginObject()
                json.member("code", warning.code)
                json.member("message", warning.message)
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
    }
}

extension SuggestRecord.IntentRecord {
    func write(to json: inout JSONLine) {
        json.beginObject()
        if let evidence {
            json.key("evidence")
            json.beginArray()
            for item in evidence {
                json.beginObject()
                json.member("matcher", item.matcher)
                json.key("original")
                json.beginArray()
                for offset in item.original { json.number(offset) }
                json.endArray()
                json.member("text", item.text)
                json.member("weight", item.weight)
                json.endObject()
            }
            json.endArray()
        }
        json.member("id", id)
        json.member("score", score)
        json.endObject()
    }
}

extension Slots {
    /// The slots as a JSON object with sorted keys (the same keys as their `Codable` form).
    func write(to json: inout JSONLine) {
        json.beginObject()
        json.member("category", category)
        json.member("colour", colour)
        json.member("courier", courier)
        json.member("foot_length_cm", footLength)
        json.member("height_cm", height)
        json.member("material", material)
        json.member("money_yuan", money)
        json.member("order_number", orderNumber)
        json.member("quantity", quantity)
        json.member("region", region)
        json.member("shoe_size", shoeSize)
        json.member("size", size)
        json.member("weight_jin", weight)
        json.endObject()
    }
}
