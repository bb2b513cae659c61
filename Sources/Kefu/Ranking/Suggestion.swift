/// What Kefu suggests for one message: the analysis, ranked replies and product recommendations.
public struct Suggestion: Sendable, Hashable {
    /// The intents and slots (slots merged with the conversation's).
    public let analysis: Analysis
    /// The intents after context: a follow-up such as 「那L呢」 inherits the last intent.
    public let intents: [IntentMatch]
    /// The slots after context.
    public let slots: Slots
    /// Replies ready to paste, best first.
    public let replies: [ReplySuggestion]
    /// Products worth showing, best first.
    public let products: [ProductSuggestion]
    /// The product the message is about (in view, or remembered by the conversation).
    public let productID: String?
}

/// A scripted reply filled for this message.
public struct ReplySuggestion: Sendable, Hashable {
    /// The reply's id in the rules.
    public let id: String
    /// The intent it answers.
    public let intent: String
    /// The text to send.
    public let text: String
    /// The intent's score weighted by the reply's priority, in [0, 1].
    public let score: Double
    /// Why it was offered: the intent, the conditions that held, the facts used.
    public let because: String
}

/// A product recommendation.
public struct ProductSuggestion: Sendable, Hashable {
    /// The product's id.
    public let id: String
    /// Its name.
    public let name: String
    /// How well it fits the request, in [0, 1].
    public let score: Double
    /// What matched, and its selling point.
    public let because: String
}

/// How many suggestions to return.
public struct SuggestionLimits: Sendable, Hashable {
    /// Replies (default 3).
    public var replies: Int
    /// Products (default 2).
    public var products: Int

    /// Creates limits.
    public init(replies: Int = 3, products: Int = 2) {
        self.replies = replies
        self.products = products
    }
}
