/// What a conversation remembers between messages: the product, the last intent, the slots, and
/// how many times the shopper has asked for a discount.
public struct ConversationState: Sendable, Hashable {
    /// The product last in view.
    public var productID: String?
    /// The last message's top intent.
    public var lastIntent: String?
    /// Slots gathered so far (a later message overrides).
    public var slots: Slots
    /// Requests for a discount so far.
    public var discountTurns: Int
    /// When the conversation was last used (seconds, the caller's clock).
    public var lastUsed: Double

    /// A new conversation.
    public init(productID: String? = nil, lastIntent: String? = nil, slots: Slots = Slots(), discountTurns: Int = 0,
                lastUsed: Double = 0) {
        self.productID = productID
        self.lastIntent = lastIntent
        self.slots = slots
        self.discountTurns = discountTurns
        self.lastUsed = lastUsed
    }
}
