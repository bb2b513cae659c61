/// The features the learned intent model reads from one analyzed message.
///
/// Three kinds, each a `UInt64` key so that a message is read without building a string:
///
/// - **Characters**: every unigram and bigram of UTF-16 units of the normalized text, with ASCII
///   digits folded to `0` (so `165cm` and `170cm` share `00`, `0c` and `cm`). Units of a surrogate
///   pair (emoji) are never part of one.
/// - **Words**: the text of every token the segmenter made (lexicon words, ICU's words, numbers,
///   sizes, emoji), digits folded, hashed.
/// - **Rules**: what the rules made of the message, per intent: its score (accepted or below its
///   threshold), whether it was accepted, whether it ranked first, whether its evidence starts
///   first; and whether the rules found no intent at all. These are not hashed: the model keeps
///   their rows by intent.
///
/// Character and word features count `1 + ln(occurrences)`; rule features count their value.
///
/// ```swift
/// IntentModelFeature.characterKey(of: "尺码")   // the bigram 尺码
/// IntentModelFeature.characterKey(of: "5码")    // the same key as "0码"
/// ```
package enum IntentModelFeature {
    /// What the rules say about one intent, as a feature of the model.
    package enum Rule: Int, Sendable, CaseIterable {
        /// The intent's score, accepted or below its threshold (0 when nothing fired).
        case score
        /// 1 when the intent reached its threshold.
        case accepted
        /// 1 when it is the rules' best intent.
        case top
        /// 1 when its evidence starts first among the intents the rules accepted.
        case first

        /// The name the model file writes.
        package var name: String {
            switch self {
            case .score: "score"
            case .accepted: "accepted"
            case .top: "top"
            case .first: "first"
            }
        }

        /// The rule feature a name names.
        package init?(name: String) {
            guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
            self = found
        }
    }

    /// The name of the rule feature "the rules found no intent", which belongs to no intent.
    package static let nothingName = "nothing"

    /// The unit a normalized unit counts as: ASCII digits fold to `0`.
    @inline(__always)
    static func fold(_ unit: UInt16) -> UInt16 {
        unit >= 0x30 && unit <= 0x39 ? 0x30 : unit
    }

    /// Whether a unit can be part of a character feature (surrogates cannot).
    @inline(__always)
    static func isUsable(_ unit: UInt16) -> Bool {
        unit & 0xF800 != 0xD800
    }

    @inline(__always)
    static func unigram(_ unit: UInt16) -> UInt64 {
        1 << 32 | UInt64(unit)
    }

    @inline(__always)
    static func bigram(_ first: UInt16, _ second: UInt16) -> UInt64 {
        2 << 32 | UInt64(first) << 16 | UInt64(second)
    }

    /// The key of a word: FNV-1a over its folded units, top bit set (character keys stay below 2³⁵).
    @inline(__always)
    static func wordKey(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in range {
            hash = (hash ^ UInt64(fold(units[i]))) &* 0x100_0000_01b3
        }
        return hash | 1 << 63
    }

    /// The key of a character feature written as text: one or two characters, each one UTF-16 unit.
    ///
    /// - Parameter text: The feature as the model file writes it (`尺码`, `吗`, `0码`).
    /// - Returns: The key, or `nil` when the text is not one or two usable units.
    package static func characterKey(of text: String) -> UInt64? {
        var first: UInt16?
        var second: UInt16?
        for unit in text.utf16 {
            guard isUsable(unit), second == nil else { return nil }
            if first == nil { first = fold(unit) } else { second = fold(unit) }
        }
        guard let first else { return nil }
        return second.map { bigram(first, $0) } ?? unigram(first)
    }

    /// The key of a word feature written as text.
    ///
    /// - Parameter text: The token's normalized text (`包邮`, `xl`, `000斤`).
    /// - Returns: The key, or `nil` for an empty text.
    package static func wordKey(of text: String) -> UInt64? {
        guard !text.isEmpty else { return nil }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for unit in text.utf16 { hash = (hash ^ UInt64(fold(unit))) &* 0x100_0000_01b3 }
        return hash | 1 << 63
    }

    /// The text of a character key (the learner writes features by their text).
    package static func text(ofCharacterKey key: UInt64) -> String {
        let units: [UInt16] =
            key >> 32 == 1
            ? [UInt16(truncatingIfNeeded: key)]
            : [UInt16(truncatingIfNeeded: key >> 16), UInt16(truncatingIfNeeded: key)]
        return String(decoding: units, as: UTF16.self)
    }

    /// The text a word feature is written as: the token's units with digits folded.
    package static func text(ofWord units: ArraySlice<UInt16>) -> String {
        String(decoding: units.map(fold), as: UTF16.self)
    }

    /// Calls `body` with the key and unit range of every character and word feature of a message.
    ///
    /// Characters come first (in text order), then words (in token order). A repeated feature is
    /// reported once per occurrence; the caller sums them.
    ///
    /// - Parameters:
    ///   - units: The normalized text (``NormalizedText/units``).
    ///   - tokens: Its tokens.
    ///   - body: Called once per feature occurrence.
    /// - Complexity: O(*n*) in the number of units; no allocation.
    @inline(__always)
    package static func forEachTextFeature(
        units: [UInt16],
        tokens: [Token],
        _ body: (UInt64, Range<Int>) -> Void
    ) {
        units.withUnsafeBufferPointer { buffer in
            var previous: UInt16 = 0
            var previousUsable = false
            for index in 0..<buffer.count {
                let raw = buffer[index]
                let usable = isUsable(raw)
                let unit = fold(raw)
                if usable {
                    body(unigram(unit), index..<index + 1)
                    if previousUsable { body(bigram(previous, unit), index - 1..<index + 1) }
                }
                previous = unit
                previousUsable = usable
            }
            for token in tokens where !token.range.isEmpty && token.range.upperBound <= buffer.count {
                body(wordKey(buffer, token.range), token.range)
            }
        }
    }

    /// Calls `body` with every rule feature of a message: the rule feature, the intent's index in
    /// the rule set (-1 for ``nothingName``, then `rule` is `nil`) and the value.
    ///
    /// - Parameters:
    ///   - intents: The rules' accepted intents, best first.
    ///   - candidates: The intents that stayed below their threshold.
    ///   - index: The index of an intent id in the rule set.
    ///   - body: Called once per feature.
    /// - Complexity: O(*k*) in the intents and candidates; no allocation.
    @inline(__always)
    package static func forEachRuleFeature(
        intents: [IntentMatch],
        candidates: [IntentMatch],
        index: (String) -> Int?,
        _ body: (Rule?, Int, Double) -> Void
    ) {
        guard !intents.isEmpty else {
            body(nil, -1, 1)
            for match in candidates {
                if let i = index(match.id) { body(.score, i, match.score) }
            }
            return
        }
        var first = -1
        var firstStart = Int.max
        for (rank, match) in intents.enumerated() {
            guard let i = index(match.id) else { continue }
            body(.score, i, match.score)
            body(.accepted, i, 1)
            if rank == 0 { body(.top, i, 1) }
            var start = Int.max
            for evidence in match.evidence { start = min(start, evidence.range.lowerBound) }
            if first < 0 || start < firstStart {
                first = i
                firstStart = start
            }
        }
        if first >= 0 { body(.first, first, 1) }
        for match in candidates {  // never an accepted intent
            if let i = index(match.id) { body(.score, i, match.score) }
        }
    }
}
