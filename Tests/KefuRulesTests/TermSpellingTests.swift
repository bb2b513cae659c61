import Kefu
import Testing

@testable import KefuRules

/// The byte-level shortcuts for reading a term's spelling agree with the character-level rules
/// they stand for: `~name` is a concept when it is more than `~`, a step ending in its own `?`
/// is optional.
struct TermSpellingTests {
    static let spellings = [
        "", "~", "~~", "~a", "~courier", "~顺丰", "~\u{301}", "~\u{301}a", "~\r\n", "a~", "包邮", "包邮?", "?", "??",
        "a?", "包?", "?\u{301}", "a?\u{301}", "\u{600}?", "\u{600}a?", "x\u{200D}?", "😀?", "~?",
    ]

    @Test(arguments: spellings)
    func termReference(_ text: String) {
        let expected: TermReference =
            text.hasPrefix("~") && text.count > 1 ? .concept(String(text.dropFirst())) : .term(text)
        #expect(TermReference(text) == expected)
    }

    @Test(arguments: spellings)
    func optionalStep(_ text: String) {
        #expect(RuleFileParser.endsInQuestionMark(text) == (text.count > 1 && text.hasSuffix("?")))
    }
}
