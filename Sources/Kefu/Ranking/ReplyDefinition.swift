/// A scripted reply (话术): the intent it answers, when it applies, and its text.
public struct ReplyDefinition: Sendable, Hashable, Identifiable {
    /// Conditions that must all hold for the reply to be offered.
    public struct Conditions: Sendable, Hashable {
        /// Facts that must be present (placeholders add theirs implicitly).
        public var has: [String] = []
        /// Facts that must be absent.
        public var missing: [String] = []
        /// The product in view is of this category.
        public var category: String?
        /// The product in view has this material.
        public var material: String?
        /// The asked size (and colour) of the product in view is, or is not, in stock.
        public var inStock: Bool?
        /// The shopper's region gets free shipping (or not).
        public var freeShipping: Bool?
        /// The conversation's nth request for a discount (the last step also covers later ones).
        public var bargainTurn: Int?

        /// No conditions.
        public init() {}
    }

    /// The reply's id.
    public var id: String
    /// The intent it answers.
    public var intent: String
    /// 0–100: higher ranks first among one intent's replies.
    public var priority: Int
    /// When it applies.
    public var conditions: Conditions
    /// Its text.
    public var template: ReplyTemplate

    /// Creates a reply.
    public init(id: String, intent: String, priority: Int = 50, conditions: Conditions = .init(), template: ReplyTemplate) {
        self.id = id
        self.intent = intent
        self.priority = priority
        self.conditions = conditions
        self.template = template
    }
}
