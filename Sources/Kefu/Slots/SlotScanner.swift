/// The state of one ``SlotExtractor/extract(from:tokens:)`` call: a walk over the tokens that
/// looks inside word tokens, code unit by code unit, for cues and Chinese numerals.
///
/// Numbers, cues and units are read from the code units, not from the token boundaries, because
/// ICU cuts Chinese numerals and cue words where it likes (`一百/二十/元`, `差/价`). A numeral
/// or cue that runs past its token consumes the tokens it covers.
struct SlotScanner {
    /// The normalized message.
    let text: UnsafeBufferPointer<UInt16>
    /// Its tokens.
    let tokens: UnsafeBufferPointer<Token>
    /// Per lexicon word id: the slot the word fills.
    let fields: UnsafeBufferPointer<LexiconSlot?>
    /// Per lexicon word id: the value it fills the slot with.
    let values: UnsafeBufferPointer<String>

    /// The slots found so far: the caller's, written in place so that no copy of ``Slots`` is made.
    let slots: UnsafeMutablePointer<Slots>
    /// The most recent cue, until a number uses it.
    var cue: SlotCue?
    /// A bare number that becomes a height if a weight follows it (`165 110斤`).
    var pendingHeight: NumberMention?
    /// Where the last height ended, for a bare weight after it (`身高165 110`), or -1.
    var lastHeightEnd = -1
    /// Where the last weight ended, for a bare height after it (`110斤 165`), or -1.
    var lastWeightEnd = -1
    /// Whether the quantity so far is a Chinese 一 that may be the article "a" (`一件`).
    var quantityIsArticle = false
    /// Whether the message mentions shoes or feet (`鞋`, `脚`).
    let mentionsShoes: Bool
    /// Whether the message mentions sizes (`码`).
    let mentionsSizes: Bool
    /// Whether the message mentions trousers (`裤`), where `30码` is a waist size.
    let mentionsTrousers: Bool

    /// Creates the state for one message.
    init(
        text: UnsafeBufferPointer<UInt16>,
        tokens: UnsafeBufferPointer<Token>,
        fields: UnsafeBufferPointer<LexiconSlot?>,
        values: UnsafeBufferPointer<String>,
        slots: UnsafeMutablePointer<Slots>
    ) {
        self.slots = slots
        self.text = text
        self.tokens = tokens
        self.fields = fields
        self.values = values
        var shoes = false
        var sizes = false
        var trousers = false
        for unit in text {
            switch unit {
            case 0x978B, 0x811A: shoes = true  // 鞋 脚
            case 0x7801: sizes = true  // 码
            case 0x88E4: trousers = true  // 裤
            default: break
            }
        }
        mentionsShoes = shoes
        mentionsSizes = sizes
        mentionsTrousers = trousers
    }

    /// Walks the message once and fills ``slots``.
    mutating func scan() {
        var position = 0
        for token in tokens {
            let range = token.range
            guard range.upperBound > position else { continue }
            if range.lowerBound < position {
                // A numeral or cue from an earlier token ran into this one: read the rest.
                position = scanUnits(from: position, to: range.upperBound)
            } else {
                position = max(scan(token, range), range.upperBound)
            }
        }
    }

    /// Reads one whole token.
    ///
    /// - Returns: The offset up to which the message has been read.
    private mutating func scan(_ token: Token, _ range: Range<Int>) -> Int {
        if let id = token.lexiconID, id < fields.count, let field = fields[id] {
            field.fill(values[id], into: &slots.pointee)
            return range.upperBound
        }
        switch token.kind {
        case .sizeLabel:
            return scanSizeLabel(range)
        case .latin:
            scanLatin(range)
            return range.upperBound
        case .number:
            return scanNumber(at: range.lowerBound)
        case .word:
            if isLargeOrFreeSize(range) {
                Self.fill(&slots.pointee.size, string(range, uppercased: false))
                return range.upperBound
            }
            return scanUnits(from: range.lowerBound, to: range.upperBound)
        case .punctuation:
            return scanUnits(from: range.lowerBound, to: range.upperBound)
        case .emoji:
            return range.upperBound
        }
    }

    /// Reads the code units of word and punctuation tokens: cues and Chinese numerals.
    ///
    /// - Returns: The offset after the last thing read, which may be past `end`.
    private mutating func scanUnits(from start: Int, to end: Int) -> Int {
        var i = start
        while i < end {
            if ChineseNumber.startsNumeral(text[i]) {
                i = scanChineseNumber(at: i)
            } else if SlotCue.mayStart(text[i]), let found = SlotCue.match(text, at: i) {
                cue = found
                i = found.end
            } else {
                i += 1
            }
        }
        return i
    }

    // MARK: - Numbers

    /// Reads a number in digits (`165`, `24.5`, `1234567890123`) and the unit after it.
    ///
    /// - Returns: The offset after the number, its unit and any tail (`1米65`).
    private mutating func scanNumber(at start: Int) -> Int {
        var i = start
        var significand = 0
        var digits = 0
        var scale = 0
        var hasPoint = false
        while i < text.count {
            let unit = text[i]
            if Self.isASCIIDigit(unit) {
                if digits < 15 { significand = significand * 10 + Int(unit - 0x30) }
                digits += 1
                if hasPoint { scale += 1 }
                i += 1
            } else if unit == 0x2E, !hasPoint, i + 1 < text.count, Self.isASCIIDigit(text[i + 1]) {
                hasPoint = true
                i += 1
            } else {
                break
            }
        }
        guard digits > 0 else { return start + 1 }
        if !hasPoint, digits >= 6, scanLongNumber(start, i, digits: digits) { return i }
        guard digits <= 9, scale <= 6 else { return i }
        var mention = NumberMention(
            value: ScaledNumber(significand: significand, scale: scale),
            start: start,
            end: i,
            unit: nil,
            isChinese: false
        )
        readUnit(of: &mention, allowingSpace: true)
        if mention.unit == nil, mentionsShoes || mentionsSizes, scale == 0, i + 1 < text.count, text[i] == 0x534A,
            text[i + 1] != 0x4EF7  // 36半的脚, 37半码; not 半价
        {
            mention.value = mention.value.addingHalf()
            mention.end = i + 1
            if MeasureUnit.match(text, at: i + 1, allowingSpace: false)?.unit == .sizeNumber { mention.end += 1 }
        }
        classify(mention)
        return mention.end
    }

    /// Reads a number in Chinese numerals (`一百二十`, `两`, `一米六五`) and the unit after it.
    ///
    /// - Returns: The offset after the numeral and its unit.
    private mutating func scanChineseNumber(at start: Int) -> Int {
        if start + 1 < text.count, let first = ChineseNumber.digit(text[start]),
            ChineseNumber.digit(text[start + 1]) == first + 1
        {
            // 一两件, 两三件, 二三十块: an estimate, not a number.
            var end = start + 2
            while end < text.count, ChineseNumber.isNumeral(text[end]) { end += 1 }
            return end
        }
        guard let (value, end) = ChineseNumber.parse(text, from: start) else { return start + 1 }
        var mention = NumberMention(value: value, start: start, end: end, unit: nil, isChinese: true)
        readUnit(of: &mention, allowingSpace: false)
        classify(mention)
        return mention.end
    }

    /// Attaches the unit after a number, and the tail of a height in metres (`1米65`, `一米六`)
    /// or the half of a size (`三十七码半`).
    private func readUnit(of mention: inout NumberMention, allowingSpace: Bool) {
        guard let (unit, end) = MeasureUnit.match(text, at: mention.end, allowingSpace: allowingSpace) else { return }
        mention.unit = unit
        mention.end = end
        switch unit {
        case .metre:
            guard let metres = mention.value.integer, metres == 1 || metres == 2, let tail = heightTail(at: end)
            else { return }
            // 1米6 is 160 cm, 1米65 is 165 cm.
            let centimetres = metres * 100 + (tail.value < 10 ? tail.value * 10 : tail.value)
            mention.value = ScaledNumber(significand: centimetres)
            mention.unit = .centimetre
            mention.end = tail.end
        case .yuan:
            // 两块五, 3块5: yuan and a digit of jiao, when nothing else follows the digit.
            guard text[end - 1] == 0x5757, end < text.count else { return }  // 块
            let unit = text[end]
            guard let jiao = Self.isASCIIDigit(unit) ? Int(unit - 0x30) : ChineseNumber.digit(unit),
                end + 1 == text.count
                    || !(Self.isASCIIDigit(text[end + 1]) || ChineseNumber.isNumeral(text[end + 1])),
                MeasureUnit.match(text, at: end + 1, allowingSpace: false) == nil
            else { return }
            let yuan = mention.value
            mention.value = ScaledNumber(
                significand: yuan.significand * 10 + jiao * ScaledNumber.powerOfTen(yuan.scale),
                scale: yuan.scale + 1
            )
            mention.end = end + 1
        case .sizeNumber:
            if end < text.count, text[end] == 0x534A {  // 半
                mention.value = mention.value.addingHalf()
                mention.end = end + 1
            }
        default:
            break
        }
    }

    /// The centimetres after `米` in a height: one or two digits, or a Chinese numeral below 100.
    private func heightTail(at start: Int) -> (value: Int, end: Int)? {
        guard start < text.count else { return nil }
        if Self.isASCIIDigit(text[start]) {
            var end = start
            var value = 0
            while end < text.count, Self.isASCIIDigit(text[end]), end - start < 3 {
                value = value * 10 + Int(text[end] - 0x30)
                end += 1
            }
            guard end - start <= 2, end == text.count || text[end] != 0x2E else { return nil }
            return (value, end)
        }
        // 六五 → 65, 六 → 60, 六十五 → 65; in 一米六五一百斤 and 一米六一百斤 the weight starts after
        // two digits, or after one when a place word follows the second.
        guard let first = ChineseNumber.digit(text[start]) else { return nil }
        let next = start + 1
        guard next < text.count else { return (first, next) }
        if let second = ChineseNumber.digit(text[next]) {
            if next + 1 < text.count, ChineseNumber.multiplier(text[next + 1]) != nil { return (first, next) }
            return (first * 10 + second, next + 1)
        }
        if ChineseNumber.multiplier(text[next]) == 10, let (number, end) = ChineseNumber.parse(text, from: start),
            let value = number.integer, value < 100
        {
            return (value, end)
        }
        return (first, next)
    }

    /// Reads a run of six or more digits as an order number, or as a phone number (no slot).
    ///
    /// - Returns: Whether the run was taken; shorter runs without an order cue are left as numbers.
    private mutating func scanLongNumber(_ start: Int, _ end: Int, digits: Int) -> Bool {
        let active = activeCue(at: start)
        if active?.kind == .phone {
            cue = nil
            return true
        }
        let isMobile = digits == 11 && text[start] == 0x31 && text[start + 1] >= 0x33 && text[start + 1] <= 0x39
        if active?.kind == .order || (digits >= 10 && !isMobile) {
            Self.fill(&slots.pointee.orderNumber, string(start..<end, uppercased: false))
            cue = nil
            return true
        }
        return digits >= 10
    }

    // MARK: - Helpers

    /// Whether the message talks about trousers and not shoes, so that `36码` is a waist size.
    var isAboutTrousers: Bool { mentionsTrousers && !mentionsShoes }

    /// The current cue if it reaches `position`.
    func activeCue(at position: Int) -> SlotCue? {
        guard let cue, cue.reaches(position) else { return nil }
        return cue
    }

    /// Sets a slot unless an earlier value filled it.
    @inline(__always)
    static func fill<Value>(_ slot: inout Value?, _ value: Value) {
        if slot == nil { slot = value }
    }

    /// Whether a number is a Chinese shoe size: 34 to 47, whole or half.
    static func isShoeSize(_ value: ScaledNumber) -> Bool {
        let v = value.doubleValue
        return v >= 34 && v <= 47 && value.isWholeOrHalf
    }

    /// The value of ASCII digits with at most one point, or `nil` for anything else.
    func decimal(_ range: Range<Int>) -> ScaledNumber? {
        guard !range.isEmpty, range.count <= 9, Self.isASCIIDigit(text[range.lowerBound]) else { return nil }
        var significand = 0
        var scale = 0
        var hasPoint = false
        for i in range {
            let unit = text[i]
            if Self.isASCIIDigit(unit) {
                significand = significand * 10 + Int(unit - 0x30)
                if hasPoint { scale += 1 }
            } else if unit == 0x2E, !hasPoint {
                hasPoint = true
            } else {
                return nil
            }
        }
        return ScaledNumber(significand: significand, scale: scale)
    }

    /// The text of a range; ASCII is written straight into the string's UTF-8 (a small string
    /// needs no allocation), with letters uppercased if asked.
    func string(_ range: Range<Int>, uppercased: Bool) -> String {
        var isASCII = true
        for i in range where text[i] >= 0x80 { isASCII = false }
        guard isASCII else { return String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF16.self) }
        return String(unsafeUninitializedCapacity: range.count) { utf8 in
            for (k, i) in range.enumerated() {
                let unit = text[i]
                utf8[k] = UInt8(truncatingIfNeeded: uppercased && unit &- 0x61 < 26 ? unit - 0x20 : unit)
            }
            return range.count
        }
    }

    @inline(__always)
    static func isASCIIDigit(_ unit: UInt16) -> Bool { unit &- 0x30 < 10 }
}
