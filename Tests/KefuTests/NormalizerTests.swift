import Testing

@_spi(Measurement) @testable import Kefu

@Suite struct NormalizerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "full-width letters", input: "ＸＬ码", expected: "xl码"),
        Case(name: "full-width digits", input: "身高１６５", expected: "身高165"),
        Case(name: "traditional shoes", input: "這雙鞋有碼數嗎", expected: "这双鞋有码数吗"),
        Case(name: "traditional price", input: "價格能優惠嗎", expected: "价格能优惠吗"),
        Case(name: "Latin case folding", input: "iPhone15 SIZE", expected: "iphone15 size"),
        Case(name: "repeated full-width question marks", input: "有货吗？？？", expected: "有货吗?"),
        Case(name: "repeated exclamation", input: "快点发货!!!!!!", expected: "快点发货!"),
        Case(name: "different punctuation kept", input: "真的吗?!", expected: "真的吗?!"),
        Case(name: "spaces collapsed and trimmed", input: "  包邮   吗  ", expected: "包邮 吗"),
        Case(name: "ideographic space", input: "包邮\u{3000}吗", expected: "包邮 吗"),
        Case(name: "tab and newline", input: "a\tb\nc", expected: "a b c"),
        Case(name: "NUL is a space", input: "包\u{0}邮", expected: "包 邮"),
        Case(name: "zero-width space dropped", input: "包\u{200B}邮", expected: "包邮"),
        Case(name: "bidi override dropped", input: "\u{202E}包邮\u{202C}", expected: "包邮"),
        Case(name: "byte-order mark dropped", input: "\u{FEFF}在吗", expected: "在吗"),
        Case(name: "emoji ZWJ sequence kept", input: "👩‍👧好", expected: "👩‍👧好"),
        Case(name: "stray joiner dropped", input: "好\u{200D}的", expected: "好的"),
        Case(name: "sticker code kept", input: "[微笑]好的", expected: "[微笑]好的"),
        Case(name: "NFKC compatibility", input: "165㎝", expected: "165cm"),
        Case(name: "combining acute composed", input: "cafe\u{301}", expected: "caf\u{E9}"),
        Case(name: "combining flood cut", input: "a" + String(repeating: "\u{30A}", count: 50), expected: "\u{E5}" + String(repeating: "\u{30A}", count: 4)),
        Case(name: "empty", input: "", expected: ""),
        Case(name: "whitespace only", input: " \t\u{3000} ", expected: ""),
    ]

    @Test(arguments: cases)
    func normalizes(_ c: Case) {
        #expect(Normalizer().normalize(c.input).text == c.expected)
    }

    @Test(arguments: cases)
    func isIdempotent(_ c: Case) {
        let once = Normalizer().normalize(c.input).text
        #expect(Normalizer().normalize(once).text == once)
    }

    @Test func originMapsBackToTheOriginal() throws {
        let text = Normalizer().normalize("這件ＸＬ碼多長？？？")
        #expect(text.text == "这件xl码多长?")
        #expect(text.originalText(in: text.originalRange(of: 2..<4)) == "ＸＬ")
        #expect(text.originalText(in: text.originalRange(of: 0..<2)) == "這件")
        // The collapsed run belongs to the one mark that is left.
        #expect(text.originalText(in: text.originalRange(of: 7..<8)) == "？？？")
    }

    @Test func originOfAnExpansion() {
        let text = Normalizer().normalize("165㎝")
        #expect(text.originalText(in: text.originalRange(of: 3..<5)) == "㎝")
        #expect(text.originalText(in: text.originalRange(of: 3..<4)) == "㎝")
        #expect(text.originalText(in: 2..<1_000) == text.originalText(in: 2..<text.original.utf16.count))  // clamped, no trap
    }

    @Test func originSkipsCollapsedSpaces() {
        let text = Normalizer().normalize("包邮   吗")
        #expect(text.text == "包邮 吗")
        #expect(text.originalText(in: text.originalRange(of: 0..<2)) == "包邮")
        #expect(text.originalText(in: text.originalRange(of: 3..<4)) == "吗")
    }

    @Test func originIsMonotonicAndInBounds() {
        let inputs = ["這雙鞋有碼數嗎？？", "😊😊[微笑]ＸＬ", "a\u{0}b\u{202E}c", String(repeating: "價格", count: 1000)]
        for input in inputs {
            let text = Normalizer().normalize(input)
            var last: Int32 = 0
            for o in text.origin {
                #expect(o >= last && Int(o) < input.utf16.count)
                last = o
            }
        }
    }

    @Test func longLine() {
        let line = String(repeating: "這件衣服包郵嗎", count: 100_000 / 7)
        let text = Normalizer().normalize(line)
        #expect(text.units.count == line.utf16.count)
        #expect(text.text.hasPrefix("这件衣服包邮吗"))
    }

    @Test func replacementCharacterPassesThrough() {
        #expect(Normalizer().normalize("a\u{FFFD}b").text == "a\u{FFFD}b")
    }

    @Test func tableAgreesWithTheTransliterator() {
        // The table is built from ICU's transliterator: character by character they agree.
        let sample = "這雙鞋有碼數嗎價格能優惠嗎發貨運費顏色幾天到貨號碼"
        #expect(Normalizer.simplifiedByTable(sample) == Normalizer.simplifiedByTransliterator(sample))
        #expect(Normalizer.foldedCodePointCount > 2000)
    }
}

struct NormalizerIdempotenceTests {
    /// Found by fuzzing: ICU maps 苎 → 苧 and 苧 → 苎, so one pass was not idempotent.
    @Test(arguments: ["苎", "苧", "苎麻衬衫", "這件苧麻的"])
    func normalizingTwiceChangesNothing(message: String) {
        let normalizer = Normalizer()
        let once = normalizer.normalize(message).text
        #expect(normalizer.normalize(once).text == once)
    }

    @Test func everyBMPCharacterFoldsIdempotently() {
        let normalizer = Normalizer()
        var failures: [String] = []
        for value in 0x3400...0x9FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let once = normalizer.normalize(String(scalar)).text
            if normalizer.normalize(once).text != once { failures.append("U+" + String(value, radix: 16, uppercase: true)) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
    }
}
