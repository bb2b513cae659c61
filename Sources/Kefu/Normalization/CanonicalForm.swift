/// The normalizer's steps after NFKC, one character at a time, written into caller-owned scratch.
///
/// Takes each NFKC character already folded (Traditional→Simplified, case) with its classes, and
/// drops invisible characters outside emoji, collapses whitespace to one space (trimmed), a run
/// of the same punctuation to one mark, and a flood of combining marks to
/// ``Normalizer/maximumMarksPerCharacter``. Both of the normalizer's paths (ICU's NFKC, and the
/// table of characters that normalize on their own) feed it, so they cannot drift apart.
struct CanonicalForm {
    private let units: UnsafeMutableBufferPointer<UInt16>
    private let origin: UnsafeMutableBufferPointer<Int32>
    private var count = 0
    private var pendingSpace = false
    private var previous: UInt32 = 0
    private var previousClasses: CharacterTable.Class = []
    private var marks = 0

    /// Starts an empty form over scratch space: at least as many units as the characters given
    /// will produce (one per BMP character, two per supplementary one).
    init(units: UnsafeMutableBufferPointer<UInt16>, origin: UnsafeMutableBufferPointer<Int32>) {
        self.units = units
        self.origin = origin
    }

    /// Adds one NFKC character.
    ///
    /// - Parameters:
    ///   - folded: The character after Traditional→Simplified and case folding.
    ///   - classes: The classes of the NFKC character (before folding).
    ///   - isJoiner: Whether the NFKC character is U+200D ZERO WIDTH JOINER.
    ///   - at: The UTF-16 offset in the original message that it comes from.
    @inline(__always)
    mutating func append(_ folded: UInt32, classes: CharacterTable.Class, isJoiner: Bool, at: Int32) {
        if classes.contains(.space) {
            pendingSpace = count > 0
            return
        }
        if classes.contains(.ignorable) {
            // Joiners and variation selectors stay inside an emoji sequence; elsewhere they are noise.
            let inEmoji = previousClasses.contains(.pictographic) || previousClasses.contains(.emojiComponent)
            guard inEmoji, isJoiner || classes.contains(.emojiComponent) else { return }
        }
        if classes.contains(.mark) {
            marks += 1
            if marks > Normalizer.maximumMarksPerCharacter { return }
        } else {
            marks = 0
        }
        if classes.contains(.punctuation), folded == previous, !pendingSpace { return }
        if pendingSpace {
            put(0x20, at)
            pendingSpace = false
        }
        if folded < 0x10000 {
            put(UInt16(folded), at)
        } else {
            let v = folded - 0x10000
            put(UInt16(0xD800 + (v >> 10)), at)
            put(UInt16(0xDC00 + (v & 0x3FF)), at)
        }
        previous = folded
        previousClasses = classes
    }

    @inline(__always)
    private mutating func put(_ unit: UInt16, _ at: Int32) {
        units[count] = unit
        origin[count] = at
        count += 1
    }

    /// The normalized text: the units so far, copied out of the scratch space.
    func text(original: String, originalLength: Int) -> NormalizedText {
        NormalizedText(
            original: original,
            units: Array(UnsafeBufferPointer(rebasing: units[0..<count])),
            origin: Array(UnsafeBufferPointer(rebasing: origin[0..<count])),
            originalLength: originalLength)
    }
}
