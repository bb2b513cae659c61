import CICU

/// Splits normalized text into tokens: the domain lexicon first, ICU's dictionary for the rest.
///
/// At each position, in order: a bracketed sticker code (`[微笑]`) or an emoji sequence; the
/// longest lexicon word (never one that would split a Latin or digit run); a run of Latin letters
/// and digits, classified as a size label, a number (with a following unit such as `cm`, `斤`, `元`)
/// or Latin; a punctuation mark. What is left, runs of Chinese text between lexicon words, goes
/// to ICU's "zh" word break iterator, one call per run.
///
/// ```swift
/// let segmenter = Segmenter(lexicon: try Lexicon(parsing: "包邮\n码数\n背心"))
/// let text = Normalizer().normalize("這件背心L號多長？能包郵嗎")
/// segmenter.segment(text).map(text.text(of:))
/// // ["这件", "背心", "l号", "多长", "?", "能", "包邮", "吗"]
/// ```
public struct Segmenter: Sendable {
    /// The domain words that stay whole.
    public let lexicon: Lexicon
    private let table: CharacterTable
    /// Per word id: whether the lexicon gave it the kind `size`.
    private let sizeWords: [Bool]

    /// Creates a segmenter over a lexicon.
    ///
    /// - Parameter lexicon: The domain words; an empty lexicon leaves Chinese text to ICU alone.
    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        self.table = CharacterTable.shared
        self.sizeWords = lexicon.kinds.map { $0 == "size" }
    }

    /// Normalizes and segments a message.
    ///
    /// - Parameter message: The text as the shopper typed it.
    /// - Returns: The normalized text and its tokens.
    public func segment(message: String) -> (text: NormalizedText, tokens: [Token]) {
        let text = Normalizer().normalize(message)
        return (text, segment(text))
    }

    /// Segments normalized text.
    ///
    /// - Parameter text: Output of ``Normalizer/normalize(_:)``.
    /// - Returns: Tokens in order, never empty, never overlapping, never whitespace.
    /// - Complexity: O(*n* · *k*) for *n* code units and *k* the longest lexicon word.
    public func segment(_ text: NormalizedText) -> [Token] {
        text.units.withUnsafeBufferPointer { segment(units: $0) }
    }

    private func segment(units text: UnsafeBufferPointer<UInt16>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.count)  // at most one token a unit: one allocation, never a second
        var i = 0
        let n = text.count
        while i < n {
            let unit = text[i]
            if unit == 0x20 {
                i += 1
                continue
            }
            if unit == 0x5B, let end = stickerEnd(text, from: i) {  // "["
                tokens.append(Token(.emoji, i, end))
                i = end
                continue
            }
            let (scalar, width) = Self.scalar(text, at: i)
            let classes = table.classes(ofScalar: scalar)
            if classes.contains(.pictographic) || (classes.contains(.emojiComponent) && scalar >= 0x1F000) {
                let end = emojiEnd(text, from: i + width)
                tokens.append(Token(.emoji, i, end))
                i = end
                continue
            }
            if let (end, id) = longestWord(text, from: i) {
                tokens.append(Token(kind(ofWord: id, text, i, end), i, end, lexeme: id))
                i = end
                continue
            }
            if Self.isASCIIAlphanumeric(unit) {
                let token = scanASCII(text, from: i)
                tokens.append(token)
                i = Int(token.end)
                continue
            }
            if classes.contains(.punctuation) || classes.contains(.symbol) || classes.contains(.mark)
                || classes.contains(.emojiComponent) || classes.contains(.ignorable)
            {
                tokens.append(Token(.punctuation, i, i + width))
                i += width
                continue
            }
            let (gapEnd, word) = endOfGap(text, from: i + width)
            appendGap(text, i, gapEnd, to: &tokens)
            i = gapEnd
            if let (end, id) = word {
                // The lexicon word that ended the gap: what the next turn would find there again.
                tokens.append(Token(kind(ofWord: id, text, i, end), i, end, lexeme: id))
                i = end
            }
        }
        return tokens
    }

    // MARK: - Lexicon words

    /// The longest lexicon word at `start` that does not cut through a run of Latin letters or digits.
    @inline(__always)
    private func longestWord(_ text: UnsafeBufferPointer<UInt16>, from start: Int) -> (Int, Int32)? {
        if start > 0, Self.isASCIIAlphanumeric(text[start]), Self.isASCIIAlphanumeric(text[start - 1]) {
            return nil
        }
        var best: (Int, Int32)?
        lexicon.trie.forEachMatch(text, from: start) { end, id in
            if end < text.count, Self.isASCIIAlphanumeric(text[end - 1]), Self.isASCIIAlphanumeric(text[end]) {
                return
            }
            best = (end, id)
        }
        return best
    }

    private func kind(ofWord id: Int32, _ text: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int) -> Token.Kind {
        if sizeWords[Int(id)] { return .sizeLabel }
        guard Self.isASCIIAlphanumeric(text[start]) else { return .word }
        // A word an author wrote in Latin letters or digits is classified like any such run.
        let scanned = scanASCII(text, from: start)
        return Int(scanned.end) == end ? scanned.kind : .latin
    }

    // MARK: - Gaps for ICU

    /// Where a run of text for ICU ends: at a space, a Latin letter or digit, punctuation, an
    /// emoji, a sticker, or the start of a lexicon word (then also that word's end and id).
    private func endOfGap(_ text: UnsafeBufferPointer<UInt16>, from start: Int) -> (Int, (Int, Int32)?) {
        var i = start
        while i < text.count {
            let unit = text[i]
            if unit == 0x20 || unit == 0x5B || Self.isASCIIAlphanumeric(unit) { return (i, nil) }
            let (scalar, width) = Self.scalar(text, at: i)
            let classes = table.classes(ofScalar: scalar)
            if !classes.isDisjoint(with: [.punctuation, .symbol, .pictographic, .emojiComponent, .ignorable, .space]) {
                return (i, nil)
            }
            if let word = longestWord(text, from: i) { return (i, word) }
            i += width
        }
        return (i, nil)
    }

    /// Appends ICU's words for a gap. None of them is a lexicon word: a gap starts where no lexicon
    /// word does and ``endOfGap(_:from:)`` stops at every position where one does, so no piece of
    /// a gap is one (looking them up cost about a tenth of the segmenter's own work).
    private func appendGap(_ text: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int, to tokens: inout [Token]) {
        let length = end - start
        if length == 1 || (length == 2 && UTF16.isLeadSurrogate(text[start])) {
            assert(lexicon.trie.exactMatch(text, start..<end) < 0)
            tokens.append(Token(.word, start, end))
            return
        }
        let capacity = length + 2
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { boundaries in
            let count = Int(
                cicu_word_boundaries(text.baseAddress.map { $0 + start }, Int32(length), boundaries.baseAddress,
                                     Int32(capacity)))
            guard count >= 2 else {
                assert(lexicon.trie.exactMatch(text, start..<end) < 0)
                tokens.append(Token(.word, start, end))
                return
            }
            for k in 1..<count {
                let from = start + Int(boundaries[k - 1])
                let to = start + Int(boundaries[k])
                guard to > from else { continue }
                assert(lexicon.trie.exactMatch(text, from..<to) < 0)
                tokens.append(Token(.word, from, to))
            }
        }
    }

    // MARK: - Emoji and stickers

    /// The end of a sticker code such as `[微笑]`: one to eight letters between brackets.
    private func stickerEnd(_ text: UnsafeBufferPointer<UInt16>, from start: Int) -> Int? {
        var i = start + 1
        while i < text.count, i - start <= 9 {
            let unit = text[i]
            if unit == 0x5D { return i > start + 1 ? i + 1 : nil }  // "]"
            let classes = table.classes(of: unit)
            guard classes.contains(.han) || classes.contains(.letter) else { return nil }
            i += 1
        }
        return nil
    }

    /// The end of an emoji sequence: modifiers, variation selectors, tags, keycaps, flag pairs and
    /// zero-width-joined pictographs after the first scalar.
    private func emojiEnd(_ text: UnsafeBufferPointer<UInt16>, from start: Int) -> Int {
        var i = start
        while i < text.count {
            let (scalar, width) = Self.scalar(text, at: i)
            switch scalar {
            case 0xFE0E, 0xFE0F, 0x20E3, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F, 0x1F1E6...0x1F1FF:
                i += width
            case 0x200D:
                guard i + width < text.count else { return i }
                let (next, nextWidth) = Self.scalar(text, at: i + width)
                guard table.classes(ofScalar: next).contains(.pictographic) else { return i }
                i += width + nextWidth
            default:
                return i
            }
        }
        return i
    }

    // MARK: - Latin letters and digits

    /// Latin size labels and measure units, each packed into one integer by ``packedASCII(_:)``
    /// (a run is compared without copying it into an array).
    private static let sizeLetters: [UInt64] =
        ["xxs", "xs", "s", "m", "l", "xl", "xxl", "xxxl", "xxxxl", "2xl", "3xl", "4xl", "5xl", "6xl"].map { packedASCII($0.utf16) }
    private static let measureUnits: [UInt64] = ["cm", "mm", "kg", "m", "g", "ml", "w", "k"].map { packedASCII($0.utf16) }

    /// Up to eight ASCII units, one byte each, in one integer; 0 for a longer or non-ASCII text.
    private static func packedASCII<C: Collection<UInt16>>(_ units: C) -> UInt64 {
        guard units.count <= 8 else { return 0 }
        var key: UInt64 = 0
        for unit in units {
            guard unit < 0x80 else { return 0 }
            key = key << 8 | UInt64(unit)
        }
        return key
    }

    /// Chinese units that stay with a number before them, longest first.
    private static let chineseUnits: [[UInt16]] = ["公斤", "千克", "厘米", "毫米", "斤", "米", "元", "块", "件", "双", "条", "个",
                                                 "套", "对", "岁", "码"].map { Array($0.utf16) }
    private static let sizeSuffixes: [[UInt16]] = [[0x7801], [0x53F7]]  // 码 号

    /// Scans a run of Latin letters and digits (with `.` between digits and `/` in `160/84a`) and
    /// the unit that follows it.
    private func scanASCII(_ text: UnsafeBufferPointer<UInt16>, from start: Int) -> Token {
        var j = start
        var digitsOnly = true
        var letterStart = -1
        while j < text.count {
            let c = text[j]
            if Self.isASCIIDigit(c) {
                if letterStart >= 0 { digitsOnly = false }
                j += 1
            } else if Self.isASCIILetter(c) {
                if letterStart < 0 { letterStart = j }
                j += 1
            } else if (c == 0x2E || c == 0x2F), j > start, Self.isASCIIDigit(text[j - 1]), j + 1 < text.count,
                Self.isASCIIDigit(text[j + 1]), letterStart < 0
            {
                j += 1
            } else {
                break
            }
        }
        let run = UnsafeBufferPointer(rebasing: text[start..<j])
        let packed = Self.packedASCII(run)
        if (packed != 0 && Self.sizeLetters.contains(packed)) || Self.isChinaSize(run) {
            return Token(.sizeLabel, start, attachSuffix(text, at: j, Self.sizeSuffixes) ?? j)
        }
        let leadingDigits = letterStart < 0 ? run.count : letterStart - start
        guard leadingDigits > 0, digitsOnly else { return Token(.latin, start, j) }
        if letterStart >= 0 {
            let unit = Self.packedASCII(UnsafeBufferPointer(rebasing: text[letterStart..<j]))
            return Token(unit != 0 && Self.measureUnits.contains(unit) ? .number : .latin, start, j)
        }
        if !run.contains(0x2F), let end = attachSuffix(text, at: j, Self.chineseUnits) {
            return Token(text[end - 1] == 0x7801 ? .sizeLabel : .number, start, end)
        }
        return Token(.number, start, j)
    }

    /// The end of a unit at `position`, unless the lexicon has a longer word starting there.
    private func attachSuffix(_ text: UnsafeBufferPointer<UInt16>, at position: Int, _ units: [[UInt16]]) -> Int? {
        for unit in units where position + unit.count <= text.count {
            guard text[position..<position + unit.count].elementsEqual(unit) else { continue }
            if let (end, _) = longestWord(text, from: position), end > position + unit.count { return nil }
            return position + unit.count
        }
        return nil
    }

    /// Chinese garment sizes: height/chest with an optional body type (`160/84a`, `175/92`).
    private static func isChinaSize(_ run: UnsafeBufferPointer<UInt16>) -> Bool {
        guard let slash = run.firstIndex(of: 0x2F) else { return false }
        let height = run[..<slash]
        var chest = run[(slash + 1)...]
        if let last = chest.last, isASCIILetter(last) { chest = chest.dropLast() }
        return (2...3).contains(height.count) && (2...3).contains(chest.count)
            && height.allSatisfy(isASCIIDigit) && chest.allSatisfy(isASCIIDigit)
    }

    // MARK: - Code units

    @inline(__always)
    static func scalar(_ text: UnsafeBufferPointer<UInt16>, at i: Int) -> (UInt32, Int) {
        let unit = text[i]
        if UTF16.isLeadSurrogate(unit), i + 1 < text.count, UTF16.isTrailSurrogate(text[i + 1]) {
            return (0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(text[i + 1]) - 0xDC00), 2)
        }
        return (UInt32(unit), 1)
    }

    @inline(__always)
    static func isASCIIDigit(_ unit: UInt16) -> Bool { unit &- 0x30 < 10 }
    @inline(__always)
    static func isASCIILetter(_ unit: UInt16) -> Bool { (unit | 0x20) &- 0x61 < 26 }
    @inline(__always)
    static func isASCIIAlphanumeric(_ unit: UInt16) -> Bool { isASCIIDigit(unit) || isASCIILetter(unit) }
}
