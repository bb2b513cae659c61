/// Reads numbers written in Chinese numerals, as shoppers type them.
///
/// Two readings, chosen by the numeral itself:
/// - With a place word (十 百 千 万) it is read by place: `十五` → 15, `二十` → 20, `一百六十五` → 165,
///   `一百零五` → 105, `两千` → 2000, and a last digit after 百, 千 or 万 is the next place down, as
///   in speech: `一百六` → 160, `一百二` → 120, `一万二` → 12000. A trailing `半` adds a half
///   (`三十七半` → 37.5).
/// - Digits alone are read one by one, the way heights and codes are said: `六五` → 65
///   (the tail of `一米六五`), `一七零` → 170, `两` → 2.
///
/// ```swift
/// ChineseNumber.value(of: "一百六十五")   // 165
/// ChineseNumber.value(of: "六五")         // 65
/// ChineseNumber.value(of: "一下")         // nil: not a numeral
/// ```
package enum ChineseNumber {
    /// The most digits read one by one; a longer run is a code, not a quantity.
    static let maximumDigitRun = 9

    /// The value of a whole string of Chinese numerals.
    ///
    /// - Parameter string: Numerals only, such as `一百二十` or `六五`; normalize Traditional forms first.
    /// - Returns: The value, or `nil` if `string` is not exactly one numeral.
    package static func value(of string: String) -> Double? {
        let units = Array(string.utf16)
        return units.withUnsafeBufferPointer { buffer in
            guard let (number, end) = parse(buffer, from: 0), end == buffer.count else { return nil }
            return number.doubleValue
        }
    }

    /// Parses the longest numeral that starts at `start`.
    ///
    /// - Parameters:
    ///   - text: UTF-16 code units.
    ///   - start: Where the numeral should start.
    /// - Returns: The value and the offset after the numeral, or `nil` if none starts at `start`.
    /// - Complexity: O(*k*) in the length of the numeral.
    static func parse(_ text: UnsafeBufferPointer<UInt16>, from start: Int) -> (value: ScaledNumber, end: Int)? {
        guard start < text.count else { return nil }
        if text[start] == half {
            if start + 1 < text.count, isNumeral(text[start + 1]) { return nil }
            return (ScaledNumber(significand: 5, scale: 1), start + 1)
        }
        var runEnd = start
        while runEnd < text.count, digit(text[runEnd]) != nil { runEnd += 1 }
        if runEnd > start, runEnd == text.count || multiplier(text[runEnd]) == nil {
            return readDigitByDigit(text, start, runEnd)
        }
        return readByPlace(text, from: start)
    }

    /// Whether a code unit can start a numeral in running text (a digit or 十; not 百 千 万 半,
    /// which start words such as 百搭, 千万, 万一, 半价).
    @inline(__always)
    static func startsNumeral(_ unit: UInt16) -> Bool {
        unit == ten || digit(unit) != nil
    }

    /// Whether a code unit is a Chinese digit or place word.
    @inline(__always)
    static func isNumeral(_ unit: UInt16) -> Bool {
        digit(unit) != nil || multiplier(unit) != nil
    }

    /// The value of a Chinese digit: 零 〇 一 二 两 三 四 五 六 七 八 九.
    @inline(__always)
    static func digit(_ unit: UInt16) -> Int? {
        switch unit {
        case 0x96F6, 0x3007: 0  // 零 〇
        case 0x4E00: 1  // 一
        case 0x4E8C, 0x4E24: 2  // 二 两
        case 0x4E09: 3  // 三
        case 0x56DB: 4  // 四
        case 0x4E94: 5  // 五
        case 0x516D: 6  // 六
        case 0x4E03: 7  // 七
        case 0x516B: 8  // 八
        case 0x4E5D: 9  // 九
        default: nil
        }
    }

    /// The value of a place word: 十 百 千 万.
    @inline(__always)
    static func multiplier(_ unit: UInt16) -> Int? {
        switch unit {
        case ten: 10
        case 0x767E: 100  // 百
        case 0x5343: 1000  // 千
        case 0x4E07: 10000  // 万
        default: nil
        }
    }

    /// The code unit of 十.
    private static let ten: UInt16 = 0x5341
    /// The code unit of 半.
    private static let half: UInt16 = 0x534A

    private static func readDigitByDigit(_ text: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int)
        -> (value: ScaledNumber, end: Int)?
    {
        guard end - start <= maximumDigitRun else { return nil }
        var value = 0
        for i in start..<end { value = value * 10 + (digit(text[i]) ?? 0) }
        return (ScaledNumber(significand: value), end)
    }

    private static func readByPlace(_ text: UnsafeBufferPointer<UInt16>, from start: Int)
        -> (value: ScaledNumber, end: Int)?
    {
        var total = 0  // whole 万s
        var section = 0  // below 万
        var pending: Int?  // a digit waiting for its place word
        var lastPlace = 0  // the last place word read
        var zeroSincePlace = false
        var i = start
        while i < text.count {
            let unit = text[i]
            if let d = digit(unit) {
                if let p = pending, p != 0 { break }  // 一百六五: two digits in a row end the numeral
                if d == 0 { zeroSincePlace = true }
                pending = d
            } else if let place = multiplier(unit) {
                if place == 10000 {
                    let head = section + (pending ?? 0)
                    guard head > 0 || total > 0 else { break }
                    total = (total + head) * 10000
                    section = 0
                } else {
                    // A place must be lower than the one before it in the same section (not 十百).
                    if lastPlace != 0, lastPlace != 10000, place >= lastPlace { break }
                    section += (pending ?? 1) * place
                }
                pending = nil
                lastPlace = place
                zeroSincePlace = false
            } else {
                break
            }
            i += 1
        }
        guard i > start else { return nil }
        if let p = pending, p != 0 {
            // 一百六 is 160: a last digit right after 百, 千 or 万 is the next place down.
            section += !zeroSincePlace && lastPlace >= 100 ? p * (lastPlace / 10) : p
        }
        var value = ScaledNumber(significand: total + section)
        if i < text.count, text[i] == half, pending != nil, pending != 0, lastPlace == 10 {
            value = value.addingHalf()  // 三十七半
            i += 1
        }
        return (value, i)
    }
}
