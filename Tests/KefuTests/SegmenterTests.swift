import Foundation
import Testing

@testable import Kefu

/// The shipped lexicon, read from the repository's `Rules/`.
enum ShippedRules {
    static let directory: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path + "/Rules"
    }()

    static let lexicon: Lexicon = {
        let text = (try? String(contentsOfFile: directory + "/lexicon.txt", encoding: .utf8)) ?? ""
        return (try? Lexicon(parsing: text)) ?? Lexicon([])
    }()
}

@Suite struct SegmenterTests {
    let segmenter = Segmenter(lexicon: ShippedRules.lexicon)

    func words(_ message: String) -> [String] {
        let (text, tokens) = segmenter.segment(message: message)
        return tokens.map(text.text(of:))
    }

    func kinds(_ message: String) -> [Token.Kind] {
        segmenter.segment(message: message).tokens.map(\.kind)
    }

    struct KindCase: Sendable, CustomTestStringConvertible {
        var input: String
        var token: String
        var kind: Token.Kind
        var testDescription: String { "\(input) → \(token) (\(kind))" }
    }

    static let kindCases: [KindCase] = [
        KindCase(input: "S", token: "s", kind: .sizeLabel),
        KindCase(input: "有M吗", token: "m", kind: .sizeLabel),
        KindCase(input: "XL码", token: "xl码", kind: .sizeLabel),
        KindCase(input: "ＸＸＬ", token: "xxl", kind: .sizeLabel),
        KindCase(input: "2XL", token: "2xl", kind: .sizeLabel),
        KindCase(input: "3xl的", token: "3xl", kind: .sizeLabel),
        KindCase(input: "L号", token: "l号", kind: .sizeLabel),
        KindCase(input: "均码吗", token: "均码", kind: .sizeLabel),
        KindCase(input: "160/84A", token: "160/84a", kind: .sizeLabel),
        KindCase(input: "穿37码", token: "37码", kind: .sizeLabel),
        KindCase(input: "165cm", token: "165cm", kind: .number),
        KindCase(input: "脚长24.5", token: "24.5", kind: .number),
        KindCase(input: "110斤", token: "110斤", kind: .number),
        KindCase(input: "55公斤", token: "55公斤", kind: .number),
        KindCase(input: "两件89元", token: "89元", kind: .number),
        KindCase(input: "iPhone15", token: "iphone15", kind: .latin),
        KindCase(input: "yh吗", token: "yh", kind: .latin),
        KindCase(input: "😊", token: "😊", kind: .emoji),
        KindCase(input: "好的👍🏻", token: "👍🏻", kind: .emoji),
        KindCase(input: "👩‍👧", token: "👩‍👧", kind: .emoji),
        KindCase(input: "🇨🇳", token: "🇨🇳", kind: .emoji),
        KindCase(input: "[微笑]", token: "[微笑]", kind: .emoji),
        KindCase(input: "好[捂脸]", token: "[捂脸]", kind: .emoji),
        KindCase(input: "吗？", token: "?", kind: .punctuation),
        KindCase(input: "包邮", token: "包邮", kind: .word),
    ]

    @Test(arguments: kindCases)
    func tokenKinds(_ c: KindCase) throws {
        let (text, tokens) = segmenter.segment(message: c.input)
        let token = try #require(tokens.first { text.text(of: $0) == c.token })
        #expect(token.kind == c.kind)
    }

    @Test(arguments: ["包邮", "码数", "尺码", "干洗", "机洗", "手洗", "偏大", "偏小", "退换货", "顺丰", "中通", "优惠券", "连衣裙", "背心"])
    func domainWordsStayWhole(_ word: String) {
        for carrier in ["\(word)", "请问\(word)吗", "这个\(word)怎么样", "我想问一下\(word)的事"] {
            #expect(words(carrier).contains(word), "\(carrier) → \(words(carrier))")
        }
    }

    @Test func numberOfAPhoneIsNotASize() {
        for message in ["号码", "你的号码多少", "手机号码换了", "电话号码"] {
            let w = words(message)
            #expect(!w.contains("码"), "\(message) → \(w)")
            #expect(w.contains { $0.contains("号码") })
        }
    }

    @Test func seedLines() {
        #expect(words("这件背心L号的多长？") == ["这", "件", "背心", "l号", "的", "多长", "?"])
        #expect(words("價格能優惠嗎") == ["价格", "能", "优惠", "吗"])
        #expect(words("我的货发了吗").joined() == "我的货发了吗")
        #expect(words("這雙鞋有碼數嗎？").contains("码数"))
    }

    @Test func traditionalAndSimplifiedGiveTheSameTokens() {
        let pairs = [
            ("這雙鞋有碼數嗎？", "这双鞋有码数吗？"), ("價格能優惠嗎", "价格能优惠吗"),
            ("這件背心L號多長？能包郵嗎", "这件背心L号多长？能包邮吗"), ("退換貨運費誰出", "退换货运费谁出"),
        ]
        for (traditional, simplified) in pairs {
            #expect(words(traditional) == words(simplified))
        }
    }

    @Test func mixedScriptsNeverGiveEmptyOrSpaceTokens() {
        let messages = [
            "iPhone15 多少钱", "XL码165cm110斤", "  包邮  ", "a b c", "😊😊😊", "L码多长？包邮吗",
            "[微笑][捂脸]", "[不是表情", "1米65", "160/84A的有吗", "24.5.6", "/", "a/b", "。。。。",
        ]
        for message in messages {
            let (text, tokens) = segmenter.segment(message: message)
            var last = 0
            for token in tokens {
                #expect(!token.range.isEmpty)
                #expect(token.range.lowerBound >= last)
                #expect(token.range.upperBound <= text.units.count)
                #expect(!text.text(of: token).contains(" "))
                last = token.range.upperBound
            }
        }
    }

    @Test func tokensCoverEverythingButSpaces() {
        for message in ["这件背心L号的多长？能包邮吗😊", "iPhone15 多少钱", "價格能優惠嗎？？？", "我身高一米六五体重110斤"] {
            let (text, tokens) = segmenter.segment(message: message)
            #expect(tokens.map(text.text(of:)).joined() == text.text.replacingOccurrences(of: " ", with: ""))
        }
    }

    @Test func offsetsRoundTripToTheOriginal() {
        let message = "這件ＸＬ碼多長？？？😊"
        let (text, tokens) = segmenter.segment(message: message)
        let originals = tokens.map { text.originalText(in: text.originalRange(of: $0.range)) }
        #expect(originals == ["這", "件", "ＸＬ碼", "多長", "？？？", "😊"])
    }

    @Test func emptyWhitespaceAndEmojiOnly() {
        #expect(words("").isEmpty)
        #expect(words("   \t ").isEmpty)
        #expect(kinds("😊😂👍") == [.emoji, .emoji, .emoji])
    }

    @Test func aHundredThousandCharacters() {
        let line = String(repeating: "这件背心包邮吗", count: 100_000 / 7)
        let tokens = segmenter.segment(message: line).tokens
        #expect(tokens.count == 100_000 / 7 * 5)
    }

    @Test func nulBytesAreSpaces() {
        #expect(words("包邮\u{0}吗") == ["包邮", "吗"])
    }

    @Test func lexiconWinsOverICU() {
        // ICU alone splits 包/邮; an empty lexicon shows it, the lexicon keeps the word.
        let bare = Segmenter(lexicon: Lexicon([]))
        let (text, tokens) = bare.segment(message: "能包邮吗")
        #expect(!tokens.map(text.text(of:)).contains("包邮"))
        #expect(words("能包邮吗").contains("包邮"))
    }

    @Test func lexiconTokensCarryTheirID() throws {
        let (_, tokens) = segmenter.segment(message: "能包邮吗")
        let id = try #require(ShippedRules.lexicon.id(of: "包郵"))
        #expect(tokens.contains { $0.lexiconID == id })
    }

    @Test func lexiconParsing() throws {
        let lexicon = try Lexicon(parsing: "# comment\n包邮\n顺丰 courier # the fast one\n\n碼數\n")
        #expect(lexicon.count == 3)
        #expect(lexicon.entries[1] == Lexicon.Entry("顺丰", kind: "courier"))
        #expect(lexicon.id(of: "码数") == 2)
        let error = try #require(throws: Lexicon.ParseError.self) { try Lexicon(parsing: "包邮\n顺丰 courier extra\n") }
        #expect(error.description == "2:12: expected a word and an optional kind, found 3 fields")
    }
}
