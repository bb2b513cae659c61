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

    /// Creates a normalizer. The first one builds the shared ICU tables (about 30 ms).
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
        // NFKC may expand a character (at most 18 units in Unicode 15); leave room for it.
        let capacity = utf8Count * 3 + 18
        // Scratch on the stack (the heap for a long message): the input, NFKC's output and its map.
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: utf8Count + capacity) { units in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { nfkcOrigin in
                let inputCount = message.withUTF8 { Self.decode($0, into: units) }
                let input = UnsafeMutableBufferPointer(rebasing: units[0..<inputCount])
                let nfkc = UnsafeMutableBufferPointer(rebasing: units[inputCount...])
                let nfkcCount = cicu_nfkc_mapped(input.baseAddress, Int32(inputCount), nfkc.baseAddress,
                                                 nfkcOrigin.baseAddress, Int32(min(capacity, nfkc.count)))
                if nfkcCount < 0 {
                    // ICU refused (it should not): keep the text as it came, unit for unit.
                    for i in 0..<inputCount { nfkcOrigin[i] = Int32(i) }
                    return canonicalize(UnsafeBufferPointer(input), origin: UnsafeBufferPointer(nfkcOrigin),
                                        count: inputCount, original: message, originalLength: inputCount)
                }
                return canonicalize(UnsafeBufferPointer(nfkc), origin: UnsafeBufferPointer(nfkcOrigin),
                                    count: Int(nfkcCount), original: message, originalLength: inputCount)
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

    private func canonicalize(
        _ source: UnsafeBufferPointer<UInt16>, origin source0: UnsafeBufferPointer<Int32>, count: Int,
        original: String, originalLength: Int
    ) -> NormalizedText {
        var units: [UInt16] = []
        var origin: [Int32] = []
        units.reserveCapacity(count)
        origin.reserveCapacity(count)
        var pendingSpace = false
        var previous: UInt32 = 0
        var previousClasses: CharacterTable.Class = []
        var marks = 0
        var i = 0
        while i < count {
            let at = source0[i]
            var scalar = UInt32(source[i])
            i += 1
            if UTF16.isLeadSurrogate(UInt16(scalar)), i < count, UTF16.isTrailSurrogate(source[i]) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(source[i]) - 0xDC00)
                i += 1
            }
            let classes = table.classes(ofScalar: scalar)
            if classes.contains(.space) {
                pendingSpace = !units.isEmpty
                continue
            }
            if classes.contains(.ignorable) {
                // Joiners and variation selectors stay inside an emoji sequence; elsewhere they are noise.
                let inEmoji = previousClasses.contains(.pictographic) || previousClasses.contains(.emojiComponent)
                guard inEmoji, scalar == 0x200D || classes.contains(.emojiComponent) else { continue }
            }
            if classes.contains(.mark) {
                marks += 1
                if marks > Self.maximumMarksPerCharacter { continue }
            } else {
                marks = 0
            }
            let folded = table.folded(scalar: scalar)
            if classes.contains(.punctuation), folded == previous, !pendingSpace { continue }
            if pendingSpace {
                units.append(0x20)
                origin.append(at)
                pendingSpace = false
            }
            if folded < 0x10000 {
                units.append(UInt16(folded))
                origin.append(at)
            } else {
                let v = folded - 0x10000
                units.append(UInt16(0xD800 + (v >> 10)))
                units.append(UInt16(0xDC00 + (v & 0x3FF)))
                origin.append(at)
                origin.append(at)
            }
            previous = folded
            previousClasses = classes
        }
        return NormalizedText(original: original, units: units, origin: origin, originalLength: originalLength)
    }
}
