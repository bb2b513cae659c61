import Foundation
import Kefu
import Testing

@testable import KefuRules

/// The learned intent model: `kefu learn`'s trainer, `model.tsv`, and how it weighs the rules.
struct IntentModelTests {
    /// Two intents with one rule each: most ways of asking are not covered.
    static let rulesYAML = """
        intents:
          - id: size
            name: 尺码
            match:
              - any: [尺码]
          - id: shipping
            name: 物流
            match:
              - any: [发货]
          - id: greeting
            name: 问候
            secondary: true
            match:
              - any: [你好]
        """

    /// Labelled messages, many in words the rules do not know.
    static let examples: [(String, [String])] = [
        ("尺码怎么选", ["size"]), ("尺码偏大吗", ["size"]), ("我穿多大合适", ["size"]), ("穿多大的好", ["size"]),
        ("多大的适合我", ["size"]), ("165穿多大", ["size"]), ("这个穿多大呢", ["size"]), ("你好 穿多大合适", ["size", "greeting"]),
        ("什么时候发货", ["shipping"]), ("发货了吗", ["shipping"]), ("快递到哪了", ["shipping"]), ("快递几天到", ["shipping"]),
        ("快递发了没", ["shipping"]), ("几天能到啊", ["shipping"]), ("快递怎么还没到", ["shipping"]),
        ("你好 快递到了吗", ["shipping", "greeting"]),
        ("你好", ["greeting"]), ("你好呀", ["greeting"]), ("你好 在吗", ["greeting"]),
        ("今天天气好", []), ("今天吃什么", []), ("哈哈哈", []), ("我去吃饭了", []), ("今天好热啊", []), ("吃了吗今天", []),
    ]

    static func ruleFiles() -> [RuleSetLoader.File] { [.init(name: "rules.yaml", text: rulesYAML)] }

    static func train(
        _ examples: [(String, [String])] = examples,
        options: IntentModelTrainer.Options = .init()
    ) throws -> IntentModelDefinition {
        let rules = try RuleSetLoader.load(files: ruleFiles())
        let ids = rules.intents.map(\.id)
        return IntentModelTrainer.train(
            examples.map { IntentModelTrainer.Example(analysis: rules.analyze($0.0), labels: $0.1) },
            classes: ["none"] + ids,
            intentIDs: ids,
            options: options,
            source: "fixture"
        )
    }

    static func load(model: String) throws(RuleLoadError) -> RuleSet {
        try RuleSetLoader.load(files: ruleFiles() + [.init(name: "model.tsv", text: model)])
    }

    @Test func aLearnedModelSurvivesWritingAndLoading() throws {
        let definition = try Self.train()
        #expect(definition.classes == ["none", "size", "shipping", "greeting"])
        #expect(definition.rows.contains { $0.feature == .character("快递") })
        #expect(definition.rows.contains { $0.feature == .rule(.accepted, "size") })
        let text = definition.render()
        let (parsed, diagnostics, _) = IntentModelFileParser.parse(text, file: "model.tsv")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(parsed == definition)
        #expect(parsed?.render() == text)
        let rules = try Self.load(model: text)
        let model = try #require(rules.model)
        #expect(model.rowCount == definition.rows.count)
        // Escapes survive too.
        var odd = definition
        odd.source = "a\tb\\c\nd\u{200B}"
        odd.rows.append(.init(feature: .word("x\ty"), weights: [1, 0, 0, 0]))
        let (reparsed, problems, _) = IntentModelFileParser.parse(odd.render(), file: "model.tsv")
        #expect(problems.isEmpty, "\(problems)")
        #expect(reparsed == odd)
    }

    @Test func theTrainerIsReproducible() throws {
        let forward = try Self.train().render()
        #expect(try Self.train().render() == forward)
        #expect(try Self.train(Self.examples.reversed()).render() == forward)
        var options = IntentModelTrainer.Options()
        options.regularization = 1
        #expect(try Self.train(options: options).render() != forward)
    }

    @Test func theShippedModelIsWhatKefuLearnWrites() throws {
        let files = try RuleSetLoader.files(in: Shipped.rulesDirectory).filter {
            !$0.name.hasSuffix("/" + RuleSetLoader.modelFileName)
        }
        let rules = try RuleSetLoader.load(files: files)
        let lines = try Shipped.corpus("train")
        let ids = rules.intents.map(\.id)
        let options = IntentModelTrainer.Options()
        let definition = IntentModelTrainer.train(
            IntentModelEvaluation.examples(lines, rules: rules),
            classes: ["none"] + ids,
            intentIDs: ids,
            options: options,
            source: IntentModelTrainer.source(corpus: "Corpus/train", lines: lines.count, options: options)
        )
        let shipped = try String(contentsOfFile: Shipped.rulesDirectory + "/model.tsv", encoding: .utf8)
        #expect(definition.render() == shipped, "Rules/model.tsv is stale: run `swift run kefu learn`")
        #expect(shipped.utf8.count < 1 << 20)
    }

    @Test func theModelFindsWhatTheRulesMiss() throws {
        let rules = try Self.load(model: try Self.train().render())
        // No rule knows 快递 or 多大: the model does, and says so in the evidence.
        for (message, intent) in [("快递什么时候能到", "shipping"), ("我该穿多大", "size")] {
            let analysis = rules.analyze(message)
            let match = try #require(analysis.intents.first, "\(message)")
            #expect(match.id == intent, "\(message)")
            #expect(match.evidence.map(\.matcher) == [RuleSet.modelLabel])
            let evidence = try #require(match.evidence.first)
            #expect(evidence.weight >= 0.5 && evidence.weight <= 1)
            #expect(!evidence.tokens.isEmpty)
        }
        // Where the rules and the model agree, the rules' answer stands as it was.
        let plain = try RuleSetLoader.load(files: Self.ruleFiles())
        #expect(rules.analyze("什么时候发货") == plain.analyze("什么时候发货"))
        // Chit-chat stays without intent, and a greeting stays behind the question.
        #expect(rules.analyze("今天吃什么好呢").intents.isEmpty)
        #expect(rules.analyze("你好 快递几天能到").intents.map(\.id) == ["shipping", "greeting"])
    }

    @Test func withoutAModelTheRulesAnswerAlone() throws {
        let plain = try RuleSetLoader.load(files: Self.ruleFiles())
        #expect(plain.model == nil)
        #expect(plain.analyze("快递什么时候能到").intents.isEmpty)
    }

    @Test func aMalformedFileIsReportedWithPositions() throws {
        let text = """
            # a hand-edited model
            kefu-model\t1
            classes\tnone\tsise\tshipping
            decision\tnone-margin\t0.5\toveride\t0.7\tsecondary\t0.2
            bias\t1\t2
            rule\tscore\tsize\t1:10
            rule\ttopp\tsize\t1:10
            char\t尺码\t1:5
            char\t码\t1:x
            char\t太长了\t1:5
            char\t尺码\t1:5
            char\t吗\t7:5
            chars\t码\t1:5
            """
        let error = try #require(throws: RuleLoadError.self) { try Self.load(model: text) }
        #expect(
            error.diagnostics.map(\.description) == [
                "model.tsv:3:14: error: unknown intent 'sise' in the model; did you mean 'size'? [unknown-intent]",
                "model.tsv:4:26: error: unknown decision setting 'overide'; did you mean 'override'? [unknown-key]",
                "model.tsv:5:1: error: 'bias': expected 3 numbers, one per class, found 2 [invalid-value]",
                "model.tsv:7:6: error: unknown rule feature 'topp'; did you mean 'top'? [unknown-key]",
                "model.tsv:9:8: error: expected 'class:weight', found '1:x' [model-syntax]",
                "model.tsv:10:6: error: feature '太长了' is not one or two characters of normalized text [invalid-feature]",
                "model.tsv:11:1: error: duplicate row 'char 尺码'; first on line 8 [duplicate-feature]",
                "model.tsv:12:8: error: class 7 is out of range; expected 0 to 2 [invalid-value]",
                "model.tsv:13:1: error: unknown key 'chars'; did you mean 'char'? [unknown-key]",
            ]
        )
    }

    @Test func aFileWithoutAHeaderSaysSo() {
        let (_, diagnostics, _) = IntentModelFileParser.parse("classes\tnone\n", file: "model.tsv")
        #expect(
            diagnostics.map(\.description) == [
                "model.tsv:1:1: error: expected 'kefu-model\\t1' before 'classes' [model-syntax]"
            ]
        )
        let (_, empty, _) = IntentModelFileParser.parse("# nothing\n", file: "model.tsv")
        #expect(empty.map(\.code) == ["missing-key"])
    }

    @Test func lintReportsTheModelFile() {
        let diagnostics = RuleLinter.lint(
            files: Self.ruleFiles() + [
                .init(name: "model.tsv", text: "kefu-model\t1\nclasses\tnone\tsize\noops\t1\n")
            ]
        )
        #expect(diagnostics.map(\.description).contains("model.tsv:3:1: error: unknown key 'oops' [unknown-key]"))
    }
}
