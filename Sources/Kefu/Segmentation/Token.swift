/// One unit of a segmented message: a word, a number, a size label, an emoji, a punctuation mark.
///
/// A token stores offsets, not text: UTF-16 offsets into ``NormalizedText/units``, which
/// ``NormalizedText/text(in:)`` turns into a string and ``NormalizedText/originalRange(of:)``
/// maps back to what the shopper typed.
public struct Token: Sendable, Hashable {
    /// What a token is.
    public enum Kind: String, Sendable, CaseIterable {
        /// A word: a lexicon word, or a piece of ICU's dictionary segmentation.
        case word
        /// A number, with its unit when one follows (`24.5`, `165cm`, `110斤`, `两` is a word).
        case number
        /// A run of Latin letters and digits that is neither a number nor a size (`iphone15`, `yh`).
        case latin
        /// A clothing or shoe size (`s`, `xl`, `2xl`, `l号`, `37码`, `160/84a`, `均码`).
        case sizeLabel = "size"
        /// An emoji (with its modifiers and joiners) or a bracketed sticker code (`[微笑]`).
        case emoji
        /// A punctuation mark or symbol.
        case punctuation
    }

    /// What the token is.
    public let kind: Kind
    let start: Int32
    let end: Int32
    /// The lexicon word id, or -1 when the token is not a lexicon word.
    let lexeme: Int32

    init(_ kind: Kind, _ start: Int, _ end: Int, lexeme: Int32 = -1) {
        self.kind = kind
        self.start = Int32(start)
        self.end = Int32(end)
        self.lexeme = lexeme
    }

    /// The token's UTF-16 offsets into the normalized text.
    public var range: Range<Int> { Int(start)..<Int(end) }

    /// The id of the lexicon word this token is, if it is one (see ``Lexicon/id(of:)``).
    public var lexiconID: Int? { lexeme < 0 ? nil : Int(lexeme) }
}

extension NormalizedText {
    /// The normalized text of a token.
    ///
    /// - Parameter token: A token of this text.
    /// - Returns: The token's text.
    public func text(of token: Token) -> String { text(in: token.range) }
}
