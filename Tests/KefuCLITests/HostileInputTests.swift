import Foundation
import Testing

/// Hostile input through the built `kefu suggest`: every line gets exactly one answer (or an error
/// line), in order, and the stream goes on. Sizes are bounded by counting, not by timing.
@Suite struct HostileInputTests {
    /// A line each, with what its answer must hold.
    static let cases: [(name: String, bytes: [UInt8], check: @Sendable ([String: Any]) -> Bool)] = [
        ("overlong encoding", [0xC0, 0xAF, 0x61], { warning($0) == "invalid-utf8" }),
        ("lone continuation byte", [0x80, 0xE5, 0x8C, 0x85], { warning($0) == "invalid-utf8" }),
        ("surrogate encoded in UTF-8", [0xED, 0xA0, 0x80], { warning($0) == "invalid-utf8" }),
        ("NUL and control characters", Array("包\u{0}邮\u{1}\u{7}吗".utf8), { ($0["intents"] as? [Any]) != nil }),
        ("byte-order mark", [0xEF, 0xBB, 0xBF] + Array("包邮吗".utf8), { intent($0) == "shipping" }),
        ("CRLF", Array("包邮吗\r".utf8), { intent($0) == "shipping" && ($0["text"] as? String) == "包邮吗" }),
        ("deeply nested JSON", Array(("{\"text\":" + String(repeating: "[", count: 100_000)).utf8), { error($0) != nil }),
        ("lone surrogate escape", Array(#"{"text":"\ud800包邮"}"#.utf8), { error($0) != nil || intent($0) == "shipping" }),
        ("duplicate keys", Array(#"{"text":"a","text":"包邮吗"}"#.utf8), { error($0) != nil || ($0["text"] as? String) != nil }),
        ("huge number id", Array(#"{"id":1e400,"text":"包邮"}"#.utf8), { error($0) != nil || intent($0) == "shipping" }),
        ("text of the wrong type", Array(#"{"text":{"a":1}}"#.utf8), { error($0) == "invalid-field" }),
        ("combining-mark flood", Array(("a" + String(repeating: "\u{301}", count: 50_000)).utf8), {
            (($0["text"] as? String)?.unicodeScalars.count ?? .max) <= 4_097
        }),
        ("zero-width and bidi overrides", Array("包\u{200B}邮\u{202E}吗\u{2066}".utf8), { intent($0) == "shipping" }),
        ("10,000 emoji", Array(String(repeating: "😂", count: 10_000).utf8), { ($0["intents"] as? [Any]) != nil }),
        ("100 KB conversation id", Array(("{\"text\":\"在吗\",\"conversation\":\"" + String(repeating: "c", count: 100_000) + "\"}").utf8),
         { error($0) == "invalid-field" }),
        ("template syntax in text and product", Array(#"{"text":"{product.name}%@%n{{x}}","product":"{slot.size}"}"#.utf8),
         { error($0) == "unknown-product" }),
        ("template syntax in plain text", Array("尺码{product.name}%s%n{{x}}".utf8), {
            ($0["text"] as? String) == "尺码{product.name}%s%n{{x}}"
        }),
    ]

    static func warning(_ object: [String: Any]) -> String? {
        (object["warnings"] as? [[String: Any]])?.first?["code"] as? String
    }
    static func error(_ object: [String: Any]) -> String? { (object["error"] as? [String: Any])?["code"] as? String }
    static func intent(_ object: [String: Any]) -> String? {
        (object["intents"] as? [[String: Any]])?.first?["id"] as? String
    }

    @Test func everyHostileLineGetsOneAnswerInOrder() throws {
        var input: [UInt8] = []
        for (index, item) in Self.cases.enumerated() {
            input += item.bytes + [0x0A]
            input += Array("{\"id\":\(index),\"text\":\"尺码\"}\n".utf8)  // a marker after each case
        }
        input += Array("last line without newline".utf8)
        let result = try KefuProcess.run(["suggest"], input: input)
        #expect(result.status == 0)
        let lines = result.lines
        #expect(lines.count == Self.cases.count * 2 + 1)
        for (index, item) in Self.cases.enumerated() where index * 2 + 1 < lines.count {
            let answer = try JSONSerialization.jsonObject(with: Data(lines[index * 2].utf8)) as? [String: Any] ?? [:]
            let holds = item.check(answer)
            #expect(holds, "\(item.name): \(lines[index * 2].prefix(300))")
            let marker = try JSONSerialization.jsonObject(with: Data(lines[index * 2 + 1].utf8)) as? [String: Any] ?? [:]
            #expect(marker["id"] as? Int == index, "marker after \(item.name)")
        }
        #expect(lines.last?.contains("last line without newline") == true)
    }

    @Test func aTenMegabyteLineIsAnsweredTruncated() throws {
        var input = Array(String(repeating: "包邮", count: 5 * 1024 * 1024 / 3).utf8)
        input += Array("\n尺码\n".utf8)
        let result = try KefuProcess.run(["suggest"], input: input)
        #expect(result.status == 0)
        #expect(result.lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(result.lines[0].utf8)) as? [String: Any])
        #expect((first["text"] as? String)?.count == 4_096)
        #expect((first["warnings"] as? [[String: Any]])?.contains { $0["code"] as? String == "truncated" } == true)
        #expect(result.lines[1].contains("\"size\""))
    }

    /// `--explain` cut each evidence's text over its offsets in the normalized text: where NFKC
    /// made the text longer (`ǋ` is two letters, `㎝` is `cm`) it read past the original and
    /// trapped, and elsewhere it gave a span other than `original`. The text is the original over
    /// `original`.
    @Test func explainedEvidenceIsTheOriginalTextOverItsOffsets() throws {
        let messages = ["ｈｅǋｌｌｏ，這件背心Ｌ號多長？能包郵嗎㎝", "㎝㎝㎝ ǋǋǋ 包郵嗎", "那個…… 今天發貨嗎？？？", "ﷺ 尺码多大"]
        let result = try KefuProcess.run(["suggest", "--explain"], input: messages.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        #expect(result.lines.count == messages.count)
        var checked = 0
        for (message, line) in zip(messages, result.lines) {
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let utf16 = Array(message.utf16)
            for intent in answer["intents"] as? [[String: Any]] ?? [] {
                for evidence in intent["evidence"] as? [[String: Any]] ?? [] {
                    let original = try #require(evidence["original"] as? [Int])
                    #expect(original[0] >= 0 && original[0] <= original[1] && original[1] <= utf16.count)
                    let expected = String(decoding: utf16[original[0]..<original[1]], as: UTF16.self)
                    #expect(evidence["text"] as? String == expected, "\(message): \(evidence)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 3)
    }

    /// `--format text` put a whole-number id through `Int64(_:)`, which trapped on 1e300.
    @Test func hugeNumberIDsInTextFormat() throws {
        let input = #"{"id":1e300,"text":"尺码"}"# + "\n" + #"{"id":12345678901234567890,"text":"尺码"}"# + "\n"
            + #"{"id":-0,"text":"尺码"}"# + "\n" + #"{"id":2.5,"text":"尺码"}"# + "\n"
        let result = try KefuProcess.run(["suggest", "--format", "text"], input: Array(input.utf8))
        #expect(result.status == 0)
        let heads = result.stdout.split(separator: "\n").filter { $0.hasPrefix("[") }.map { $0.prefix { $0 != " " } }
        #expect(heads == ["[1e+300]", "[1.2345678901234567e+19]", "[0]", "[2.5]"])
    }

    @Test func aTruncatedSequenceAtTheEndOfTheStream() throws {
        let result = try KefuProcess.run(["suggest"], input: Array("包邮吗\n".utf8) + [0xE5, 0x8C])
        #expect(result.lines.count == 2)
        #expect(result.lines[1].contains("invalid-utf8"))
    }
}
