/// A shopper's message in canonical form, with a map back to what the shopper typed.
///
/// Every later stage works on ``units`` (UTF-16 code units, which ICU speaks natively and where a
/// common Chinese character is one unit); explanations point at the original through
/// ``originalRange(of:)``.
///
/// ```swift
/// let n = Normalizer().normalize("這件ＸＬ碼多長？？？")
/// n.text                                  // "这件xl码多长?"
/// n.originalRange(of: 2..<4)              // 2..<4: "ＸＬ" in the original
/// ```
public struct NormalizedText: Sendable, Hashable {
    /// The message exactly as it was given to the normalizer.
    public let original: String
    /// The normalized text as UTF-16 code units.
    public let units: [UInt16]
    /// For every unit of ``units``, the UTF-16 offset in ``original`` that it comes from.
    let origin: [Int32]
    /// The length of ``original`` in UTF-16 code units.
    let originalLength: Int

    init(original: String, units: [UInt16], origin: [Int32], originalLength: Int) {
        self.original = original
        self.units = units
        self.origin = origin
        self.originalLength = originalLength
    }

    /// The normalized text.
    public var text: String { String(utf16Units: units) }

    /// Whether the normalized text is empty (an empty or whitespace-only message).
    public var isEmpty: Bool { units.isEmpty }

    /// The normalized text of a range of ``units``.
    ///
    /// - Parameter range: UTF-16 offsets into the normalized text, such as a token's range.
    /// - Returns: The text of that range.
    public func text(in range: Range<Int>) -> String {
        String(utf16Units: units[range])
    }

    /// The part of the original message that a range of the normalized text comes from.
    ///
    /// Characters the normalizer dropped after the range (the rest of a run of `？？？`) belong to
    /// it; spaces that were collapsed do not.
    /// - Parameter range: UTF-16 offsets into the normalized text.
    /// - Returns: UTF-16 offsets into ``original``.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= units.count else {
            let at = range.lowerBound < origin.count ? Int(origin[max(0, range.lowerBound)]) : originalLength
            return at..<at
        }
        let start = Int(origin[range.lowerBound])
        let last = Int(origin[range.upperBound - 1])
        var end = range.upperBound < origin.count ? Int(origin[range.upperBound]) : originalLength
        if end <= last {
            // The range ends inside the expansion of one original character: take all of it.
            end = last + 1
            if end < originalLength, UTF16.isTrailSurrogate(originalUnit(at: end)) { end += 1 }
        }
        while end > last + 1, isSpaceOrControl(originalUnit(at: end - 1)) { end -= 1 }
        return start..<max(end, start)
    }

    /// The text of the original message over a range of it.
    ///
    /// - Parameter range: UTF-16 offsets into ``original``, as ``originalRange(of:)`` returns.
    /// - Returns: That part of the original message.
    public func originalText(in range: Range<Int>) -> String {
        let utf16 = original.utf16
        // Offsets past either end are clamped: a wrong range gives a short text, never a trap.
        let count = utf16.count
        let bounded = min(max(0, range.lowerBound), count)..<min(max(0, range.upperBound), count)
        let lower = utf16.index(utf16.startIndex, offsetBy: bounded.lowerBound)
        let upper = utf16.index(lower, offsetBy: bounded.count)
        return String(decoding: Array(utf16[lower..<upper]), as: UTF16.self)
    }

    private func originalUnit(at offset: Int) -> UInt16 {
        let utf16 = original.utf16
        return utf16[utf16.index(utf16.startIndex, offsetBy: offset)]
    }

    private func isSpaceOrControl(_ unit: UInt16) -> Bool {
        CharacterTable.shared.classes(of: unit).contains(.space)
    }
}
