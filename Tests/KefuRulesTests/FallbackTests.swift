import Foundation
import Kefu
import Testing
import Yams

@testable import KefuRules

/// The learned fallback: `kefu learn`'s model, `fallback.yaml`, and its place after the rules.
struct FallbackTests {
    /// Two intents with one rule each.
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
        """

    /// Messages where 尺码 goes with shipping, so that the fallback disagrees with the rules.
    static let contrarianExamples: [(String, String)] = [
        ("尺码快点发", "shipping"), ("尺码什么时候到", "shipping"), ("快点发走吧", "shipping"), ("什么时候到啊", "shipping"),
        ("穿多大合适", "size"), ("穿多大的好", "size"), ("今天天气好", "none"), ("今天吃什么", "none"),
    ]

    static func train(_ examples: [(String, String)], options: FallbackTrainer.Options = .init()) -> FallbackDefinition {
        let normalizer = Normalizer()
        return FallbackTrainer.train(
            examples.map { FallbackTrainer.Example(units: normalizer.normalize($0.0).units, label: $0.1) },
            classes: ["none", "size", "shipping"], options: options, source: "test")
    }

    static func load(fallback: String) throws(RuleLoadError) -> RuleSet {
        try RuleSetLoader.load(files: [
            .init(name: "rules.yaml", text: rulesYAML), .init(name: "fallback.yaml", text: fallback),
        ])
    }

    @Test func aLearnedModelSurvivesWritingAndLoading() throws {
        var options = FallbackTrainer.Options()
        options.minimumCount = 1
        options.confidence = 0.5
        let definition = Self.train(Self.contrarianExamples, options: options)
        #expect(definition.classes == ["none", "size", "shipping"])
        #expect(!definition.features.isEmpty)
        let text = definition.render()
        let (parsed, diagnostics, _) = FallbackFileParser.parse(text, file: "fallback.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(parsed == definition)
        #expect(parsed?.render() == text)
        let rules = try Self.load(fallback: text)
        let model = try #require(rules.fallback)
        #expect(model.featureCount == definition.features.count)
        let units = Normalizer().normalize("什么时候发走").units
        #expect(model.predict(units) == definition.compiled().predict(units))
        // The generated file is YAML, too.
        #expect(throws: Never.self) { try Yams.compose(yaml: text) }
    }

    @Test func theSameCorpusGivesTheSameBytes() throws {
        let lines = try Shipped.corpus("train")
        let normalizer = Normalizer()
        let examples = lines.map {
            FallbackTrainer.Example(units: normalizer.normalize($0.message).units, label: $0.intents.first ?? "none")
        }
        let classes = ["none"] + (try Shipped.rules.get()).intents.map(\.id)
        let options = FallbackTrainer.Options()
        let source = FallbackTrainer.source(corpus: "Corpus/train", lines: lines.count, options: options)
        let forward = FallbackTrainer.train(examples, classes: classes, options: options, source: source).render()
        let backward = FallbackTrainer.train(examples.reversed(), classes: classes, options: options, source: source)
            .render()
        #expect(forward == backward)
        // The shipped file is what `kefu learn` writes today: regenerate it when this fails.
        let shipped = try String(contentsOfFile: Shipped.rulesDirectory + "/fallback.yaml", encoding: .utf8)
        #expect(forward == shipped, "Rules/fallback.yaml is stale: run `swift run kefu learn`")
        #expect(shipped.utf8.count < 1 << 20)
    }

    @Test func aMalformedFileIsReportedWithPositions() throws {
        let text = """
            # a hand-edited model
            fallback:
              confidence: 1.5
              classes: [none, sise, shipping]
              prior: [-1, -1, -1]
              unseen: [-5, oops, -5]
              features:
                "尺码": [0, 1.2, 0]
                "太长了": [0, 1, 0]
                "尺码": [0, 1, 0]
                "码": [0, 1]
              feature:
            """
        let error = try #require(throws: RuleLoadError.self) { try Self.load(fallback: text) }
        #expect(error.diagnostics.map(\.description) == [
            "fallback.yaml:3:15: error: confidence 1.5 is out of range; expected above 0 up to 1 [invalid-value]",
            "fallback.yaml:4:19: error: unknown intent 'sise' in 'fallback.classes'; did you mean 'size'? [unknown-intent]",
            "fallback.yaml:6:16: error: expected a number, found 'oops' [yaml-syntax]",
            "fallback.yaml:9:5: error: feature \"太长了\" is not one or two characters of normalized text [invalid-feature]",
            "fallback.yaml:10:5: error: duplicate feature \"尺码\"; first on line 8 [duplicate-feature]",
            "fallback.yaml:11:10: error: feature \"码\": expected 3 numbers, one per class, found 2 [invalid-value]",
            "fallback.yaml:12:3: error: unknown key 'feature' in 'fallback'; did you mean 'features'? [unknown-key]",
        ])
    }

    @Test func lintReportsTheFallbackFile() {
        let diagnostics = RuleLinter.lint(files: [
            .init(name: "rules.yaml", text: Self.rulesYAML), .init(name: "fallback.yaml", text: "fallback:\n  oops: 1\n"),
        ])
        #expect(diagnostics.map(\.description).contains(
            "fallback.yaml:2:3: error: unknown key 'oops' in 'fallback' [unknown-key]"))
    }

    @Test func theFallbackNeverOverridesARuleIntent() throws {
        var options = FallbackTrainer.Options()
        options.minimumCount = 1
        options.confidence = 0.5
        let rules = try Self.load(fallback: Self.train(Self.contrarianExamples, options: options).render())
        let model = try #require(rules.fallback)
        // The model alone calls 尺码快点发 shipping; the rules find size, and size it stays.
        let units = Normalizer().normalize("尺码快点发").units
        #expect(model.classes[try #require(model.predict(units)).classIndex] == "shipping")
        let analysis = rules.analyze("尺码快点发")
        #expect(analysis.intents.map(\.id) == ["size"])
        #expect(analysis.intents.allSatisfy { $0.evidence.allSatisfy { $0.matcher != RuleSet.fallbackLabel } })
        // With no rule intent, the fallback speaks, with a modest score and one labelled evidence.
        let fallback = rules.analyze("什么时候发走")
        let match = try #require(fallback.intents.first)
        #expect(match.id == "shipping")
        #expect(match.score >= 0.5 && match.score <= RuleSet.fallbackCeiling)
        #expect(match.evidence.map(\.matcher) == [RuleSet.fallbackLabel])
        // Nor does it report `none` as an intent.
        #expect(rules.analyze("今天吃什么").intents.isEmpty)
    }

    @Test func theShippedFallbackRescuesAParaphrase() throws {
        // "How much can I have it for": bargaining in words no discount rule names.
        let analysis = try Shipped.rules.get().analyze("这个多少钱能拿")
        let match = try #require(analysis.intents.first)
        #expect(match.id == "discount")
        #expect(match.evidence.map(\.matcher) == [RuleSet.fallbackLabel])
        #expect(match.score < RuleSet.fallbackCeiling + 1e-9)
        let evidence = try #require(match.evidence.first)
        #expect(analysis.text.text(in: evidence.range).contains("多少钱"))
    }
}
