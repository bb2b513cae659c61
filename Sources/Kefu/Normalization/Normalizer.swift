import CICU

/// Brings a shopper's message into the one canonical form that rules are written in.
///
/// In order: NFKC (which also turns full-width letters, digits and punctuation into their
/// half-width forms: `ＸＬ码` → `XL码`, `１６５` → `165`); Traditional to Simplified
/// (`價格能優惠嗎` → `价格能优惠吗`); Latin case folding (`XL` → `xl`); invisible characters
/// dropped (zero-width spaces, bidirectional controls, a byte-order mark) except the joiners and
/// variation selectors inside emoji; whitespace and control characters collapsed to one space
/// and trimmed; a run of the same punctuation collapsed to one (`？？？` → `?`); a flood of
/// combining marks cut to ``maximumMarksPerCharacter``.
///
/// Traditional to Simplified does not call an ICU transliterator per message: a code-point table
/// is built from ICU's "Traditional-Simplified" transliterator once, and applied per character
/// (measured: 4.3 µs a message through `utrans`, 0.1 µs through the table; see the README).
///
/// ```swift
/// let normalizer = Normalizer()
/// normalizer.normalize("這雙鞋有碼數嗎？？").text   // "这双鞋有码数吗?"
/// ```
public struct Normalizer: Sendable {
    /// The most combining marks kept on one character; the rest of a flood is dropped.
    public static let maximumMarksPerCharacter = 4

    private let table: CharacterTable

    /// Creates a normalizer. The first one builds the shared ICU tables (about 90 M instructions).
    public init() {
        table = CharacterTable.shared
    }

    /// Normalizes a message.
    ///
    /// - Parameter message: The text as the shopper typed it.
    /// - Returns: The normalized text with a map back to `message`.
    /// - Complexity: O(*n*) in the length of `message`.
    public func normalize(_ message: String) -> NormalizedText {
        var message = message
        // UTF-16 has at most as many units as UTF-8 has bytes.
        let utf8Count = message.utf8.count
        // Scratch on the stack (the heap for a long message): the input as UTF-16, then the output.
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 2 * utf8Count) { units in
            let inputCount = message.withUTF8 { Self.decode($0, into: units) }
            let input = UnsafeBufferPointer(rebasing: units[0..<inputCount])
            let output = UnsafeMutableBufferPointer(rebasing: units[inputCount...])
            return normalizeSimple(input, into: output, original: message)
                ?? normalizeThroughICU(input, utf8Count: utf8Count, original: message)
        }
    }

    /// NFKC and the rest without asking ICU, when every character of `input` normalizes on its own
    /// (ICU's answers, tabulated by ``CharacterTable/simpleForm(of:)``): a character with a
    /// normalization boundary before it normalizes independently of what precedes it (UAX #15), so
    /// such a text's NFKC is its characters' NFKC forms one after the other, each unit from the
    /// unit at the same offset. ICU's NFKC is the bottleneck it avoids (about 2,800 of the 5,700
    /// instructions a message took, callgrind on Benchmarks/Data/messages.txt); `NormalizerTests`
    /// compares the two paths. Returns nil, having produced nothing, at the first other character.
    private func normalizeSimple(
        _ input: UnsafeBufferPointer<UInt16>, into output: UnsafeMutableBufferPointer<UInt16>, original: String
    ) -> NormalizedText? {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: input.count) { origin in
            var form = CanonicalForm(units: output, origin: origin)
            var i = 0
            let count = input.count
            while i < count {
                let unit = input[i]
                let at = Int32(i)
                i += 1
                let simple = table.simpleForm(of: unit)
                if simple != CharacterTable.notSimple {
                    let classes = CharacterTable.Class(rawValue: UInt16(truncatingIfNeeded: simple >> 16))
                    let folded = simple & 0xFFFF
                    form.append(folded, classes: classes, isJoiner: folded == 0x200D, at: at)
                    continue
                }
                // A supplementary character (an emoji) that NFKC keeps and that normalizes on its own.
                guard UTF16.isLeadSurrogate(unit), i < count, UTF16.isTrailSurrogate(input[i]) else { return nil }
                let scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(input[i]) - 0xDC00)
                guard cicu_nfkc_keeps_alone(scalar) != 0 else { return nil }
                i += 1
                form.append(table.folded(scalar: scalar), classes: table.classes(ofScalar: scalar), isJoiner: false, at: at)
            }
            return form.text(original: original, originalLength: count)
        }
    }

    /// NFKC through ICU, then the rest: for any text.
    func normalizeThroughICU(_ input: UnsafeBufferPointer<UInt16>, utf8Count: Int, original: String) -> NormalizedText {
        let inputCount = input.count
        // NFKC may expand a character (at most 18 units in Unicode 15); leave room for it. (A text
        // that expands further than this is kept as it came, below.)
        let capacity = utf8Count * 3 + 18
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 2 * capacity) { units in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * capacity) { origins in
                let nfkc = UnsafeMutableBufferPointer(rebasing: units[0..<capacity])
                let nfkcOrigin = UnsafeMutableBufferPointer(rebasing: origins[0..<capacity])
                var form = CanonicalForm(
                    units: UnsafeMutableBufferPointer(rebasing: units[capacity...]),
                    origin: UnsafeMutableBufferPointer(rebasing: origins[capacity...]))
                var nfkcCount = Int(
                    cicu_nfkc_mapped(input.baseAddress, Int32(inputCount), nfkc.baseAddress, nfkcOrigin.baseAddress,
                                     Int32(capacity)))
                if nfkcCount < 0 {
                    // ICU refused (it should not): keep the text as it came, unit for unit.
                    for i in 0..<inputCount {
                        nfkc[i] = input[i]
                        nfkcOrigin[i] = Int32(i)
                    }
                    nfkcCount = inputCount
                }
                var i = 0
                while i < nfkcCount {
                    let at = nfkcOrigin[i]
                    var scalar = UInt32(nfkc[i])
                    i += 1
                    if UTF16.isLeadSurrogate(UInt16(scalar)), i < nfkcCount, UTF16.isTrailSurrogate(nfkc[i]) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(nfkc[i]) - 0xDC00)
                        i += 1
                    }
                    form.append(table.folded(scalar: scalar), classes: table.classes(ofScalar: scalar),
                                isJoiner: scalar == 0x200D, at: at)
                }
                return form.text(original: original, originalLength: inputCount)
            }
        }
    }

    /// Writes valid UTF-8 (a Swift string's) as UTF-16; returns the number of units. A plain
    /// loop: the standard library's transcoding iterator cost about a hundred instructions per
    /// character here.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into units: UnsafeMutableBufferPointer<UInt16>) -> Int {
        var i = 0
        var k = 0
        let n = bytes.count
        while i < n {
            let b0 = UInt32(bytes[i])
            var scalar: UInt32
            if b0 < 0x80 {
                scalar = b0
                i += 1
            } else if b0 < 0xE0 {
                scalar = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                i += 2
            } else if b0 < 0xF0 {
                scalar = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                i += 3
            } else {
                scalar = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F)
                i += 4
            }
            if scalar < 0x10000 {
                units[k] = UInt16(scalar)
                k += 1
            } else {
                scalar -= 0x10000
                units[k] = UInt16(0xD800 + (scalar >> 10))
                units[k + 1] = UInt16(0xDC00 + (scalar & 0x3FF))
                k += 2
            }
        }
        return k
    }
}
