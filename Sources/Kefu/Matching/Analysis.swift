/// What a rule set makes of one message: its normalized text, tokens, intents and slots.
///
/// ```swift
/// let analysis = ruleSet.analyze("這件背心L號多長？能包郵嗎")
/// analysis.intents.map(\.id)   // ["size", "shipping"]
/// analysis.slots.size          // "L"
/// ```
public struct Analysis: Sendable, Hashable {
    /// The normalized message, with a map back to what the shopper typed.
    public let text: NormalizedText
    /// The tokens of ``text``.
    public let tokens: [Token]
    /// The intents at or above their threshold, best first.
    public let intents: [IntentMatch]
    /// Intents that fired but stayed below their threshold, best first (for explanations).
    public let candidates: [IntentMatch]
    /// What the message says about sizes, body, quantities, money, couriers, regions, products.
    public let slots: Slots
    /// Every matcher that fired, vetoes and lowering included, by index (for rule coverage).
    package let firedMatchers: [Int32]
}
