/// A number found in a message, with the unit written after it.
///
/// `一米六五` and `1米65` become one mention of 165 centimetres; `110斤` a mention of 110 jin; a
/// bare `165` a mention without a unit, which only a cue or a neighbour can give a meaning.
struct NumberMention: Sendable, Hashable {
    /// The value, in ``unit``.
    var value: ScaledNumber
    /// The offset of the first code unit of the number.
    var start: Int
    /// The offset after the number and its unit.
    var end: Int
    /// The unit, or `nil` for a bare number.
    var unit: MeasureUnit?
    /// Whether the number is written in Chinese numerals rather than digits.
    var isChinese: Bool
}
