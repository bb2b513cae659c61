#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A learned fallback classifier: a multinomial naive Bayes over character unigrams and bigrams of
/// the normalized message (see ``FallbackFeature``).
///
/// It is compiled from `Rules/fallback.yaml`, which `kefu learn` writes, and it is consulted only
/// when no rule intent reaches its threshold. For class *c*, the score of a message is
///
///     prior[c] + L · unseen[c] + Σ weight[f][c]
///
/// over the *L* feature occurrences in the message that the model knows, where `unseen[c]` is the
/// log-probability of a feature the class never saw and `weight[f][c]` what feature *f* adds on top
/// of that (0 when the class never saw it). The posterior is the softmax of the scores.
///
/// ```swift
/// let prediction = model.predict(Normalizer().normalize("这衣服洗完变小了").units)
/// prediction?.classIndex   // the index of "cleaning" in `classes`
/// ```
package struct FallbackModel: Sendable {
    /// What the model makes of one message.
    package struct Prediction: Sendable, Hashable {
        /// The best class, as an index into ``FallbackModel/classes``.
        package let classIndex: Int
        /// Its posterior probability in [0, 1].
        package let posterior: Double
    }

    /// The class ids: intent ids, and `none` for messages without intent.
    package let classes: [String]
    /// The least posterior at which the best class is reported.
    package let confidence: Double
    /// Log prior per class.
    let priors: [Double]
    /// Log-probability per class of one occurrence of a known feature the class never saw.
    let unseen: [Double]
    /// The open-addressing table: keys (0 = empty) and the feature index of each.
    private let keys: [UInt64]
    private let slots: [Int32]
    private let mask: Int
    /// `weights[feature * classes.count + class]`.
    private let weights: [Float]

    /// The number of features the model knows.
    package let featureCount: Int

    /// Compiles a model.
    ///
    /// - Parameters:
    ///   - classes: The class ids.
    ///   - priors: Log prior per class.
    ///   - unseen: Log-probability per class of a known feature the class never saw.
    ///   - confidence: The least posterior at which the best class is reported.
    ///   - features: Each feature's key (``FallbackFeature/key(of:)``) and its weight per class.
    ///     A repeated key keeps its first weights.
    package init(
        classes: [String], priors: [Double], unseen: [Double], confidence: Double,
        features: [(key: UInt64, weights: [Double])]
    ) {
        precondition(priors.count == classes.count && unseen.count == classes.count)
        self.classes = classes
        self.priors = priors
        self.unseen = unseen
        self.confidence = confidence
        var capacity = 16
        while capacity < features.count * 2 { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var slots = [Int32](repeating: -1, count: capacity)
        var weights: [Float] = []
        weights.reserveCapacity(features.count * classes.count)
        var count = 0
        for feature in features where feature.weights.count == classes.count {
            var slot = Self.hash(feature.key) & (capacity - 1)
            while keys[slot] != 0, keys[slot] != feature.key { slot = (slot + 1) & (capacity - 1) }
            guard keys[slot] == 0 else { continue }
            keys[slot] = feature.key
            slots[slot] = Int32(count)
            weights += feature.weights.map { Float($0) }
            count += 1
        }
        self.keys = keys
        self.slots = slots
        self.mask = capacity - 1
        self.weights = weights
        self.featureCount = count
    }

    @inline(__always)
    private static func hash(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 29)
    }

    /// The feature index of a key, or -1.
    @inline(__always)
    private func feature(_ key: UInt64) -> Int {
        var slot = Self.hash(key) & mask
        while true {
            let found = keys[slot]
            if found == key { return Int(slots[slot]) }
            if found == 0 { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// Classifies a normalized message.
    ///
    /// - Parameter units: The normalized text (``NormalizedText/units``).
    /// - Returns: The best class and its posterior, or `nil` when the model has no class.
    /// - Complexity: O(*n* · *c*) for *n* units and *c* classes; no allocation beyond one small
    ///   buffer of *c* scores.
    package func predict(_ units: [UInt16]) -> Prediction? {
        let classCount = classes.count
        guard classCount > 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: classCount) { scores in
            for c in 0..<classCount { scores[c] = 0 }
            var known = 0
            weights.withUnsafeBufferPointer { weights in
                FallbackFeature.forEach(in: units) { key, _ in
                    let f = feature(key)
                    guard f >= 0 else { return }
                    known += 1
                    let base = f * classCount
                    for c in 0..<classCount { scores[c] += Double(weights[base + c]) }
                }
            }
            var best = 0
            for c in 0..<classCount {
                scores[c] += priors[c] + Double(known) * unseen[c]
                if scores[c] > scores[best] { best = c }
            }
            var total = 0.0
            for c in 0..<classCount { total += exp(scores[c] - scores[best]) }
            return Prediction(classIndex: best, posterior: 1 / total)
        }
    }

    /// The unit ranges of the features that favour a class most over the others, strongest first.
    ///
    /// - Parameters:
    ///   - classIndex: The class, as an index into ``classes``.
    ///   - units: The normalized text.
    ///   - limit: The most ranges returned.
    /// - Returns: Ranges of `units`, each that of a feature with a positive margin.
    package func strongestFeatures(for classIndex: Int, in units: [UInt16], limit: Int) -> [Range<Int>] {
        let classCount = classes.count
        var found: [(margin: Float, range: Range<Int>)] = []
        FallbackFeature.forEach(in: units) { key, range in
            let f = feature(key)
            guard f >= 0 else { return }
            let base = f * classCount
            var other: Float = -.infinity
            for c in 0..<classCount where c != classIndex {
                other = max(other, weights[base + c] + Float(unseen[c] - unseen[classIndex]))
            }
            let margin = weights[base + classIndex] - other
            if margin > 0 { found.append((margin, range)) }
        }
        found.sort { $0.margin != $1.margin ? $0.margin > $1.margin : $0.range.lowerBound < $1.range.lowerBound }
        return found.prefix(limit).map(\.range)
    }
}
