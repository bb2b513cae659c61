import Kefu

/// How rules plus a learned fallback would do on a labelled corpus at several confidences: the
/// figures used to choose the confidence on `Corpus/dev`.
///
/// ```swift
/// let sweep = FallbackSweep(rules: rules, model: model, lines: dev)
/// sweep.rows(at: [0.5, 0.8]).map(\.accuracy)
/// ```
package struct FallbackSweep: Sendable {
    /// The figures at one confidence.
    package struct Row: Sendable, Hashable {
        /// The confidence.
        package let confidence: Double
        /// Top-intent accuracy of rules plus fallback.
        package let accuracy: Double
        /// Lines with no intent found that are labelled `none`, over lines with no intent found.
        package let nonePrecision: Double
        /// Lines labelled `none` with no intent found, over lines labelled `none`.
        package let noneRecall: Double
        /// Lines where the fallback gave the top intent.
        package let fired: Int
        /// Of those, the lines where it is the main gold intent.
        package let right: Int
    }

    /// Per line: the main gold label, the rules' top intent, and the fallback's prediction.
    private let outcomes: [(gold: String, rules: String?, fallback: String, posterior: Double)]
    /// The fallback's accuracy alone, on every line.
    package let standaloneAccuracy: Double

    /// Runs the rules and the model over the lines once.
    ///
    /// - Parameters:
    ///   - rules: The rules, loaded without a fallback.
    ///   - model: The fallback to try.
    ///   - lines: The labelled corpus.
    package init(rules: RuleSet, model: FallbackModel, lines: [CorpusLine]) {
        var outcomes: [(gold: String, rules: String?, fallback: String, posterior: Double)] = []
        var right = 0
        for line in lines {
            let analysis = rules.analyze(line.message)
            let gold = line.intents.first ?? FallbackDefinition.noneClass
            let prediction = model.predict(analysis.text.units)
            let label = prediction.map { model.classes[$0.classIndex] } ?? FallbackDefinition.noneClass
            if label == gold { right += 1 }
            outcomes.append((gold, analysis.intents.first?.id, label, prediction?.posterior ?? 0))
        }
        self.outcomes = outcomes
        self.standaloneAccuracy = lines.isEmpty ? 0 : Double(right) / Double(lines.count)
    }

    /// The figures at each confidence.
    package func rows(at confidences: [Double]) -> [Row] {
        confidences.map { confidence in
            var correct = 0, fired = 0, right = 0, predictedNone = 0, trueNone = 0, goldNone = 0
            for outcome in outcomes {
                var top = outcome.rules
                if top == nil, outcome.fallback != FallbackDefinition.noneClass, outcome.posterior >= confidence {
                    top = outcome.fallback
                    fired += 1
                    if outcome.fallback == outcome.gold { right += 1 }
                }
                let got = top ?? FallbackDefinition.noneClass
                if got == outcome.gold { correct += 1 }
                if outcome.gold == FallbackDefinition.noneClass { goldNone += 1 }
                if got == FallbackDefinition.noneClass {
                    predictedNone += 1
                    if outcome.gold == FallbackDefinition.noneClass { trueNone += 1 }
                }
            }
            let count = max(1, outcomes.count)
            return Row(
                confidence: confidence, accuracy: Double(correct) / Double(count),
                nonePrecision: predictedNone == 0 ? 1 : Double(trueNone) / Double(predictedNone),
                noneRecall: goldNone == 0 ? 1 : Double(trueNone) / Double(goldNone), fired: fired, right: right)
        }
    }
}
