import Foundation
import Kefu
import Testing

@testable import KefuRules

/// The shipped rules against the shipped corpus: the figures the README claims.
struct ShippedCorpusTests {
    /// The floors asserted on the held-out split: a ratchet just under the measured figures
    /// (0.899 and 0.889 with the learned model, measured once per round, see the README), so that
    /// a rule or model change that loses ground fails. The issue's goal is 0.95 for both; not
    /// reached yet. (The split has 17 `none` lines: one message moves `none` precision by ~0.05.)
    static let minimumAccuracy = 0.88
    static let minimumNonePrecision = 0.88

    /// The floors on the splits the rules and the model are tuned on (train) or checked against
    /// while tuning (dev): 0.998 and 0.988 with the learned model (the model learned train; see the
    /// README).
    static let minimumTunedAccuracy = ["train": 0.99, "dev": 0.97]

    @Test func theShippedRulesLoad() throws {
        let rules = try Shipped.rules.get()
        #expect(rules.intents.map(\.id).sorted() == [
            "after_sales", "cleaning", "closing", "complaint", "discount", "greeting", "human", "order_change",
            "payment", "product_info", "recommendation", "shipping", "size", "stock",
        ])
    }

    @Test func theCorpusIsBigEnough() throws {
        let lines = try Shipped.corpus("train") + Shipped.corpus("test")
        #expect(lines.count >= 1_200)
        var perIntent: [String: Int] = [:]
        for line in lines { perIntent[line.intents.first ?? "none", default: 0] += 1 }
        for id in ["size", "shipping", "discount", "cleaning"] { #expect(perIntent[id, default: 0] >= 150, "\(id)") }
        #expect(perIntent["none", default: 0] >= 80)
        #expect(lines.filter { $0.intents.count > 1 }.count >= 150)
    }

    @Test func theTestSplitMeetsTheFloors() throws {
        let evaluation = CorpusEvaluation(rules: try Shipped.rules.get(), lines: try Shipped.corpus("test"))
        let failures = evaluation.failures.prefix(20).map {
            "\($0.line.position): expected \($0.expected), got \($0.got): \($0.line.message)"
        }
        #expect(evaluation.accuracy >= Self.minimumAccuracy, "\(evaluation.accuracy)\n\(failures.joined(separator: "\n"))")
        let none = try #require(evaluation.figures[CorpusEvaluation.none])
        #expect(none.precision >= Self.minimumNonePrecision, "none precision \(none.precision)")
    }

    @Test(arguments: ["train", "dev"])
    func theTunedSplitsMeetTheirFloors(split: String) throws {
        let evaluation = CorpusEvaluation(rules: try Shipped.rules.get(), lines: try Shipped.corpus(split))
        #expect(evaluation.accuracy >= Self.minimumTunedAccuracy[split, default: 1], "\(split): \(evaluation.accuracy)")
        #expect(evaluation.figures[CorpusEvaluation.none]?.precision ?? 0 >= 0.95)
    }

    @Test(arguments: ["train", "dev", "test"])
    func simplifiedAndTraditionalGiveTheSameIntents(split: String) throws {
        let rules = try Shipped.rules.get()
        var differences: [String] = []
        for line in try Shipped.corpus(split) {
            guard let traditional = line.message.applyingTransform(StringTransform("Simplified-Traditional"),
                                                                   reverse: false),
                let simplified = line.message.applyingTransform(StringTransform("Traditional-Simplified"),
                                                                reverse: false)
            else { continue }
            let a = rules.analyze(simplified).intents.map(\.id)
            let b = rules.analyze(traditional).intents.map(\.id)
            if a != b { differences.append("\(line.position): \(simplified) \(a) vs \(traditional) \(b)") }
        }
        #expect(differences.isEmpty, "\(differences.count) lines differ:\n\(differences.prefix(20).joined(separator: "\n"))")
    }

    @Test func theSeedExampleOfTheIssue() throws {
        let analysis = try Shipped.rules.get().analyze("這件背心L號多長？能包郵嗎")
        #expect(analysis.intents.map(\.id) == ["size", "shipping"])
        #expect(analysis.slots.size == "L")
    }

    @Test func everyIntentExampleReachesItsIntent() throws {
        let rules = try Shipped.rules.get()
        var misses: [String] = []
        for intent in rules.definitions {
            for example in intent.examples where !rules.analyze(example).intents.map(\.id).contains(intent.id) {
                misses.append("\(intent.id): \(example) → \(rules.analyze(example).intents.map(\.id))")
            }
        }
        #expect(misses.isEmpty, "\(misses.joined(separator: "\n"))")
    }
}
