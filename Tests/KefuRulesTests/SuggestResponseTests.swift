import Foundation
import Kefu
import Testing

@testable import KefuRules

/// The wire format that `kefu suggest` and the example chat server share: error answers byte for
/// byte, and an answer's fields against the `Suggestion` it writes.
@Suite struct SuggestResponseTests {
    static func line(_ response: borrowing SuggestResponse) -> String {
        String(decoding: response.jsonLine(), as: UTF8.self)
    }

    static func object(_ response: borrowing SuggestResponse) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(response.jsonLine()))
        return try #require(parsed as? [String: Any])
    }

    @Test func anErrorIsItsCodeAndMessageWithTheIDWhenThereIsOne() {
        let missing = SuggestRequest.Problem.missingText(id: .number(1))
        let expected = #"{"error":{"code":"missing-text","message":"the JSON object has no 'text' field"},"id":1}"#
        #expect(Self.line(SuggestResponse(missing)) == expected + "\n")
        let forbidden = SuggestResponse(id: nil, error: .init(code: "forbidden", message: "say \"please\""))
        #expect(Self.line(forbidden) == #"{"error":{"code":"forbidden","message":"say \"please\""}}"# + "\n")
        #expect(forbidden.readable() == "error [forbidden]: say \"please\"\n")
        let named = SuggestResponse(id: .string("a/1"), error: .init(code: "invalid-json", message: "no"))
        #expect(Self.line(named) == #"{"error":{"code":"invalid-json","message":"no"},"id":"a/1"}"# + "\n")
        #expect(named.readable() == "[a/1] error [invalid-json]: no\n")
    }

    @Test func anAnswerWritesTheSuggestionFieldByFieldWithSortedKeys() throws {
        let rules = try Shipped.rules.get()
        let text = "这件背心L号多长"
        let (suggestion, _) = rules.suggest(text, product: "vest-cotton-01")
        let response = SuggestResponse(
            id: .number(7), text: text, suggestion: suggestion, warnings: [.messageTruncated])
        let line = Self.line(response)
        #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))

        let object = try Self.object(response)
        let keys = ["id", "intents", "product", "products", "replies", "slots", "text", "warnings"]
        #expect(object.keys.sorted() == keys)
        #expect(object["id"] as? Int == 7)
        #expect(object["text"] as? String == text)
        #expect(object["product"] as? String == "vest-cotton-01")
        let intents = try #require(object["intents"] as? [[String: Any]])
        #expect(intents.map { $0["id"] as? String } == suggestion.intents.map(\.id))
        #expect(intents.allSatisfy { $0["evidence"] == nil })
        let replies = try #require(object["replies"] as? [[String: Any]])
        #expect(replies.map { $0["text"] as? String } == suggestion.replies.map(\.text))
        #expect(replies.map { $0["score"] as? Double } == suggestion.replies.map(\.score))
        let warnings = try #require(object["warnings"] as? [[String: String]])
        #expect(warnings == [["code": "truncated", "message": "message cut to its first 4096 characters"]])

        // The keys in order, as JSONEncoder with .sortedKeys writes them; the slots as their Codable form.
        let slots = String(decoding: try JSONEncoder.sorted.encode(suggestion.slots), as: UTF8.self)
        #expect(line.contains(#""slots":"# + slots + #","text":"#))
        #expect(line.hasPrefix(#"{"id":7,"intents":[{"id":"size","score":"#))

        let block = response.readable()
        #expect(block.hasPrefix("[7] \(text)\n  intents: size "))
        #expect(block.hasSuffix("  warning [truncated]: message cut to its first 4096 characters\n"))
    }

    @Test func explainingAddsTheExplanationAndEachIntentsEvidence() throws {
        let rules = try Shipped.rules.get()
        let text = "ＸＬ码能包邮吗"  // full-width letters: the normalized text is shorter than the original
        let (suggestion, _) = rules.suggest(text)
        let response = SuggestResponse(id: nil, text: text, suggestion: suggestion, explain: true)
        let object = try Self.object(response)
        let explanation = try #require(object["explanation"] as? [String: Any])
        #expect(explanation["normalized"] as? String == suggestion.analysis.text.text)
        #expect((explanation["tokens"] as? [String])?.count == suggestion.analysis.tokens.count)
        let intents = try #require(object["intents"] as? [[String: Any]])
        #expect(!intents.isEmpty)
        let utf16 = Array(text.utf16)
        for intent in intents {
            let evidence = try #require(intent["evidence"] as? [[String: Any]])
            #expect(!evidence.isEmpty)
            for item in evidence {
                // The evidence's text is the original message over its offsets.
                let original = try #require(item["original"] as? [Int])
                let span = String(decoding: utf16[original[0]..<original[1]], as: UTF16.self)
                #expect(item["text"] as? String == span)
            }
        }
        #expect(response.readable().contains(" ← "))
    }
}
