// TEMPORARY STUB written by the lead so the matcher builds; the slot helper replaces this file.
public struct Slots: Sendable, Hashable, Codable {
    public var size: String?
}

package struct SlotExtractor: Sendable {
    package init(lexicon: Lexicon) {}
    package func extract(from text: NormalizedText, tokens: [Token]) -> Slots { Slots() }
}
