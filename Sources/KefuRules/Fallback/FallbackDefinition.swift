import Kefu

/// The authored form of the learned fallback: what `Rules/fallback.yaml` holds.
///
/// `kefu learn` trains one (``FallbackTrainer``) and writes it (``render()``); the loader parses
/// it back (``FallbackFileParser``) and compiles it into the engine's ``FallbackModel``.
///
/// ```yaml
/// fallback:
///   source: "Corpus/train: 2391 lines"
///   confidence: 0.8
///   classes: [none, greeting, size]
///   prior: [-2.5, -3.1, -2.3]
///   unseen: [-9.2, -9.9, -10.4]
///   features:
///     "尺码": [0, 0, 5.9]
/// ```
package struct FallbackDefinition: Sendable, Hashable {
    /// One feature: one or two characters of the normalized text, and what it adds per class.
    package struct Feature: Sendable, Hashable {
        /// The characters (digits written as `0`).
        package var text: String
        /// Log-weight per class, in the order of ``FallbackDefinition/classes``.
        package var weights: [Double]
    }

    /// What the model was trained on, for people (`Corpus/train: 2391 lines, …`).
    package var source: String
    /// The least posterior at which the fallback reports its best intent.
    package var confidence: Double
    /// The class ids: intent ids and `none`.
    package var classes: [String]
    /// Log prior per class.
    package var priors: [Double]
    /// Log-probability per class of a known feature the class never saw.
    package var unseen: [Double]
    /// The features, sorted by their UTF-16 units.
    package var features: [Feature]

    /// The class a message without intent gets.
    package static let noneClass = "none"

    /// Compiles the definition into the engine's model.
    package func compiled() -> FallbackModel {
        FallbackModel(
            classes: classes, priors: priors, unseen: unseen, confidence: confidence,
            features: features.compactMap { feature in
                FallbackFeature.key(of: feature.text).map { (key: $0, weights: feature.weights) }
            })
    }
}
