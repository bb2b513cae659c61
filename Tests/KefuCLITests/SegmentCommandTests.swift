import Foundation
import Testing

@Suite struct SegmentCommandTests {
    @Test func readmeCommand() throws {
        let result = try KefuProcess.run(["segment"], input: "這雙鞋有碼數嗎？\n")
        #expect(result.status == 0)
        #expect(result.stdout == "这 双 鞋 有 码数 吗 ?\n")
    }

    @Test func oneOutputLineForEveryInputLineInOrder() throws {
        let input = "包邮吗\n\n   \n價格能優惠嗎\n😊😊\nlast line without newline"
        let result = try KefuProcess.run(["segment"], input: input)
        #expect(result.status == 0)
        #expect(result.lines == ["包邮 吗", "", "", "价格 能 优惠 吗", "😊 😊", "last line without newline"])
    }

    @Test func invalidUTF8IsRepairedAndReported() throws {
        var input = Array("好的\n".utf8)
        input += [0x61, 0xFF, 0x62, 0x0A]  // a, invalid byte, b
        input += Array("包邮\n".utf8)
        let result = try KefuProcess.run(["segment"], input: input)
        #expect(result.lines == ["好的", "a \u{FFFD} b", "包邮"])
        #expect(result.stderr.contains("line 2: invalid UTF-8 repaired (U+FFFD)"))
    }

    @Test func nulBytesAndCRLF() throws {
        let result = try KefuProcess.run(["segment"], input: [0xE5, 0x8C, 0x85, 0x00, 0xE9, 0x82, 0xAE, 0x0D, 0x0A, 0x61, 0x0A])
        #expect(result.lines == ["包 邮", "a"])
    }

    @Test func jsonOutput() throws {
        let result = try KefuProcess.run(["segment", "--json"], input: "這件ＸＬ碼？？\n")
        let line = try #require(result.lines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "这件xl码?")
        let tokens = try #require(object["tokens"] as? [[String: Any]])
        #expect(tokens.map { $0["text"] as? String } == ["这", "件", "xl码", "?"])
        #expect(tokens.map { $0["kind"] as? String } == ["word", "word", "size", "punctuation"])
        #expect(tokens[2]["start"] as? Int == 2 && tokens[2]["end"] as? Int == 5)
        #expect(tokens[3]["original"] as? [Int] == [5, 7])
    }

    @Test func filesAsArguments() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.txt")
        let b = dir.appendingPathComponent("b.txt")
        try Data("包邮\n".utf8).write(to: a)
        try Data("码数\n顺丰\n".utf8).write(to: b)
        let result = try KefuProcess.run(["segment", a.path, b.path])
        #expect(result.lines == ["包邮", "码数", "顺丰"])
        let missing = try KefuProcess.run(["segment", dir.appendingPathComponent("none.txt").path])
        #expect(missing.status == 64)
    }

    @Test func interactive() throws {
        let kefu = try InteractiveKefu(["segment"])
        #expect(kefu.ask("能包邮吗") == "能 包邮 吗")
        #expect(kefu.ask("码数") == "码数")
        #expect(kefu.finish() == 0)
    }

    @Test func missingRulesExitTwo() throws {
        let result = try KefuProcess.run(["segment", "--rules", "/nonexistent"], input: "包邮\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("lexicon"))
    }

    @Test func rulesFromTheEnvironment() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("能包\n".utf8).write(to: dir.appendingPathComponent("lexicon.txt"))
        let result = try KefuProcess.run(["segment"], input: "能包邮吗\n", environment: ["KEFU_RULES": dir.path])
        #expect(result.lines.first?.hasPrefix("能包 ") == true)
    }
}
