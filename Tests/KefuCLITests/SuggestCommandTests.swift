import Foundation
import Testing

/// `kefu suggest` and `kefu test` on the built binary, with a small fixture rule set.
@Suite struct SuggestCommandTests {
    /// A rules directory with two intents, written once.
    static let rules: String = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-suggest-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let yaml = """
            intents:
              - id: size
                name: 尺码
                match:
                  - any: [尺码, 码数]
                  - seq: [~size_label, 多长]
              - id: shipping
                name: 物流
                match:
                  - any: [包邮, 发货]
            """
        try? yaml.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        try? "包邮\n".write(to: directory.appendingPathComponent("lexicon.txt"), atomically: true, encoding: .utf8)
        return directory.path
    }()

    func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func theReadmeCommandOnTheShippedRules() throws {
        let result = try KefuProcess.run(["suggest"], input: "這件背心L號多長？能包郵嗎\n")
        #expect(result.status == 0)
        let object = try #require(try objects(result.lines).first)
        let intents = try #require(object["intents"] as? [[String: Any]])
        #expect(intents.prefix(2).map { $0["id"] as? String } == ["size", "shipping"])
        #expect((object["slots"] as? [String: Any])?["size"] as? String == "L")
    }

    @Test func theShippedShopAnswersFromItsCatalog() throws {
        let input = [
            #"{"text":"这件背心L号的多长？","product":"vest-cotton-01"}"#,
            #"{"text":"我身高165体重110斤穿什么码","product":"vest-cotton-01"}"#,
            "老板我想要一件连衣裙，你推荐一下",
            #"{"id":9,"text":"这件多少钱","product":"no-such-product"}"#,
        ].joined(separator: "\n") + "\n"
        let result = try KefuProcess.run(["suggest"], input: input)
        #expect(result.status == 0)
        let records = try objects(result.lines)
        #expect(records.count == 4)
        let vest = try #require(records[0]["replies"] as? [[String: Any]])
        #expect((vest.first?["text"] as? String)?.contains("87") == true)
        let advice = try #require(records[1]["replies"] as? [[String: Any]])
        #expect((advice.first?["text"] as? String)?.contains("M码") == true)
        let products = try #require(records[2]["products"] as? [[String: Any]])
        #expect(products.count == 2)
        #expect(products.allSatisfy { ($0["because"] as? String)?.contains("连衣裙") == true })
        #expect((records[3]["error"] as? [String: Any])?["code"] as? String == "unknown-product")
        #expect(records[3]["id"] as? Int == 9)
    }

    @Test func mixedGoodAndBadLinesKeepOrderAndCount() throws {
        var input = Array("尺码\n{\"id\": 1, \"text\": \"包邮吗\"}\n{bad json\n{\"id\": \"x\"}\n{\"id\": 3, \"text\": 5}\n".utf8)
        input += [0x61, 0xFF, 0x0A]
        input += Array("\nlast".utf8)
        let result = try KefuProcess.run(["suggest", "--rules", Self.rules], input: input)
        #expect(result.status == 0)
        let records = try objects(result.lines)
        #expect(records.count == 8)
        #expect((records[0]["intents"] as? [[String: Any]])?.first?["id"] as? String == "size")
        #expect(records[1]["id"] as? Int == 1)
        #expect((records[1]["intents"] as? [[String: Any]])?.first?["id"] as? String == "shipping")
        #expect((records[2]["error"] as? [String: Any])?["code"] as? String == "invalid-json")
        #expect((records[3]["error"] as? [String: Any])?["code"] as? String == "missing-text")
        #expect(records[3]["id"] as? String == "x")
        #expect((records[4]["error"] as? [String: Any])?["code"] as? String == "invalid-field")
        #expect(records[4]["id"] as? Int == 3)
        #expect((records[5]["warnings"] as? [[String: Any]])?.first?["code"] as? String == "invalid-utf8")
        #expect((records[6]["intents"] as? [[String: Any]])?.isEmpty == true)  // an empty line: an empty answer
        #expect(records[6]["text"] as? String == "")
        #expect(records[7]["text"] as? String == "last")
    }

    /// Which lines are JSON, and what invalid UTF-8 does to one: the filter reads a JSON line from its
    /// bytes, and must decide as it did when it read the line as a `String` first.
    @Test func whenALineIsReadAsJSON() throws {
        var input = Array(" \t{\"id\":1,\"text\":\"包邮吗\"}\n".utf8)  // spaces and tabs before the brace
        input += Array("{\u{301}\"text\":\"包邮\"}\n".utf8)  // "{" and a combining mark: one character, not "{"
        input += Array(#"{"id":3,"text":"包邮"#.utf8) + [0xFF] + Array("\"}\n".utf8)  // repaired, then read
        input += Array(#"{"id":4,"text":"尺码","x":""#.utf8) + [0xC0] + Array("\"}\n".utf8)  // in a field not read
        input += Array(#"{"text":"尺码"}"#.data(using: .utf16LittleEndian) ?? Data()) + [0x0A]  // UTF-16, as JSONDecoder
        input += Array("\u{A0}{\"text\":\"尺码\"}\n".utf8)  // no-break space: not trimmed, so plain text
        let result = try KefuProcess.run(["suggest", "--rules", Self.rules], input: input)
        #expect(result.status == 0)
        let records = try objects(result.lines)
        try #require(records.count == 6)
        #expect(records[0]["id"] as? Int == 1)
        #expect(records[0]["text"] as? String == "包邮吗")
        #expect(records[1]["id"] == nil)
        #expect(records[1]["text"] as? String == "{\u{301}\"text\":\"包邮\"}")
        #expect(records[2]["id"] as? Int == 3)
        #expect(records[2]["text"] as? String == "包邮\u{FFFD}")
        #expect((records[2]["warnings"] as? [[String: Any]])?.first?["code"] as? String == "invalid-utf8")
        #expect(records[3]["id"] as? Int == 4)
        #expect((records[3]["warnings"] as? [[String: Any]])?.first?["code"] as? String == "invalid-utf8")
        #expect(records[4]["text"] as? String == "尺码")
        #expect(records[5]["text"] as? String == "\u{A0}{\"text\":\"尺码\"}")
    }

    /// The filter reuses its line and output buffers: a line's answer is the same after a long line
    /// (a grown buffer, a long error, an explanation) as when it is the only line.
    @Test func eachAnswerIsTheSameAfterAnyLineAsAlone() throws {
        let lines = [
            #"{"id":"long","text":""# + String(repeating: "这件背心L号多长？能包邮吗", count: 300) + #""}"#,
            "包邮吗",
            #"{"id":2,"text":"尺码\"多长\"","conversation":"c1","time":1700000000}"#,
            "{bad json " + String(repeating: "x", count: 5_000),
            "",
            #"{"id":3.25,"text":"L码"}"#,
        ]
        for arguments in [["suggest", "--rules", Self.rules], ["suggest", "--rules", Self.rules, "--explain"]] {
            let together = try KefuProcess.run(arguments, input: lines.joined(separator: "\n") + "\n")
            #expect(together.status == 0)
            var alone: [String] = []
            for line in lines { alone += try KefuProcess.run(arguments, input: line + "\n").lines }
            #expect(together.lines == alone)
        }
    }

    @Test func interactiveUseAnswersEachLineBeforeTheNext() throws {
        let kefu = try InteractiveKefu(["suggest", "--rules", Self.rules])
        let first = try #require(kefu.ask("尺码"))
        #expect(first.contains("\"size\""))
        let second = try #require(kefu.ask("包邮吗"))
        #expect(second.contains("\"shipping\""))
        #expect(kefu.finish() == 0)
    }

    @Test func textFormat() throws {
        let result = try KefuProcess.run(["suggest", "--rules", Self.rules, "--format", "text"], input: "L码多长？包邮吗\n")
        #expect(result.stdout == """
            L码多长？包邮吗
              intents: size 0.900, shipping 0.900
              slots: {"size":"L"}


            """)
    }

    @Test func brokenRulesExitWithStatusTwo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-broken-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "intents:\n  - id: size\n    match:\n      - any: [尺码]\n        wieght: 1\n".write(
            to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let result = try KefuProcess.run(["suggest", "--rules", directory.path], input: "尺码\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains(
            "\(directory.path)/rules.yaml:5:9: error: unknown match key 'wieght'; did you mean 'weight'? [unknown-key]"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try KefuProcess.run(["suggest", "--bogus"], input: "")
        #expect(result.status == 64)
    }

    @Test func corpusTestGate() throws {
        let corpus = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-corpus-\(getpid()).tsv")
        try "size\t尺码怎么选\nshipping\t包邮吗\nnone\t你是谁\nsize\t这个发货快吗\n".write(
            to: corpus, atomically: true, encoding: .utf8)
        let passing = try KefuProcess.run(["test", "--rules", Self.rules, "--min-accuracy", "0.75", corpus.path], input: "")
        #expect(passing.status == 0)
        #expect(passing.stdout.contains("top-intent accuracy: 0.750 (3/4)"))
        #expect(passing.stdout.contains("\(corpus.path):4: expected size, got shipping"))
        let failing = try KefuProcess.run(["test", "--rules", Self.rules, "--min-accuracy", "0.8", corpus.path], input: "")
        #expect(failing.status == 1)
    }
}

@Suite struct ClosedOutputTests {
    @Test func aClosedStdoutEndsTheFilterQuietly() throws {
        let big = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-big-\(getpid()).txt")
        try String(repeating: "这件背心L号多长？能包邮吗\n", count: 50_000).write(to: big, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "'\(KefuProcess.binary.path)' suggest '\(big.path)' 2>/tmp/kefu-closed-\(getpid()).err | head -1"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: output, as: UTF8.self).hasPrefix("{"))
        let stderr = (try? String(contentsOfFile: "/tmp/kefu-closed-\(getpid()).err", encoding: .utf8)) ?? ""
        #expect(stderr.isEmpty)
    }
}
