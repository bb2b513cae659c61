import CICU
import Foundation
import Testing

@testable import Kefu

/// The normalizer's and the segmenter's shortcuts around ICU must give ICU's answers exactly.
@Suite struct FastPathTests {
    static let messages: [String] = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        let text = (try? String(contentsOfFile: path + "/Benchmarks/Data/messages.txt", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }()

    /// Characters that interact with their neighbours under NFKC, or that the tables treat apart.
    static let awkward: [String] = [
        "\u{301}", "\u{30A}", "\u{308}", "\u{3099}", "\u{309A}", "\u{1161}", "\u{11A8}", "\u{200D}", "\u{FE0F}",
        "\u{20E3}", "\u{1F3FB}", "\u{E0061}", "\u{FF9E}", "\u{FF9F}", "\u{3000}", " ", "\u{0}", "？", "！", "㎝",
        "ﬁ", "①", "ǋ", "㌕", "\u{FDFA}", "Ａ", "ｶ", "가", "\u{1100}", "e", "苎", "苧", "價", "😊", "👩", "🇨", "𠀀", "\u{2F800}", "\u{1D400}",
    ]

    func expectSamePaths(_ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let normalizer = Normalizer()
        let fast = normalizer.normalize(message)
        let icu = normalizer.normalizeThroughICU(message)
        #expect(fast == icu, "\(message.unicodeScalars.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
    }

    @Test func everyBMPCharacterAloneAndBesideOthers() {
        let normalizer = Normalizer()
        var failures: [String] = []
        for value in 0..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = String(scalar)
            for message in [c, "a" + c, c + "\u{301}", "包" + c + "吗", c + c, "？" + c + "ｶ\u{3099}", "\u{1100}" + c, c + "\u{1161}"]
            where normalizer.normalize(message) != normalizer.normalizeThroughICU(message) {
                failures.append("U+\(String(value, radix: 16)) in \(message.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) differ; first: \(failures.prefix(10))")
    }

    @Test func supplementaryCharacters() {
        let normalizer = Normalizer()
        var failures: [String] = []
        let ranges = [0x10000..<0x10200, 0x1D400..<0x1D800, 0x1F000..<0x1FB00, 0x20000..<0x20100, 0x2F800..<0x2FA20, 0xE0000..<0xE0080]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let c = String(scalar)
                for message in [c, "好" + c, c + "\u{301}", c + "\u{FE0F}\u{200D}👧", c + "\u{1F3FB}"]
                where normalizer.normalize(message) != normalizer.normalizeThroughICU(message) {
                    failures.append("U+\(String(value, radix: 16))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) differ; first: \(failures.prefix(10))")
    }

    @Test func corpusMessages() {
        #expect(Self.messages.count > 1_000)
        for message in Self.messages { expectSamePaths(message) }
    }

    @Test func randomMixtures() {
        var generator = SystemRandomNumberGenerator()
        let pool = Self.awkward + ["包邮", "吗", "XL", "165", "[微笑]", "，", "~", "\t", "這件"]
        for _ in 0..<20_000 {
            let message = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                pool.randomElement(using: &generator) ?? ""
            }.joined()
            expectSamePaths(message)
        }
    }

    @Test func simpleTableIsBuiltFromICU() {
        // Nearly all of the BMP normalizes on its own; CJK, ASCII and full-width forms all do.
        #expect(CharacterTable.shared.simpleCount > 50_000)
        for unit in Array("包邮吗？，！ＸＬ１６５aZ~ ".utf16) {
            #expect(CharacterTable.shared.simpleForm(of: unit) != CharacterTable.notSimple)
        }
        for unit in Array("\u{301}㎝ﬁ\u{1161}".utf16) {
            #expect(CharacterTable.shared.simpleForm(of: unit) == CharacterTable.notSimple)
        }
    }

    /// ICU's word boundaries, answered from the per-thread cache or not, are the same.
    @Test func wordBoundaryCacheGivesICUsAnswers() {
        func boundaries(_ text: [UInt16]) -> [Int32] {
            var out = [Int32](repeating: 0, count: text.count + 2)
            let count = text.withUnsafeBufferPointer { t in
                out.withUnsafeMutableBufferPointer { cicu_word_boundaries(t.baseAddress, Int32(t.count), $0.baseAddress, Int32($0.count)) }
            }
            return Array(out.prefix(max(0, Int(count))))
        }
        // Every run of Han text of the corpus, and each of its substrings up to 20 units (more than
        // the cache's 1,024 slots, so entries are replaced too), twice over.
        var texts: [[UInt16]] = []
        for message in Self.messages.prefix(3_000) {
            let units = Array(Normalizer().normalize(message).units)
            for start in stride(from: 0, to: units.count, by: 3) {
                for length in [1, 2, 3, 5, 8, 13, 16, 17, 20] where start + length <= units.count {
                    texts.append(Array(units[start..<start + length]))
                }
            }
        }
        cicu_set_word_boundary_cache(0)
        let uncached = texts.map(boundaries)
        cicu_set_word_boundary_cache(1)
        defer { cicu_set_word_boundary_cache(1) }
        for pass in 0..<2 {
            var differing = 0
            for (text, expected) in zip(texts, uncached) where boundaries(text) != expected { differing += 1 }
            #expect(differing == 0, "pass \(pass)")
        }
    }

    /// The segmenter gives the same tokens with and without the cache of ICU's answers.
    @Test func segmentsWithAndWithoutTheCache() {
        let segmenter = Segmenter(lexicon: ShippedRules.lexicon)
        let texts = Self.messages.map { Normalizer().normalize($0) }
        cicu_set_word_boundary_cache(0)
        let uncached = texts.map { segmenter.segment($0) }
        cicu_set_word_boundary_cache(1)
        for _ in 0..<2 {
            #expect(texts.map { segmenter.segment($0) } == uncached)
        }
    }
}
