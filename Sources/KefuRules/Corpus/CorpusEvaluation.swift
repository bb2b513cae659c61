import Kefu

/// How a rule set does on a labelled corpus: accuracy, per-intent figures, confusions, failures
/// and which matchers never fired.
public struct CorpusEvaluation: Sendable {
    /// Precision, recall and F1 of one intent (or of `none`).
    public struct Figures: Sendable, Hashable, Codable {
        /// Lines labelled with the intent.
        public var support: Int
        /// Lines where the intent was found and is labelled.
        public var truePositives: Int
        /// Lines where the intent was found but is not labelled.
        public var falsePositives: Int
        /// Lines labelled with the intent where it was not found.
        public var falseNegatives: Int

        /// TP / (TP + FP), 1 when nothing was predicted.
        public var precision: Double {
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        /// TP / (TP + FN), 1 when nothing is labelled.
        public var recall: Double {
            truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        /// The harmonic mean of precision and recall.
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// A line whose top intent is not its main gold intent.
    public struct Failure: Sendable, Hashable {
        /// The corpus line.
        public let line: CorpusLine
        /// The intents found, best first (empty for none).
        public let predicted: [IntentMatch]
        /// The main gold intent, or `none`.
        public var expected: String { line.intents.first ?? "none" }
        /// The top intent found, or `none`.
        public var got: String { predicted.first?.id ?? "none" }
    }

    /// The label used for a line without intent.
    public static let none = "none"

    /// The number of lines evaluated.
    public private(set) var count = 0
    /// Lines whose top intent is the main gold intent (or nothing for `none` lines).
    public private(set) var correct = 0
    /// Per intent id, and `none`.
    public private(set) var figures: [String: Figures] = [:]
    /// Gold main intent → top intent found → lines.
    public private(set) var confusion: [String: [String: Int]] = [:]
    /// Gold labels of multi-intent lines, and how many of them were found.
    public private(set) var multiIntentLabels = 0
    /// See ``multiIntentLabels``.
    public private(set) var multiIntentFound = 0
    /// Lines whose top intent is wrong, in corpus order.
    public private(set) var failures: [Failure] = []
    /// Matcher labels that fired at least once.
    public private(set) var firedMatchers: Set<String> = []
    /// Every matcher label of the rule set, in declaration order.
    public let matcherLabels: [String]
    /// The intents of the rule set, in declaration order.
    public let intentIDs: [String]

    /// Runs a rule set over corpus lines.
    public init(rules: RuleSet, lines: [CorpusLine]) {
        intentIDs = rules.intents.map(\.id)
        matcherLabels = rules.definitions.flatMap { $0.matchers.map(\.label) }
        for id in intentIDs + [Self.none] { figures[id] = Figures(support: 0, truePositives: 0, falsePositives: 0,
                                                                   falseNegatives: 0) }
        for line in lines { add(line, rules.analyze(line.message), rules) }
    }

    /// Top-intent accuracy.
    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }
    /// Recall of the gold labels of multi-intent lines.
    public var multiIntentRecall: Double {
        multiIntentLabels == 0 ? 1 : Double(multiIntentFound) / Double(multiIntentLabels)
    }
    /// Matchers that never fired on the corpus.
    public var unusedMatchers: [String] { matcherLabels.filter { !firedMatchers.contains($0) } }

    private mutating func add(_ line: CorpusLine, _ analysis: Analysis, _ rules: RuleSet) {
        count += 1
        let gold = Set(line.intents)
        let predicted = analysis.intents.map(\.id)
        let found = Set(predicted)
        for index in analysis.firedMatchers { firedMatchers.insert(rules.label(ofMatcher: index)) }
        let expected = line.intents.first ?? Self.none
        let got = predicted.first ?? Self.none
        if expected == got { correct += 1 } else { failures.append(Failure(line: line, predicted: analysis.intents)) }
        confusion[expected, default: [:]][got, default: 0] += 1
        for id in intentIDs {
            let isGold = gold.contains(id), isFound = found.contains(id)
            if isGold { figures[id]?.support += 1 }
            if isGold && isFound { figures[id]?.truePositives += 1 }
            if !isGold && isFound { figures[id]?.falsePositives += 1 }
            if isGold && !isFound { figures[id]?.falseNegatives += 1 }
        }
        let goldNone = gold.isEmpty, foundNone = found.isEmpty
        if goldNone { figures[Self.none]?.support += 1 }
        if goldNone && foundNone { figures[Self.none]?.truePositives += 1 }
        if !goldNone && foundNone { figures[Self.none]?.falsePositives += 1 }
        if goldNone && !foundNone { figures[Self.none]?.falseNegatives += 1 }
        if gold.count > 1 {
            multiIntentLabels += gold.count
            multiIntentFound += gold.intersection(found).count
        }
    }
}
