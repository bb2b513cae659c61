import CICU

/// Per-code-point facts the normalizer and segmenter look up in their hot loops, built once from ICU.
///
/// The Basic Multilingual Plane is a flat table (64 K entries each); supplementary code points,
/// rare in shopper text apart from emoji, ask ICU directly.
struct CharacterTable: Sendable {
    /// The table every normalizer and segmenter shares, built on first use (about 90 M
    /// instructions, callgrind: a third of it opening ICU's Traditional→Simplified transliterator).
    static let shared = CharacterTable()

    struct Class: OptionSet, Sendable {
        let rawValue: UInt16
        static let han = Class(rawValue: UInt16(CICU_CLASS_HAN))
        static let letter = Class(rawValue: UInt16(CICU_CLASS_LETTER))
        static let digit = Class(rawValue: UInt16(CICU_CLASS_DIGIT))
        static let punctuation = Class(rawValue: UInt16(CICU_CLASS_PUNCT))
        static let space = Class(rawValue: UInt16(CICU_CLASS_SPACE))
        static let pictographic = Class(rawValue: UInt16(CICU_CLASS_PICTOGRAPHIC))
        static let emojiComponent = Class(rawValue: UInt16(CICU_CLASS_EMOJI_COMPONENT))
        static let ignorable = Class(rawValue: UInt16(CICU_CLASS_IGNORABLE))
        static let symbol = Class(rawValue: UInt16(CICU_CLASS_SYMBOL))
        static let mark = Class(rawValue: UInt16(CICU_CLASS_MARK))
    }

    /// Class bits for every BMP code unit (surrogates get none).
    private let bmpClasses: [UInt16]
    /// Traditional→Simplified then case folding, for every BMP code point.
    private let bmpFold: [UInt16]
    /// The same for the supplementary Han planes (2 and 3), only where it changes something.
    private let supplementaryFold: [UInt32: UInt32]
    /// How many code points Traditional→Simplified and case folding change.
    let foldedCount: Int
    /// For every BMP code unit that NFKC maps on its own to one BMP unit (see
    /// ``cicu_build_nfkc_table``): the classes (high half) and the fold (low half) of that unit;
    /// ``notSimple`` for the others. Lets the normalizer skip ICU's NFKC for a text made only of
    /// such units: ICU's NFKC and the table lookups cost about 2,800 instructions a message
    /// (callgrind, Benchmarks/Data/messages.txt), this table a few per character.
    private let bmpSimple: [UInt32]
    /// How many BMP code units ``bmpSimple`` knows.
    let simpleCount: Int

    static let notSimple = UInt32.max

    private init() {
        // From ICU's property ranges (what `cicu_char_class` gives per code point, 43 M instructions
        // asked 63 K times; the tests compare the two).
        var classes = [UInt16](repeating: 0, count: 0x10000)
        _ = classes.withUnsafeMutableBufferPointer { cicu_build_class_table($0.baseAddress, 0x10000) }
        bmpClasses = classes

        // The BMP, then the supplementary Han planes (2 and 3), with one transliterator.
        let first: UInt32 = 0x20000
        var raw = [UInt32](repeating: 0, count: 0x30000)
        let changed = Int(raw.withUnsafeMutableBufferPointer { cicu_build_fold_table([0, first], [0x10000, 0x20000], 2, $0.baseAddress, 0) })
        var fold = [UInt16](repeating: 0, count: 0x10000)
        for c in 0..<0x10000 {
            // A BMP character whose folded form leaves the BMP keeps its own form.
            fold[c] = raw[c] < 0x10000 && !(0xD800...0xDFFF).contains(Int(raw[c])) ? UInt16(raw[c]) : UInt16(c)
        }
        // ICU's one-character mappings are not closed: some chain (a → b → c) and a few cycle
        // (苎 → 苧 → 苎, found by fuzzing). Folding must be idempotent, so each character maps to
        // the end of its chain, and every member of a cycle to the cycle's smallest character.
        let closed = (0..<0x10000).map { c -> UInt16 in
            // Most characters fold to themselves: no chain to follow (and no array to allocate).
            guard fold[c] != UInt16(c) else { return UInt16(c) }
            var seen: [UInt16] = [UInt16(c)]
            var current = fold[c]
            while current != seen[seen.count - 1], seen.count < 16 {
                if let start = seen.firstIndex(of: current) { return seen[start...].min() ?? current }
                seen.append(current)
                current = fold[Int(current)]
            }
            return current
        }
        bmpFold = closed

        var supplementary: [UInt32: UInt32] = [:]
        for i in 0..<0x20000 where raw[0x10000 + i] != first + UInt32(i) { supplementary[first + UInt32(i)] = raw[0x10000 + i] }
        // The same closure for supplementary characters (their targets may be folded again).
        for (key, value) in supplementary {
            var target = value
            for _ in 0..<16 {
                if target < 0x10000 {
                    target = UInt32(closed[Int(target)])
                    break
                }
                guard let next = supplementary[target], next != target, next != key else { break }
                target = next
            }
            supplementary[key] = target
        }
        supplementaryFold = supplementary
        foldedCount = changed

        var nfkc = [Int32](repeating: -1, count: 0x10000)
        _ = nfkc.withUnsafeMutableBufferPointer { cicu_build_nfkc_table($0.baseAddress, 0x10000, 0) }
        var simple = [UInt32](repeating: Self.notSimple, count: 0x10000)
        var simpleCount = 0
        for c in 0..<0x10000 where nfkc[c] >= 0 {
            let mapped = Int(nfkc[c])
            let mappedClasses = UInt32(classes[mapped])
            // The normalizer tells a joiner by its code point; an ignorable character that folds to
            // another one would hide it (none does, but then ICU decides).
            if mappedClasses & UInt32(CICU_CLASS_IGNORABLE) != 0, closed[mapped] != UInt16(mapped) { continue }
            simple[c] = mappedClasses << 16 | UInt32(closed[mapped])
            simpleCount += 1
        }
        bmpSimple = simple
        self.simpleCount = simpleCount
        raw = []
    }

    @inline(__always)
    func classes(of unit: UInt16) -> Class { Class(rawValue: bmpClasses[Int(unit)]) }

    func classes(ofScalar value: UInt32) -> Class {
        value < 0x10000
            ? Class(rawValue: bmpClasses[Int(value)])
            : Class(rawValue: UInt16(truncatingIfNeeded: cicu_char_class(value)))
    }

    @inline(__always)
    func folded(_ unit: UInt16) -> UInt16 { bmpFold[Int(unit)] }

    /// The classes and fold of the NFKC form of a BMP unit that normalizes on its own to one unit:
    /// `classes << 16 | fold`, or ``notSimple``.
    @inline(__always)
    func simpleForm(of unit: UInt16) -> UInt32 { bmpSimple[Int(unit)] }

    func folded(scalar value: UInt32) -> UInt32 {
        value < 0x10000 ? UInt32(bmpFold[Int(value)]) : supplementaryFold[value] ?? value
    }
}
