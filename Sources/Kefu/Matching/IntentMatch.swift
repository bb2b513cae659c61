/// An intent found in a message, with its score and the evidence behind it.
public struct IntentMatch: Sendable, Hashable {
    /// The intent's id (`size`).
    public let id: String
    /// The score in [0, 1]: `1 - Π(1 - weight)` over the evidence, lowered by `lower` matchers.
    public let score: Double
    /// What fired, in token order.
    public let evidence: [Evidence]
}

/// One matcher that fired for an intent.
public struct Evidence: Sendable, Hashable {
    /// The matcher's label: the author's `name`, or `intent.match[index]`.
    public let matcher: String
    /// The weight the matcher adds.
    public let weight: Double
    /// The tokens that matched, as indices into ``Analysis/tokens``.
    public let tokens: [Int]
    /// The span of the match in the normalized text (UTF-16 offsets).
    public let range: Range<Int>
}
