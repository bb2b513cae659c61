import Foundation
import Kefu
import KefuRules

/// One output line of `kefu suggest`: an answer or an error, with the id and any warnings.
///
/// The answer is the library's ``Suggestion`` itself, written out field by field (``write(to:)``,
/// ``readable()``), not copied into records of its own first: those copies (an array of intent,
/// reply and product records a line, a retain of every string, and their release after writing)
/// cost about 2,600 instructions a plain line (callgrind, 3,000 lines, shipped rules).
///
/// Not copyable, and lent rather than returned (``Suggest``'s `answer`): with the whole `Suggestion`
/// inline, a returned record was copied and the original destroyed, 1,500 instructions a line more.
struct SuggestRecord: ~Copyable {
    struct Problem {
        var code: String
        var message: String
    }

    var id: SuggestRequest.ID?
    /// The message analyzed (cut to the limit); `nil` for an error.
    var text: String?
    /// The answer; `nil` for an error.
    var suggestion: Suggestion?
    /// Whether to add the explanation and each intent's evidence.
    var explain = false
    var warnings: [Problem] = []
    var error: Problem?

    init(id: SuggestRequest.ID?, error: Problem) {
        self.id = id
        self.error = error
    }

    init(id: SuggestRequest.ID?, text: String, suggestion: Suggestion, explain: Bool, warnings: [Problem]) {
        self.id = id
        self.text = text
        self.suggestion = suggestion
        self.explain = explain
        self.warnings = warnings
    }

    /// An intent's evidence as written: the matcher, its weight, a text, and the UTF-16 offsets in
    /// the original message of what it matched.
    ///
    /// The text is the original message over `original`, so that the two always agree (until
    /// session 5 it was cut over the evidence's offsets in the *normalized* text, which gave the
    /// wrong span where normalizing changed lengths, and crashed where it made the text longer).
    static func evidence(_ evidence: Evidence, in analysis: Analysis) -> (
        matcher: String, weight: Double, text: String, original: Range<Int>
    ) {
        let original = analysis.text.originalRange(of: evidence.range)
        return (evidence.matcher, evidence.weight, analysis.text.originalText(in: original), original)
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
            let intents = suggestion?.intents ?? []
            let found = intents.map { "\($0.id) \(format($0.score))" }
            lines.append("  intents: " + (found.isEmpty ? "none" : found.joined(separator: ", ")))
            if let slots = suggestion?.slots, !slots.isEmpty {
                var json = JSONLine()
                slots.write(to: &json)
                lines.append("  slots: " + json.withBytes { String(decoding: $0, as: UTF8.self) })
            }
            if explain, let analysis = suggestion?.analysis {
                for intent in intents {
                    for item in intent.evidence {
                        let evidence = Self.evidence(item, in: analysis)
                        lines.append(
                            "    \(intent.id) ← \(evidence.matcher) \"\(evidence.text)\" (\(format(evidence.weight)))")
                    }
                }
            }
            for reply in suggestion?.replies ?? [] {
                lines.append("  reply \(reply.id) \(format(reply.score)): \(reply.text)")
            }
            for product in suggestion?.products ?? [] {
                lines.append("  product \(product.id) \(product.name) \(format(product.score)): \(product.because)")
            }
            for warning in warnings { lines.append("  warning [\(warning.code)]: \(warning.message)") }
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
        if explain, let analysis = suggestion?.analysis {
            json.key("explanation")
            json.beginObject()
            json.key("candidates")
            json.beginArray()
            for candidate in analysis.candidates { Self.write(candidate, evidenceIn: analysis, to: &json) }
            json.endArray()
            json.member("normalized", analysis.text.text)
            json.key("tokens")
            json.beginArray()
            for token in analysis.tokens { json.string(analysis.text.text(of: token)) }
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
        if let suggestion {
            let analysis = explain ? suggestion.analysis : nil
            json.key("intents")
            json.beginArray()
            for intent in suggestion.intents { Self.write(intent, evidenceIn: analysis, to: &json) }
            json.endArray()
            json.member("product", suggestion.productID)
            json.key("products")
            json.beginArray()
            for product in suggestion.products {
                json.beginObject()
                json.member("because", product.because)
                json.member("id", product.id)
                json.member("name", product.name)
                json.member("score", product.score)
                json.endObject()
            }
            json.endArray()
            json.key("replies")
            json.beginArray()
            // By index, not `for reply in`: a copy of each reply retained and released its four strings.
            for index in suggestion.replies.indices {
                json.beginObject()
                json.member("because", suggestion.replies[index].because)
                json.member("id", suggestion.replies[index].id)
                json.member("intent", suggestion.replies[index].intent)
                json.member("score", suggestion.replies[index].score)
                json.member("text", suggestion.replies[index].text)
                json.endObject()
            }
            json.endArray()
            json.key("slots")
            suggestion.slots.write(to: &json)
        }
        json.member("text", text)
        if !warnings.isEmpty {
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

    /// Writes an intent as `{"evidence"?, "id", "score"}`; the evidence only with an analysis to place it in.
    private static func write(_ intent: IntentMatch, evidenceIn analysis: Analysis?, to json: inout JSONLine) {
        json.beginObject()
        if let analysis {
            json.key("evidence")
            json.beginArray()
            for item in intent.evidence {
                let evidence = Self.evidence(item, in: analysis)
                json.beginObject()
                json.member("matcher", evidence.matcher)
                json.key("original")
                json.beginArray()
                json.number(evidence.original.lowerBound)
                json.number(evidence.original.upperBound)
                json.endArray()
                json.member("text", evidence.text)
                json.member("weight", evidence.weight)
                json.endObject()
            }
            json.endArray()
        }
        json.member("id", intent.id)
        json.member("score", intent.score)
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
