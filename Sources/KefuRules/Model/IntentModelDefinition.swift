import Kefu

/// The authored form of the learned intent model: what `Rules/model.tsv` holds.
///
/// `kefu learn` trains one (``IntentModelTrainer``) and writes it (``render()``); the loader parses
/// it back (``IntentModelFileParser``) and compiles it into the engine's ``IntentModel``.
/// Weights are kept as integers in hundredths, as the file writes them, so a definition survives
/// writing and reading unchanged.
///
/// ```text
/// kefu-model	1
/// classes	none	greeting	size
/// decision	none-margin	0.5	override	0.7	secondary	0.2
/// bias	120	-35	-85
/// rule	score	size	2:310	0:-95
/// char	尺码	2:288	0:-41
/// word	包邮	0:-12
/// ```
package struct IntentModelDefinition: Sendable, Hashable {
    /// What one row of weights belongs to.
    package enum Feature: Sendable, Hashable, Comparable {
        /// What the rules said about an intent (by id).
        case rule(IntentModelFeature.Rule, String)
        /// The rules found no intent.
        case nothing
        /// One or two characters of the normalized text (digits written as `0`).
        case character(String)
        /// A token's normalized text (digits written as `0`).
        case word(String)

        /// The order the file writes rows in: rules, then characters, then words, each by text.
        package static func < (a: Feature, b: Feature) -> Bool {
            func rank(_ f: Feature) -> (Int, Int, [UInt16]) {
                switch f {
                case .rule(let rule, let id): (0, rule.rawValue, Array(id.utf16))
                case .nothing: (1, 0, [])
                case .character(let text): (2, 0, Array(text.utf16))
                case .word(let text): (3, 0, Array(text.utf16))
                }
            }
            let (x, y) = (rank(a), rank(b))
            if x.0 != y.0 { return x.0 < y.0 }
            if x.1 != y.1 { return x.1 < y.1 }
            return x.2.lexicographicallyPrecedes(y.2)
        }
    }

    /// One row: a feature and its weight per class, in hundredths (0 for most classes).
    package struct Row: Sendable, Hashable {
        /// The feature.
        package var feature: Feature
        /// One weight per class, in hundredths.
        package var weights: [Int]

        /// Creates a row.
        package init(feature: Feature, weights: [Int]) {
            self.feature = feature
            self.weights = weights
        }
    }

    /// The file format's version.
    package static let version = 1
    /// Weights are written as integers: the weight times this.
    package static let scale = 100.0
    /// The class a message without intent gets.
    package static let noneClass = IntentModel.noneClass

    /// What the model was trained on, for people (`Corpus/train: 2391 lines; …`).
    package var source: String
    /// The class ids: `none` and intent ids.
    package var classes: [String]
    /// When the model's answer replaces the rules'.
    package var decision: IntentModel.Decision
    /// One bias per class, in hundredths.
    package var bias: [Int]
    /// The rows, in file order.
    package var rows: [Row]

    /// Creates a definition.
    package init(source: String, classes: [String], decision: IntentModel.Decision, bias: [Int], rows: [Row]) {
        self.source = source
        self.classes = classes
        self.decision = decision
        self.bias = bias
        self.rows = rows
    }

    /// Compiles the definition for a rule set.
    ///
    /// - Parameter intentIDs: The rule set's intents, in order.
    /// - Returns: The engine's model, weights in natural units.
    package func compiled(intentIDs: [String]) -> IntentModel {
        let rows = rows.compactMap { row -> IntentModel.Row? in
            let weights = row.weights.map { Float(Double($0) / Self.scale) }
            switch row.feature {
            case .rule(let rule, let id): return IntentModel.Row(feature: .rule(rule, id), weights: weights)
            case .nothing: return IntentModel.Row(feature: .nothing, weights: weights)
            case .character(let text):
                return IntentModelFeature.characterKey(of: text).map {
                    IntentModel.Row(feature: .key($0), weights: weights)
                }
            case .word(let text):
                return IntentModelFeature.wordKey(of: text).map { IntentModel.Row(feature: .key($0), weights: weights) }
            }
        }
        return IntentModel(
            classes: classes,
            bias: bias.map { Float(Double($0) / Self.scale) },
            rows: rows,
            decision: decision,
            intentIDs: intentIDs
        )
    }
}
