import Kefu

/// How rules plus a learned model do on labelled lines, and k-fold cross-validation of the
/// trainer: the figures `kefu learn` prints to choose options (on `Corpus/train` and
/// `Corpus/dev`, never on `Corpus/test`).
///
/// ```swift
/// let folds = try IntentModelEvaluation.crossValidate(ruleFiles: files, lines: train, folds: 5, options: .init())
/// folds.pooled.accuracy
/// ```
package struct IntentModelEvaluation: Sendable {
    /// Top-intent figures on some lines.
    package struct Figures: Sendable, Hashable {
        /// Lines evaluated.
        package var lines = 0
        /// Lines whose top intent is the main gold intent (or nothing for `none`).
        package var correct = 0
        /// Lines with no intent found.
        package var predictedNone = 0
        /// Lines with no intent found that are labelled `none`.
        package var trueNone = 0
        /// Lines labelled `none`.
        package var goldNone = 0

        /// Creates empty figures.
        package init() {}

        /// The figures of a corpus evaluation.
        package init(_ evaluation: CorpusEvaluation) {
            lines = evaluation.count
            correct = evaluation.correct
            let none = evaluation.figures[CorpusEvaluation.none]
            trueNone = none?.truePositives ?? 0
            predictedNone = trueNone + (none?.falsePositives ?? 0)
            goldNone = none?.support ?? 0
        }

        /// Top-intent accuracy.
        package var accuracy: Double { lines == 0 ? 0 : Double(correct) / Double(lines) }
        /// `none` precision: 1 when nothing was predicted `none`.
        package var nonePrecision: Double { predictedNone == 0 ? 1 : Double(trueNone) / Double(predictedNone) }
        /// `none` recall: 1 when no line is labelled `none`.
        package var noneRecall: Double { goldNone == 0 ? 1 : Double(trueNone) / Double(goldNone) }

        /// Both figures added up.
        package static func + (a: Figures, b: Figures) -> Figures {
            var sum = a
            sum.lines += b.lines
            sum.correct += b.correct
            sum.predictedNone += b.predictedNone
            sum.trueNone += b.trueNone
            sum.goldNone += b.goldNone
            return sum
        }
    }

    /// The figures per fold: rules alone, and rules with the model trained on the other folds.
    package var folds: [(rules: Figures, model: Figures)] = []

    /// The folds added up: rules alone.
    package var pooledRules: Figures { folds.reduce(Figures()) { $0 + $1.rules } }
    /// The folds added up: rules with the model.
    package var pooled: Figures { folds.reduce(Figures()) { $0 + $1.model } }

    /// The examples of corpus lines: each analyzed by the rules (which must have no model).
    package static func examples(_ lines: [CorpusLine], rules: RuleSet) -> [IntentModelTrainer.Example] {
        lines.map { IntentModelTrainer.Example(analysis: rules.analyze($0.message), labels: $0.intents) }
    }

    /// The rules with a model: the rule files plus the model's file.
    ///
    /// - Throws: ``RuleLoadError`` when the files do not load.
    package static func rules(
        _ files: [RuleSetLoader.File],
        with model: IntentModelDefinition
    ) throws(RuleLoadError) -> RuleSet {
        try RuleSetLoader.load(files: files + [.init(name: RuleSetLoader.modelFileName, text: model.render())])
    }

    /// k-fold cross-validation: line *i* is held out in fold *i* mod *k*, the model trained on
    /// the others and the rules plus that model scored on it.
    ///
    /// - Parameters:
    ///   - ruleFiles: The rule files, without a model.
    ///   - lines: The labelled lines.
    ///   - k: The number of folds, at least 2.
    ///   - options: The trainer's options.
    /// - Returns: The figures per fold.
    /// - Throws: ``RuleLoadError`` when the rules do not load.
    package static func crossValidate(
        ruleFiles: [RuleSetLoader.File],
        lines: [CorpusLine],
        folds k: Int,
        options: IntentModelTrainer.Options
    ) throws(RuleLoadError) -> IntentModelEvaluation {
        let rules = try RuleSetLoader.load(files: ruleFiles)
        let examples = examples(lines, rules: rules)
        let intentIDs = rules.intents.map(\.id)
        var result = IntentModelEvaluation()
        for fold in 0..<k {
            let train = examples.indices.filter { $0 % k != fold }.map { examples[$0] }
            let held = lines.indices.filter { $0 % k == fold }.map { lines[$0] }
            let definition = IntentModelTrainer.train(
                train,
                classes: [IntentModelDefinition.noneClass] + intentIDs,
                intentIDs: intentIDs,
                options: options,
                source: "fold \(fold + 1) of \(k)"
            )
            let combined = try Self.rules(ruleFiles, with: definition)
            result.folds.append(
                (
                    Figures(CorpusEvaluation(rules: rules, lines: held)),
                    Figures(CorpusEvaluation(rules: combined, lines: held))
                )
            )
        }
        return result
    }
}
