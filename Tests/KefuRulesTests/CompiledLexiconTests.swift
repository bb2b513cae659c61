import Kefu
import Testing

@testable import KefuRules

/// The compiled lexicon's words are normalized, and normalizing them again changes nothing: what
/// lets ``Lexicon/adding(_:)`` skip normalizing the words it already has.
struct CompiledLexiconTests {
    @Test func shippedLexiconIsAFixedPoint() throws {
        let rules = try Shipped.rules.get()
        #expect(rules.lexicon.count > 3_000)
        #expect(Lexicon(rules.lexicon.entries).entries == rules.lexicon.entries)
    }
}
