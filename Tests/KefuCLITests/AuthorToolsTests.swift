import Foundation
import Testing

/// `kefu test --json/--html`, `kefu diff` and `kefu lint` on the built binary.
@Suite struct AuthorToolsTests {
    static func directory(_ name: String, _ files: [String: String]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-\(name)-\(getpid())-\(UUID().uuidString)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (file, text) in files { try text.write(to: url.appendingPathComponent(file), atomically: true, encoding: .utf8) }
        return url.path
    }

    static let rulesA = """
        intents:
          - id: size
            match: [{any: [尺码]}]
          - id: shipping
            match: [{any: [包邮, 发货]}]
        """
    static let corpus = "size\t尺码怎么选\nshipping\t包邮吗\nnone\t你是谁 <script>alert(1)</script>\nsize\t多大码\n"

    @Test func figuresComputedByHand() throws {
        let rules = try Self.directory("a", ["rules.yaml": Self.rulesA])
        let corpus = try Self.directory("c", ["x.tsv": Self.corpus])
        let result = try KefuProcess.run(["test", "--rules", rules, "--json", corpus], input: "")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // 3 of 4 right: 多大码 is a size line that no rule catches.
        #expect(object["accuracy"] as? Double == 0.75)
        let intents = try #require(object["intents"] as? [String: [String: Any]])
        #expect(intents["size"]?["truePositives"] as? Int == 1)
        #expect(intents["size"]?["falseNegatives"] as? Int == 1)
        #expect(intents["none"]?["falsePositives"] as? Int == 1)  // the missed size line came out as none
        #expect((object["unusedMatchers"] as? [String]) == [])
    }

    @Test func theHTMLReportEscapesCorpusText() throws {
        let rules = try Self.directory("a", ["rules.yaml": Self.rulesA])
        let corpus = try Self.directory("c", ["x.tsv": "size\t<script>alert(1)</script>\n"])
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-report-\(getpid()).html").path
        let result = try KefuProcess.run(["test", "--rules", rules, "--quiet", "--html", page, corpus], input: "")
        #expect(result.status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("Confusion matrix"))
    }

    @Test func perIntentFloorsGate() throws {
        let rules = try Self.directory("a", ["rules.yaml": Self.rulesA])
        let corpus = try Self.directory("c", ["x.tsv": Self.corpus])
        #expect(try KefuProcess.run(["test", "--rules", rules, "--min-intent", "shipping=1", corpus], input: "").status == 0)
        #expect(try KefuProcess.run(["test", "--rules", rules, "--min-intent", "size=0.9", corpus], input: "").status == 1)
    }

    @Test func diffGroupsTheChanges() throws {
        let a = try Self.directory("a", ["rules.yaml": Self.rulesA])
        let b = try Self.directory("b", ["rules.yaml": Self.rulesA.replacingOccurrences(of: "[尺码]", with: "[尺码, 多大码]")])
        let corpus = try Self.directory("c", ["x.tsv": Self.corpus])
        let result = try KefuProcess.run(["diff", a, b, corpus], input: "")
        #expect(result.status == 0)
        #expect(result.stdout.contains("intent none → size: 1 line"))
        #expect(result.stdout.contains("x.tsv:4: 多大码  (fixed)"))
        #expect(result.stdout.contains("1 of 4 lines changed; 1 fixed, 0 broken"))
    }

    @Test func lintExitCodes() throws {
        let good = try Self.directory("a", ["rules.yaml": Self.rulesA])
        #expect(try KefuProcess.run(["lint", good], input: "").status == 0)
        let warned = try Self.directory("w", ["rules.yaml": Self.rulesA.replacingOccurrences(of: "[尺码]", with: "[尺碼]")])
        #expect(try KefuProcess.run(["lint", warned], input: "").status == 0)
        #expect(try KefuProcess.run(["lint", "--strict", warned], input: "").status == 1)
        let broken = try Self.directory("e", ["rules.yaml": "intents: [{id: x}]\n"])
        let result = try KefuProcess.run(["lint", broken], input: "")
        #expect(result.status == 1)
        #expect(result.stdout.contains("rules.yaml:1:16: error: intent 'x' needs a 'match' list [missing-key]"))
    }

    @Test func theShippedRulesLintClean() throws {
        let result = try KefuProcess.run(["lint"], input: "")
        #expect(result.status == 0)
        #expect(result.stdout.contains("0 errors"))
    }
}
