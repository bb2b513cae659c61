import Foundation
import Kefu

/// Trains the learned fallback: a multinomial naive Bayes over the character unigrams and bigrams
/// of normalized messages (``FallbackFeature``), one class per main label, `none` included.
///
/// Training is deterministic: the same examples and options give the same definition, and so the
/// same `fallback.yaml`, byte for byte. Features are pruned in two steps: those in fewer than
/// ``Options/minimumCount`` messages are dropped, and of the rest the ``Options/maximumFeatures``
/// with the most information gain about the class are kept (ties by their text).
///
/// ```swift
/// let definition = FallbackTrainer.train(examples, classes: ["none", "size"], options: .init(),
///                                        source: "Corpus/train")
/// try definition.render().write(toFile: "Rules/fallback.yaml", atomically: true, encoding: .utf8)
/// ```
package enum FallbackTrainer {
    /// One labelled message.
    package struct Example: Sendable {
        /// The normalized text (``NormalizedText/units``).
        package var units: [UInt16]
        /// The main label: an intent id, or `none`.
        package var label: String

        /// Creates an example.
        package init(units: [UInt16], label: String) {
            self.units = units
            self.label = label
        }
    }

    /// How the model is trained and pruned.
    package struct Options: Sendable, Hashable {
        /// Features must occur in at least this many training messages.
        package var minimumCount = 2
        /// The most features kept, by information gain.
        package var maximumFeatures = 1_500
        /// Additive (Lidstone) smoothing of the feature counts.
        package var smoothing = 0.5
        /// The least posterior at which the fallback reports its best intent (tuned on dev).
        package var confidence = 0.9

        /// The default options.
        package init() {}
    }

    /// Trains a model.
    ///
    /// - Parameters:
    ///   - examples: The labelled messages.
    ///   - classes: The class ids in the order to write them; those without examples are left out.
    ///   - options: Pruning, smoothing and the confidence written into the model.
    ///   - source: What the examples are, for the file's header (`Corpus/train`).
    /// - Returns: The definition, with every number rounded as the file writes it.
    package static func train(
        _ examples: [Example], classes allClasses: [String], options: Options, source: String
    ) -> FallbackDefinition {
        let present = Set(examples.map(\.label))
        let classes = allClasses.filter { present.contains($0) }
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let classCount = classes.count
        // Per message: its features and how often each occurs, in key order.
        var documents: [(label: Int, features: [(key: UInt64, count: Int)])] = []
        var documentFrequency: [UInt64: Int] = [:]
        for example in examples {
            guard let label = classIndex[example.label] else { continue }
            var counts: [UInt64: Int] = [:]
            FallbackFeature.forEach(in: example.units) { key, _ in counts[key, default: 0] += 1 }
            let features = counts.sorted { $0.key < $1.key }.map { (key: $0.key, count: $0.value) }
            for feature in features { documentFrequency[feature.key, default: 0] += 1 }
            documents.append((label, features))
        }
        // Candidates: features in enough messages, with per-class message and occurrence counts.
        let candidates = documentFrequency.filter { $0.value >= options.minimumCount }.keys.sorted()
        let candidateIndex = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($1, $0) })
        var messagesWith = [Int](repeating: 0, count: candidates.count * classCount)
        var occurrences = [Int](repeating: 0, count: candidates.count * classCount)
        var messagesPerClass = [Int](repeating: 0, count: classCount)
        for document in documents {
            messagesPerClass[document.label] += 1
            for feature in document.features {
                guard let f = candidateIndex[feature.key] else { continue }
                messagesWith[f * classCount + document.label] += 1
                occurrences[f * classCount + document.label] += feature.count
            }
        }
        // Keep the features that say most about the class.
        let total = Double(documents.count)
        let gains = candidates.indices.map { f in
            informationGain(
                with: messagesWith[(f * classCount)..<((f + 1) * classCount)], perClass: messagesPerClass, total: total)
        }
        let kept = candidates.indices.sorted { gains[$0] != gains[$1] ? gains[$0] > gains[$1] : $0 < $1 }
            .prefix(options.maximumFeatures)
            .map { (index: $0, text: FallbackFeature.text(of: candidates[$0])) }
            .sorted { Array($0.text.utf16).lexicographicallyPrecedes(Array($1.text.utf16)) }
        // Naive Bayes over the kept features.
        var occurrencesPerClass = [Int](repeating: 0, count: classCount)
        for feature in kept {
            for c in 0..<classCount { occurrencesPerClass[c] += occurrences[feature.index * classCount + c] }
        }
        let alpha = options.smoothing
        let vocabulary = Double(kept.count)
        let unseen = (0..<classCount).map { c in
            rounded(log(alpha / (Double(occurrencesPerClass[c]) + alpha * vocabulary)))
        }
        let priors = (0..<classCount).map { c in rounded(log(Double(messagesPerClass[c]) / total)) }
        let features = kept.map { feature in
            FallbackDefinition.Feature(
                text: feature.text,
                weights: (0..<classCount).map { c in
                    let n = occurrences[feature.index * classCount + c]
                    return n == 0 ? 0 : rounded(log((Double(n) + alpha) / alpha))
                })
        }
        return FallbackDefinition(
            source: source, confidence: rounded(options.confidence), classes: classes, priors: priors,
            unseen: unseen, features: features)
    }

    /// The `source` line of a model: the corpus, its size and the options.
    ///
    /// - Parameters:
    ///   - corpus: The corpus as the user named it (`Corpus/train`).
    ///   - lines: The number of training lines.
    ///   - options: The options trained with.
    package static func source(corpus: String, lines: Int, options: Options) -> String {
        "\(corpus): \(lines) lines; features in at least \(options.minimumCount) messages, the "
            + "\(options.maximumFeatures) most informative, smoothing \(FallbackDefinition.number(options.smoothing))"
    }

    /// The mutual information between a feature's presence and the class.
    static func informationGain(with present: ArraySlice<Int>, perClass: [Int], total: Double) -> Double {
        let withFeature = Double(present.reduce(0, +))
        let without = total - withFeature
        var gain = 0.0
        for (c, count) in zip(perClass.indices, present) {
            let classTotal = Double(perClass[c])
            for (joint, marginal) in [(Double(count), withFeature), (classTotal - Double(count), without)]
            where joint > 0 {
                gain += joint / total * log(joint * total / (marginal * classTotal))
            }
        }
        return gain
    }

    /// Rounded to the three decimals the file keeps.
    static func rounded(_ value: Double) -> Double {
        (value * 1_000).rounded() / 1_000
    }
}
