import Testing

@testable import Kefu

/// What the rule compiler's shortcuts must not change: a lexicon grown with ``Lexicon/adding(_:)``
/// is the one built from scratch, and ``Swift/String/init(utf16Units:)`` is
/// `String(decoding:as:)`.
@Suite struct LexiconBuildTests {
    static let extra: [Lexicon.Entry] = [
        Lexicon.Entry("包邮"), Lexicon.Entry("包郵", kind: "shipping"), Lexicon.Entry("ＸＬ碼", kind: "size"),
        Lexicon.Entry("顺丰"), Lexicon.Entry("顺丰", kind: "courier"), Lexicon.Entry(" "), Lexicon.Entry(""),
        Lexicon.Entry("新词"), Lexicon.Entry("新詞", kind: "other"), Lexicon.Entry("新词", kind: "ignored"),
        Lexicon.Entry("😀"), Lexicon.Entry("ｅｍｓ", kind: "courier"),
    ]

    @Test func addingIsBuildingAgain() {
        let base = ShippedRules.lexicon
        #expect(base.count > 500)
        let added = base.adding(Self.extra)
        let rebuilt = Lexicon(base.entries + Self.extra)
        #expect(added.words == rebuilt.words)
        #expect(added.kinds == rebuilt.kinds)
        for word in rebuilt.words { #expect(added.id(of: word) == rebuilt.id(of: word)) }
        let normalizer = Normalizer()
        let normalized = Self.extra.map { Lexicon.Entry(normalizer.normalize($0.word).text, kind: $0.kind) }
        let addedNormalized = base.adding(normalized: normalized)
        #expect(addedNormalized.words == rebuilt.words)
        #expect(addedNormalized.kinds == rebuilt.kinds)
    }

    @Test func repeatedSpellingsKeepTheFirstKind() {
        let lexicon = Lexicon(Self.extra)
        let kinds = Dictionary(uniqueKeysWithValues: zip(lexicon.words, lexicon.kinds))
        #expect(kinds["包邮"] == .some("shipping"))
        #expect(kinds["顺丰"] == .some("courier"))
        #expect(kinds["新词"] == .some("other"))
        #expect(lexicon.words.contains(" ") == false)
    }

    @Test func utf16UnitsDecodeAsTheStandardLibrary() {
        var cases: [[UInt16]] = [
            [], [0x41], [0x7F, 0x80, 0x7FF, 0x800, 0xFFFF], Array("包邮xl码😀".utf16),
            [0xD83D], [0xDE00], [0xD83D, 0x41], [0xD83D, 0xD83D, 0xDE00], [0xDE00, 0xD83D], [0x41, 0xDBFF, 0xDFFF],
        ]
        for word in ShippedRules.lexicon.words { cases.append(Array(word.utf16)) }
        // Mostly surrogates and the edges of the UTF-8 lengths.
        let picks: [UInt16] = [0x24, 0x7F, 0x80, 0x7FF, 0x800, 0x4E2D, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFFFD, 0xFFFF]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var units: [UInt16] = []
            for _ in 0..<Int(seed % 9) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                units.append(picks[Int(seed >> 33) % picks.count])
            }
            cases.append(units)
        }
        let different = cases.filter { String(utf16Units: $0) != String(decoding: $0, as: UTF16.self) }
        #expect(different.isEmpty, "\(different.prefix(5))")
        let bytesDiffer = cases.filter {
            Array(String(utf16Units: $0).utf8) != Array(String(decoding: $0, as: UTF16.self).utf8)
        }
        #expect(bytesDiffer.isEmpty)
        #expect(String(utf16Units: Array("包邮".utf16)[0..<1]) == "包")
    }
}
