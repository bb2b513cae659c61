/// The unit written right after a number: what the number measures or counts.
///
/// ```swift
/// MeasureUnit.match(units("110斤"), at: 3)     // (.jin, 4)
/// MeasureUnit.match(units("两个月"), at: 1)    // (.other, 2): a time, not a quantity
/// ```
enum MeasureUnit: Sendable, Hashable {
    /// `cm`, `厘米`, `公分`.
    case centimetre
    /// `mm`, `毫米`.
    case millimetre
    /// `m`, `米`.
    case metre
    /// `kg`, `公斤`, `千克`.
    case kilogram
    /// `斤`, half a kilogram.
    case jin
    /// `元`, `块`, `块钱`.
    case yuan
    /// `毛`, `角`: a tenth of a yuan.
    case jiao
    /// A classifier for goods: `件 双 条 套 对 只 盒 瓶 支 顶 副 份 袋 箱`.
    case piece
    /// `个`, the general classifier, which also counts months and people.
    case genericPiece
    /// `码` after a numeral: a size number (`三十七码`).
    case sizeNumber
    /// A unit that makes the number none of the slots: a date, a time, an age, a discount, a gram.
    case other

    /// The unit that starts at `position`, if any.
    ///
    /// - Parameters:
    ///   - text: UTF-16 code units of normalized (lowercase, half-width) text.
    ///   - position: The offset just after a number.
    ///   - allowingSpace: Whether one space may come before a Latin unit of two letters (`165 cm`).
    /// - Returns: The unit and the offset after it.
    static func match(_ text: UnsafeBufferPointer<UInt16>, at position: Int, allowingSpace: Bool)
        -> (unit: MeasureUnit, end: Int)?
    {
        var i = position
        guard i < text.count else { return nil }
        var spaced = false
        if allowingSpace, text[i] == 0x20 {
            i += 1
            spaced = true
            guard i < text.count else { return nil }
        }
        if isASCIILetter(text[i]) { return matchLatin(text, at: i, spaced: spaced) }
        guard !spaced else { return nil }
        let next = scalar(text, i + 1)
        let unit: MeasureUnit
        var length = 1
        switch scalar(text, i) {
        case "公" where next == "斤", "千" where next == "克":
            unit = .kilogram
            length = 2
        case "厘" where next == "米", "公" where next == "分":
            unit = .centimetre
            length = 2
        case "毫" where next == "米":
            unit = .millimetre
            length = 2
        case "斤": unit = .jin
        case "米":
            guard next != "色", next != "白", next != "黄" else { return nil }  // 米色: beige
            unit = .metre
        case "元": unit = .yuan
        case "块":
            if next == "儿" { return (.other, i + 2) }  // 一块儿: together
            unit = .yuan
            if next == "钱" { length = 2 }
        case "毛":
            guard next != "衣", next != "线", next != "呢", next != "绒", next != "巾" else { return nil }
            unit = .jiao
        case "角": unit = .jiao
        case "件":
            unit = next == "套" ? .other : .piece  // 三件套: a three-piece set
        case "双", "条", "套", "对", "只", "盒", "瓶", "支", "顶", "副", "份", "袋", "箱":
            unit = .piece
        case "个":
            switch next {
            case "月", "星", "礼", "小", "钟", "工", "人", "问", "半", "多": unit = .other
            default: unit = .genericPiece
            }
        case "码": unit = .sizeNumber
        case "天", "号", "月", "年", "岁", "点", "折", "分", "周", "次", "%", "倍", "克": unit = .other
        default: return nil
        }
        return (unit, i + length)
    }

    private static func matchLatin(_ text: UnsafeBufferPointer<UInt16>, at start: Int, spaced: Bool)
        -> (unit: MeasureUnit, end: Int)?
    {
        var end = start
        while end < text.count, isASCIILetter(text[end]) { end += 1 }
        if end < text.count {
            let next = text[end]
            // `m码`, `l号` are sizes; `5xl`, `iphone15` are not units at all.
            if next == 0x7801 || next == 0x53F7 || (next &- 0x30) < 10 { return nil }
        }
        let length = end - start
        guard !spaced || length >= 2 else { return nil }
        let first = text[start]
        let second: UInt16 = length > 1 ? text[start + 1] : 0
        switch (length, first, second) {
        case (2, 0x63, 0x6D): return (.centimetre, end)  // cm
        case (2, 0x6D, 0x6D): return (.millimetre, end)  // mm
        case (1, 0x6D, _): return (.metre, end)  // m
        case (2, 0x6B, 0x67): return (.kilogram, end)  // kg
        case (1, 0x67, _), (1, 0x6B, _), (1, 0x77, _), (2, 0x6D, 0x6C): return (.other, end)  // g k w ml
        default: return nil
        }
    }

    @inline(__always)
    private static func isASCIILetter(_ unit: UInt16) -> Bool { (unit | 0x20) &- 0x61 < 26 }

    /// The scalar of the code unit at `i`, or U+0000 past the end (or on a surrogate).
    @inline(__always)
    private static func scalar(_ text: UnsafeBufferPointer<UInt16>, _ i: Int) -> Unicode.Scalar {
        i < text.count ? Unicode.Scalar(text[i]) ?? "\0" : "\0"
    }
}
