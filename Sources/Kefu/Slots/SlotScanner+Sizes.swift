/// Size tokens and Latin tokens: garment sizes, shoe sizes and order numbers.
extension SlotScanner {
    /// Reads a size token: `xl码` → size `XL`, `160/84a` → `160/84A`, `37码` → shoe size 37.
    mutating func scanSizeLabel(_ range: Range<Int>) -> Int {
        var stem = range.upperBound
        let last = text[stem - 1]
        let marked = last == 0x7801 || last == 0x53F7  // 码 号
        if marked, range.count > 1, text[stem - 2] < 0x80 { stem -= 1 }
        var end = range.upperBound
        if !marked, end < text.count, text[end] == 0x65A4,  // 160/100斤: a height and a weight, not a size
            let slash = range.first(where: { text[$0] == 0x2F }),
            let height = decimal(range.lowerBound..<slash),
            let weight = decimal((slash + 1)..<range.upperBound)
        {
            let mention = NumberMention(value: weight, start: slash + 1, end: end + 1, unit: .jin, isChinese: false)
            classify(NumberMention(value: height, start: range.lowerBound, end: slash, unit: nil, isChinese: false))
            classify(mention)
            return end + 1
        }
        if let number = decimal(range.lowerBound..<stem) {
            var value = number
            if last == 0x7801, end < text.count, text[end] == 0x534A {  // 37码半
                value = value.addingHalf()
                end += 1
            }
            if Self.isShoeSize(value), !isAboutTrousers {
                Self.fill(&slots.pointee.shoeSize, value.doubleValue)
                return end
            }
        }
        Self.fill(&slots.pointee.size, string(range.lowerBound..<stem, uppercased: true))
        return end
    }

    /// Reads letters and digits as an order number: `sf1234567890`, `yt1234567890123`.
    mutating func scanLatin(_ range: Range<Int>) {
        var digits = 0
        var letters = 0
        for i in range {
            if Self.isASCIIDigit(text[i]) { digits += 1 } else { letters += 1 }
        }
        let active = activeCue(at: range.lowerBound)
        guard letters > 0, active?.kind != .phone, digits >= 8 || (digits >= 5 && active?.kind == .order) else {
            return
        }
        Self.fill(&slots.pointee.orderNumber, string(range, uppercased: true))
        cue = nil
    }

    /// Whether a word is `大码`, `加大码`, `特大码` or `均码` (when the lexicon gives it no kind).
    func isLargeOrFreeSize(_ range: Range<Int>) -> Bool {
        guard range.count == 2 || range.count == 3, text[range.upperBound - 1] == 0x7801 else { return false }  // 码
        let first = text[range.lowerBound]
        if range.count == 2 { return first == 0x5927 || first == 0x5747 }  // 大 均
        return (first == 0x52A0 || first == 0x7279) && text[range.lowerBound + 1] == 0x5927  // 加大 特大
    }
}
