import Foundation
import Testing

@testable import Kefu

/// `Lexicon(parsing:)` reads most lines a scalar at a time: the entries and errors must be those
/// of reading every line by characters, as it did before.
@Suite struct LexiconParsingTests {
    /// The reading by characters, as `Lexicon(parsing:)` was written before it took shortcuts.
    static func entriesByCharacters(_ text: String) -> Result<[Lexicon.Entry], Lexicon.ParseError> {
        var entries: [Lexicon.Entry] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            switch fields.count {
            case 0: continue
            case 1: entries.append(Lexicon.Entry(String(fields[0])))
            case 2: entries.append(Lexicon.Entry(String(fields[0]), kind: String(fields[1])))
            default:
                let column =
                    rawLine.unicodeScalars.distance(from: rawLine.unicodeScalars.startIndex, to: fields[2].startIndex)
                    + 1
                return .failure(
                    Lexicon.ParseError(
                        line: index + 1,
                        column: column,
                        message: "expected a word and an optional kind, found \(fields.count) fields"
                    )
                )
            }
        }
        return .success(entries)
    }

    static func outcome(_ text: String) -> String {
        switch entriesByCharacters(text) {
        case .success(let entries): return "\(entries.map { "\($0.word)|\($0.kind ?? "-")" })"
        case .failure(let error): return error.description
        }
    }

    static func parsed(_ text: String) -> String {
        do {
            return "\(try Lexicon.entries(parsing: text).map { "\($0.word)|\($0.kind ?? "-")" })"
        } catch let error as Lexicon.ParseError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    static let texts = [
        "", "\n", "包邮\n顺丰 courier\n\n# comment\n均码 size # trailing\n", "a\tb\r\nc d\n", "a b c\n", "包邮 邮 费 用\n",
        "a #b\n", "a#b c\n", "#\u{20E3} keycap\n", "a \u{301}b\n", "a\u{301} b\n", "\u{600} a\n", "\u{600}#x\n",
        "a \u{600}b c\n", "x\r\ny z w\n", "词\t类\t别\t多\n", "😀 emoji\n", "a\u{200D} b\n", "ab\r", "\u{3000}包邮 x y\n",
        "末行没有换行 kind", "a  b\n  c\n", "a\u{301}#b c d\n", " # x y z\n",
    ]

    @Test(arguments: texts)
    func readsAsCharacters(_ text: String) {
        #expect(Self.parsed(text) == Self.outcome(text))
    }

    @Test func readsTheShippedLexiconAsCharacters() throws {
        let text = try String(contentsOfFile: ShippedRules.directory + "/lexicon.txt", encoding: .utf8)
        #expect(Self.parsed(text) == Self.outcome(text))
    }
}
