/// The features the learned fallback reads: character unigrams and bigrams of a normalized message.
///
/// A feature is one or two UTF-16 code units of the normalized text, with every ASCII digit folded
/// to `0` (so `165cm` and `170cm` share `00`, `0c` and `cm`). Units of a surrogate pair (emoji) are
/// never part of a feature. A feature is a `UInt64` key, so a message is read without building a
/// string: one table lookup per unit for the unigram and one for the bigram ending there.
///
/// ```swift
/// FallbackFeature.key(of: "尺码")   // the bigram 尺码
/// FallbackFeature.key(of: "5码")    // the same key as "0码"
/// ```
package enum FallbackFeature {
    /// The unit a normalized unit counts as: ASCII digits fold to `0`.
    @inline(__always)
    static func fold(_ unit: UInt16) -> UInt16 {
        unit >= 0x30 && unit <= 0x39 ? 0x30 : unit
    }

    /// Whether a unit can be part of a feature (surrogates cannot).
    @inline(__always)
    static func isUsable(_ unit: UInt16) -> Bool {
        unit & 0xF800 != 0xD800
    }

    /// The key of a unigram.
    @inline(__always)
    static func unigram(_ unit: UInt16) -> UInt64 {
        1 << 32 | UInt64(unit)
    }

    /// The key of a bigram.
    @inline(__always)
    static func bigram(_ first: UInt16, _ second: UInt16) -> UInt64 {
        2 << 32 | UInt64(first) << 16 | UInt64(second)
    }

    /// The key of a feature written as text: one or two characters, each one UTF-16 unit.
    ///
    /// - Parameter text: The feature as a rule file writes it (`尺码`, `吗`, `0码`).
    /// - Returns: The key, or `nil` when the text is not one or two usable units.
    package static func key(of text: String) -> UInt64? {
        let units = Array(text.utf16)
        guard units.allSatisfy(isUsable) else { return nil }
        switch units.count {
        case 1: return unigram(fold(units[0]))
        case 2: return bigram(fold(units[0]), fold(units[1]))
        default: return nil
        }
    }

    /// Calls `body` with the key and the unit range of every feature of a normalized text, in
    /// order: the unigram at each unit, then the bigram that ends there.
    ///
    /// - Parameters:
    ///   - units: The normalized text (``NormalizedText/units``).
    ///   - body: Called once per feature occurrence.
    /// - Complexity: O(*n*) in the number of units.
    @inline(__always)
    package static func forEach(in units: [UInt16], _ body: (UInt64, Range<Int>) -> Void) {
        var previous: UInt16 = 0
        var previousUsable = false
        for index in units.indices {
            let raw = units[index]
            let usable = isUsable(raw)
            let unit = fold(raw)
            if usable {
                body(unigram(unit), index..<index + 1)
                if previousUsable { body(bigram(previous, unit), index - 1..<index + 1) }
            }
            previous = unit
            previousUsable = usable
        }
    }

    /// The text of a feature key (for the learner, which writes features by their text).
    ///
    /// - Parameter key: A key from ``forEach(in:_:)`` or ``key(of:)``.
    /// - Returns: The one or two characters.
    package static func text(of key: UInt64) -> String {
        let units: [UInt16] =
            key >> 32 == 1
            ? [UInt16(truncatingIfNeeded: key)]
            : [UInt16(truncatingIfNeeded: key >> 16), UInt16(truncatingIfNeeded: key)]
        return String(decoding: units, as: UTF16.self)
    }
}
