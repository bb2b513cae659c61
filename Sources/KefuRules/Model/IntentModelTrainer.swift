import Foundation
import Kefu

/// Trains the learned intent model on labelled messages the rules have analyzed.
///
/// A multinomial logistic regression (softmax over `none` and the intents, main label only) with
/// L2 regularization, fitted by L-BFGS from zero for a fixed number of iterations, in one thread
/// and a fixed order: the same examples give the same model, bit for bit. Features (see
/// ``IntentModelFeature``): the characters and words of the message that occur in at least
/// ``Options/minimumCount`` training messages, and what the rules made of it.
///
/// The rules were tuned on the training messages, so on them the rules are almost always right,
/// which would teach the model to trust the rules blindly. So every message is also seen as if no
/// rule had fired (weight ``Options/textOnlyWeight``), and a message where the rules found its
/// intents and others is also seen with its own intents' rules taken away (weight
/// ``Options/missedRuleWeight``): the model learns to read the text on its own, and that a rule
/// firing for one intent does not rule out another, as on messages no rule was written for.
///
/// ```swift
/// let definition = IntentModelTrainer.train(examples, classes: ["none", "size"], intentIDs: ["size"],
///                                           options: .init(), source: "Corpus/train")
/// try definition.render().write(toFile: "Rules/model.tsv", atomically: true, encoding: .utf8)
/// ```
package enum IntentModelTrainer {
    /// One labelled message and what the rules (without a model) made of it.
    package struct Example: Sendable {
        /// The normalized text.
        package var units: [UInt16]
        /// Its tokens.
        package var tokens: [Token]
        /// The rules' accepted intents, best first.
        package var intents: [IntentMatch]
        /// The rules' intents below their threshold.
        package var candidates: [IntentMatch]
        /// The gold labels, main first; empty for `none`.
        package var labels: [String]

        /// An example from an analysis by rules without a model.
        package init(analysis: Analysis, labels: [String]) {
            self.units = analysis.text.units
            self.tokens = analysis.tokens
            self.intents = analysis.intents
            self.candidates = analysis.candidates
            self.labels = labels
        }

        /// The main label, `none` for a message without intent.
        package var label: String { labels.first ?? IntentModelDefinition.noneClass }
    }

    /// How the model is trained, pruned and used.
    package struct Options: Sendable, Hashable {
        /// Character and word features must occur in at least this many training messages.
        package var minimumCount = 2
        /// The inverse strength of the L2 penalty (scikit-learn's `C`): the loss is the weighted
        /// cross-entropy plus ‖W‖² / (2C).
        package var regularization = 5.0
        /// The weight of each message seen without the rules.
        package var textOnlyWeight = 0.5
        /// The weight of each message seen with its own intents' rules taken away.
        package var missedRuleWeight = 0.5
        /// L-BFGS iterations.
        package var iterations = 300
        /// Weights below this many hundredths (in magnitude) are dropped.
        package var pruning = 2
        /// When the model's pick replaces the rules': none-margin chosen on the blind8 batch held out from
        /// training and on 5-fold cross-validation (see Rules/README.md).
        package var decision = IntentModel.Decision(noneMargin: -1.0, override: 0.7, secondary: 0.2)

        /// The default options.
        package init() {}
    }

    /// Trains a model.
    ///
    /// - Parameters:
    ///   - examples: The labelled messages.
    ///   - allClasses: The class ids in the order to write them; those without examples are left out.
    ///   - intentIDs: The rule set's intents, in order (the rule features name them).
    ///   - options: Features, regularization, augmentation and decision settings.
    ///   - source: What the examples are, for the file's header.
    /// - Returns: The definition, with its weights rounded to hundredths and pruned.
    package static func train(
        _ examples: [Example],
        classes allClasses: [String],
        intentIDs: [String],
        options: Options,
        source: String
    ) -> IntentModelDefinition {
        // A canonical order, so that the order the corpus is read in does not matter.
        let examples = examples.sorted {
            $0.label != $1.label ? $0.label < $1.label : $0.units.lexicographicallyPrecedes($1.units)
        }
        let present = Set(examples.map(\.label))
        let classes = allClasses.filter { present.contains($0) }
        let classIndex = Dictionary(classes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var intentIndex: [String: Int] = [:]
        for (i, id) in intentIDs.enumerated() where intentIndex[id] == nil { intentIndex[id] = i }
        let ruleFeatureCount = IntentModelFeature.Rule.allCases.count * intentIDs.count + 1
        let nothing = ruleFeatureCount - 1

        // Text features in enough messages, in key order, after the rule features.
        var documentFrequency: [UInt64: Int] = [:]
        var seen: [UInt64] = []
        var text: [UInt64: String] = [:]
        for example in examples {
            for (key, _) in textFeatures(example, text: &text) {
                if documentFrequency[key] == nil { seen.append(key) }
                documentFrequency[key, default: 0] += 1
            }
        }
        let vocabulary = seen.filter { documentFrequency[$0, default: 0] >= options.minimumCount }.sorted()
        var featureIndex: [UInt64: Int] = [:]
        for (j, key) in vocabulary.enumerated() { featureIndex[key] = ruleFeatureCount + j }

        // The design matrix: each example, then its augmented copies.
        var matrix = SparseRows()
        for example in examples {
            guard let label = classIndex[example.label] else { continue }
            var textRow: [(Int, Double)] = []
            for (key, count) in textFeatures(example, text: &text) {
                if let j = featureIndex[key] { textRow.append((j, Double(count))) }
            }
            func ruleRow(_ intents: [IntentMatch], _ candidates: [IntentMatch]) -> [(Int, Double)] {
                var row: [(Int, Double)] = []
                IntentModelFeature.forEachRuleFeature(
                    intents: intents,
                    candidates: candidates,
                    index: { intentIndex[$0] }
                ) {
                    rule,
                    intent,
                    value in
                    row.append((rule.map { $0.rawValue * intentIDs.count + intent } ?? nothing, value))
                }
                return row
            }
            matrix.append(textRow + ruleRow(example.intents, example.candidates), label: label, weight: 1)
            if options.textOnlyWeight > 0 {
                matrix.append(textRow + ruleRow([], []), label: label, weight: options.textOnlyWeight)
            }
            let gold = Set(example.labels)
            if options.missedRuleWeight > 0, !gold.isEmpty, example.intents.contains(where: { gold.contains($0.id) }),
                example.intents.contains(where: { !gold.contains($0.id) })
            {
                let row = ruleRow(
                    example.intents.filter { !gold.contains($0.id) },
                    example.candidates.filter { !gold.contains($0.id) }
                )
                matrix.append(textRow + row, label: label, weight: options.missedRuleWeight)
            }
        }

        let featureCount = ruleFeatureCount + vocabulary.count
        let solution = SoftmaxRegression(
            matrix: matrix,
            featureCount: featureCount,
            classCount: classes.count,
            penalty: 1 / options.regularization
        ).fit(iterations: options.iterations)

        // Rows, rounded to hundredths and pruned, in file order.
        let classCount = classes.count
        func weights(of feature: Int) -> [Int]? {
            let row = (0..<classCount).map { c -> Int in
                let value = Int((solution[feature * classCount + c] * IntentModelDefinition.scale).rounded())
                return abs(value) < options.pruning ? 0 : value
            }
            return row.contains(where: { $0 != 0 }) ? row : nil
        }
        var rows: [IntentModelDefinition.Row] = []
        for rule in IntentModelFeature.Rule.allCases {
            for (i, id) in intentIDs.enumerated() where intentIndex[id] == i {
                if let w = weights(of: rule.rawValue * intentIDs.count + i) {
                    rows.append(.init(feature: .rule(rule, id), weights: w))
                }
            }
        }
        if let w = weights(of: nothing) { rows.append(.init(feature: .nothing, weights: w)) }
        var textRows: [IntentModelDefinition.Row] = []
        for (j, key) in vocabulary.enumerated() {
            guard let w = weights(of: ruleFeatureCount + j), let name = text[key] else { continue }
            let feature: IntentModelDefinition.Feature = key >> 63 == 1 ? .word(name) : .character(name)
            textRows.append(.init(feature: feature, weights: w))
        }
        // Two words may fold to one text only by a hash collision; the first row stays.
        var written: Set<IntentModelDefinition.Feature> = []
        rows += textRows.sorted { $0.feature < $1.feature }.filter { written.insert($0.feature).inserted }
        let bias = (0..<classCount).map { c in
            Int((solution[featureCount * classCount + c] * IntentModelDefinition.scale).rounded())
        }
        return IntentModelDefinition(
            source: source,
            classes: classes,
            decision: options.decision,
            bias: bias,
            rows: rows
        )
    }

    /// The `source` line of a model: the corpus, its size and the options.
    package static func source(corpus: String, lines: Int, options: Options) -> String {
        "\(corpus): \(lines) lines; features in at least \(options.minimumCount) messages, C "
            + "\(IntentModelDefinition.number(options.regularization)), without-rules weight "
            + "\(IntentModelDefinition.number(options.textOnlyWeight)), missed-rule weight "
            + "\(IntentModelDefinition.number(options.missedRuleWeight)), \(options.iterations) iterations"
    }

    /// An example's character and word features with their counts, in first-occurrence order,
    /// recording each key's text.
    static func textFeatures(_ example: Example, text: inout [UInt64: String]) -> [(UInt64, Int)] {
        var features: [(UInt64, Int)] = []
        var position: [UInt64: Int] = [:]
        IntentModelFeature.forEachTextFeature(units: example.units, tokens: example.tokens) { key, range in
            if let at = position[key] {
                features[at].1 += 1
                return
            }
            position[key] = features.count
            features.append((key, 1))
            if text[key] == nil {
                text[key] =
                    key >> 63 == 1
                    ? IntentModelFeature.text(ofWord: example.units[range])
                    : IntentModelFeature.text(ofCharacterKey: key)
            }
        }
        return features
    }
}

/// Rows of a sparse design matrix with a label and a weight each.
struct SparseRows {
    var start: [Int] = [0]
    var features: [Int32] = []
    var values: [Double] = []
    var labels: [Int] = []
    var weights: [Double] = []

    var count: Int { labels.count }

    mutating func append(_ row: [(Int, Double)], label: Int, weight: Double) {
        for (feature, value) in row {
            features.append(Int32(feature))
            values.append(value)
        }
        start.append(features.count)
        labels.append(label)
        weights.append(weight)
    }
}
