#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The learned intent model: a multinomial logistic regression (softmax) over the characters and
/// words of a message and what the rules made of it (see ``IntentModelFeature``).
///
/// It is compiled from `Rules/model.tsv`, which `kefu learn` writes, and it weighs every message
/// the rules have scored: it can put another of the rules' intents first, add an intent no rule
/// found, or (rarely) call a message the rules gave an intent `none` (see
/// ``RuleSet/combine(rules:candidates:text:tokens:)``). For class *c* (`none` or an intent) the
/// score of a message is
///
///     bias[c] + Σ value(f) · weight[f][c]
///
/// over its features *f*, and the posterior is the softmax of the scores.
///
/// ```swift
/// let analysis = rules.analyze("这衣服洗完变小了")
/// analysis.intents.first?.evidence.map(\.matcher)   // ["wash-damage"]: the model agreed
/// ```
///
/// A class: ``RuleSet`` keeps one, and every message reads it; a struct of a dozen arrays would
/// be copied, and each array retained, whenever a method of it is passed as a closure.
package final class IntentModel: Sendable {
    /// When the model's answer replaces the rules' (see ``RuleSet/combine(rules:candidates:text:tokens:)``).
    package struct Decision: Sendable, Hashable {
        /// `none` wins only by this much log-odds over the best intent.
        package var noneMargin: Double
        /// The least posterior at which the model's first intent replaces one the rules found.
        package var override: Double
        /// The least posterior of a main intent that goes before a secondary intent the model put first.
        package var secondary: Double

        /// Creates decision settings.
        package init(noneMargin: Double, override: Double, secondary: Double) {
            self.noneMargin = noneMargin
            self.override = override
            self.secondary = secondary
        }
    }

    /// A feature's weights, given by key (characters and words) or by rule feature and intent.
    package struct Row: Sendable {
        /// What the row is the weights of.
        package enum Feature: Sendable, Hashable {
            /// A character or word feature (``IntentModelFeature`` keys).
            case key(UInt64)
            /// A rule feature of one intent (by id).
            case rule(IntentModelFeature.Rule, String)
            /// The rules found no intent.
            case nothing
        }

        /// The feature.
        package var feature: Feature
        /// One weight per class.
        package var weights: [Float]

        /// Creates a row.
        package init(feature: Feature, weights: [Float]) {
            self.feature = feature
            self.weights = weights
        }
    }

    /// The class ids: `none` and intent ids.
    package let classes: [String]
    /// The decision settings.
    package let decision: Decision
    /// Per class: its index among the rule set's intents, or -1 for `none`.
    let intentOfClass: [Int]
    /// Per rule-set intent: its class, or -1 when the model has no such class.
    let classOfIntent: [Int]
    /// The class of `none`, or -1.
    let noneClass: Int
    /// The rule set's intent ids, in order.
    private let intentPositions: IntentIndex
    private let bias: [Float]
    /// Rows of the rule features: `ruleRows[rule.rawValue * intents + intent]`, -1 when absent.
    private let ruleRows: [Int32]
    private let nothingRow: Int32
    private let intentCount: Int
    /// A slot of the open-addressing table: a character or word key (0 = empty) and its row.
    private struct Entry {
        var key: UInt64
        var row: Int32
    }

    private let table: [Entry]
    private let mask: Int
    /// Vectors of 16 weights a row holds: the classes, padded.
    private let lanes: Int
    /// `weights[row * lanes + class / 16][class % 16]`: one row is one or two cache lines.
    private let weights: [SIMD16<Float>]

    /// The number of rows (features with weights).
    package let rowCount: Int

    /// The class name of messages without intent.
    package static let noneClass = "none"

    /// Compiles a model for a rule set.
    ///
    /// - Parameters:
    ///   - classes: The class ids (`none` and intent ids).
    ///   - bias: One per class.
    ///   - rows: The features' weights; a repeated feature keeps its first row, a row with the
    ///     wrong number of weights or naming an intent the rule set lacks is left out.
    ///   - decision: When the model's answer replaces the rules'.
    ///   - intentIDs: The rule set's intents, in order.
    package init(classes: [String], bias: [Float], rows: [Row], decision: Decision, intentIDs: [String]) {
        precondition(bias.count == classes.count)
        self.classes = classes
        self.bias = bias
        self.decision = decision
        let classCount = classes.count
        let positions = IntentIndex(intentIDs)
        self.intentPositions = positions
        self.intentCount = intentIDs.count
        self.intentOfClass = classes.map { positions.position(of: $0) ?? -1 }
        var classOfIntent = [Int](repeating: -1, count: intentIDs.count)
        for (c, id) in classes.enumerated() {
            if let i = positions.position(of: id), classOfIntent[i] < 0 { classOfIntent[i] = c }
        }
        self.classOfIntent = classOfIntent
        self.noneClass = classes.firstIndex(of: Self.noneClass) ?? -1
        var capacity = 16
        while capacity < rows.count * 2 { capacity *= 2 }
        var table = [Entry](repeating: Entry(key: 0, row: -1), count: capacity)
        let lanes = max(1, (classCount + 15) / 16)
        var ruleRows = [Int32](repeating: -1, count: IntentModelFeature.Rule.allCases.count * intentIDs.count)
        var nothingRow: Int32 = -1
        var weights: [SIMD16<Float>] = []
        weights.reserveCapacity(rows.count * lanes)
        var count: Int32 = 0
        for row in rows where row.weights.count == classCount {
            switch row.feature {
            case .key(let key):
                var slot = Self.hash(key) & (capacity - 1)
                while table[slot].key != 0, table[slot].key != key { slot = (slot + 1) & (capacity - 1) }
                guard key != 0, table[slot].key == 0 else { continue }
                table[slot] = Entry(key: key, row: count)
            case .rule(let rule, let id):
                guard let i = positions.position(of: id), ruleRows[rule.rawValue * intentIDs.count + i] < 0 else { continue }
                ruleRows[rule.rawValue * intentIDs.count + i] = count
            case .nothing:
                guard nothingRow < 0 else { continue }
                nothingRow = count
            }
            for lane in 0..<lanes {
                var vector = SIMD16<Float>()
                for i in 0..<16 where lane * 16 + i < classCount { vector[i] = row.weights[lane * 16 + i] }
                weights.append(vector)
            }
            count += 1
        }
        self.table = table
        self.lanes = lanes
        self.mask = capacity - 1
        self.ruleRows = ruleRows
        self.nothingRow = nothingRow
        self.weights = weights
        self.rowCount = Int(count)
    }

    /// The index of an intent id in the rule set, or `nil`.
    ///
    @inline(__always)
    func intentIndex(of id: String) -> Int? { intentPositions.position(of: id) }

    @inline(__always)
    private static func hash(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 29)
    }

    /// The row of a key, or -1.
    @inline(__always)
    private func row(_ key: UInt64, in table: UnsafeBufferPointer<Entry>) -> Int {
        var slot = Self.hash(key) & mask
        while true {
            let entry = table[slot]
            if entry.key == key { return Int(entry.row) }
            if entry.key == 0 { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// The posterior of every class for one message the rules have scored.
    ///
    /// - Parameters:
    ///   - units: The normalized text.
    ///   - tokens: Its tokens.
    ///   - intents: The rules' accepted intents, best first.
    ///   - candidates: The intents below their threshold.
    ///   - posteriors: Filled with one probability per class (``classes``); at least that long.
    /// - Complexity: O((*n* + *k*) · *c*) for *n* units, *k* rule intents and *c* classes; no allocation.
    package func posteriors(
        units: [UInt16],
        tokens: [Token],
        intents: [IntentMatch],
        candidates: [IntentMatch],
        into posteriors: UnsafeMutableBufferPointer<Double>
    ) {
        let classCount = classes.count
        let lanes = lanes
        withUnsafeTemporaryAllocation(of: SIMD16<Float>.self, capacity: lanes) { sums in
            for lane in 0..<lanes { sums[lane] = SIMD16<Float>() }
            weights.withUnsafeBufferPointer { weights in
                table.withUnsafeBufferPointer { table in
                    if lanes == 1 {
                        // Up to 16 classes (the shipped rules have 15): one vector, summed in
                        // registers rather than through memory.
                        var sum = SIMD16<Float>()
                        IntentModelFeature.forEachTextFeature(units: units, tokens: tokens) { key, _ in
                            let r = row(key, in: table)
                            if r >= 0 { sum += weights[r] }
                        }
                        sums[0] = sum
                    } else {
                        IntentModelFeature.forEachTextFeature(units: units, tokens: tokens) { key, _ in
                            let r = row(key, in: table)
                            guard r >= 0 else { return }
                            for lane in 0..<lanes { sums[lane] += weights[r * lanes + lane] }
                        }
                    }
                }
                IntentModelFeature.forEachRuleFeature(intents: intents, candidates: candidates, index: intentIndex(of:))
                {
                    rule,
                    intent,
                    value in
                    let r = Int(rule.map { ruleRows[$0.rawValue * intentCount + intent] } ?? nothingRow)
                    guard r >= 0 else { return }
                    for lane in 0..<lanes { sums[lane] += Float(value) * weights[r * lanes + lane] }
                }
            }
            for c in 0..<classCount { posteriors[c] = Double(bias[c]) + Double(sums[c / 16][c % 16]) }
        }
        var best = -Double.infinity
        for c in 0..<classCount { best = max(best, posteriors[c]) }
        var total = 0.0
        for c in 0..<classCount {
            posteriors[c] = exp(posteriors[c] - best)
            total += posteriors[c]
        }
        for c in 0..<classCount { posteriors[c] /= total }
    }

    /// The unit ranges of the character and word features that favour a class most over the
    /// others, strongest first (for explanations).
    ///
    /// - Parameters:
    ///   - classIndex: The class, as an index into ``classes``.
    ///   - units: The normalized text.
    ///   - tokens: Its tokens.
    ///   - limit: The most ranges returned.
    /// - Returns: Ranges of `units`, each that of a feature with a positive margin.
    package func strongestFeatures(for classIndex: Int, units: [UInt16], tokens: [Token], limit: Int) -> [Range<Int>] {
        let lanes = lanes
        var found: [(margin: Float, range: Range<Int>)] = []
        weights.withUnsafeBufferPointer { weights in
            table.withUnsafeBufferPointer { table in
                IntentModelFeature.forEachTextFeature(units: units, tokens: tokens) { key, range in
                    let r = row(key, in: table)
                    guard r >= 0 else { return }
                    var own: Float = 0
                    var other: Float = -.infinity
                    for lane in 0..<lanes {
                        var vector = weights[r * lanes + lane]
                        if classIndex / 16 == lane {
                            own = vector[classIndex % 16]
                            vector[classIndex % 16] = -.infinity
                        }
                        if lane == lanes - 1, classes.count % 16 != 0 {
                            for i in classes.count % 16..<16 { vector[i] = -.infinity }  // padding
                        }
                        other = max(other, vector.max())
                    }
                    if own > other { found.append((own - other, range)) }
                }
            }
        }
        found.sort { $0.margin != $1.margin ? $0.margin > $1.margin : $0.range.lowerBound < $1.range.lowerBound }
        return found.prefix(limit).map(\.range)
    }
}
