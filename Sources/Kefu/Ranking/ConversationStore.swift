
/// Conversations' states for a server or a filter, bounded by count and idle time.
///
/// Thread-safe: a mutex guards the table; the suggestion itself runs outside the lock. When the
/// table is full, saving a new conversation forgets the one saved least recently (O(1), see
/// ``ConversationTable``); a state idle longer than ``idleSeconds`` is forgotten when next
/// looked up.
public final class ConversationStore: Sendable {
    /// The most conversations kept.
    public let capacity: Int
    /// How long an idle conversation is remembered, in seconds.
    public let idleSeconds: Double
    private let table: Locked<ConversationTable>

    /// Creates a store.
    public init(capacity: Int = 100_000, idleSeconds: Double = 30 * 60) {
        self.capacity = max(1, capacity)
        self.idleSeconds = idleSeconds
        self.table = Locked(ConversationTable())
    }

    /// The number of conversations held.
    public var count: Int { table.withLock { $0.count } }

    /// The state of a conversation, unless unknown or idle too long.
    public func state(of conversation: String, at time: Double) -> ConversationState? {
        table.withLock { table in
            guard let state = table.state(of: conversation) else { return nil }
            if time - state.lastUsed > idleSeconds {
                table.remove(conversation)
                return nil
            }
            return state
        }
    }

    /// Stores a conversation's state, forgetting the conversation saved least recently when full.
    public func save(_ state: ConversationState, for conversation: String) {
        table.withLock { table in
            table.save(state, for: conversation)
            while table.count > capacity { table.removeOldest() }  // never the one just saved: capacity ≥ 1
        }
    }

    /// Suggests for a message in its conversation, and remembers the conversation's next state.
    public func suggest(
        _ message: String, rules: RuleSet, product: String? = nil, conversation: String?,
        limits: SuggestionLimits = SuggestionLimits(), time: Double
    ) -> Suggestion {
        let state = conversation.flatMap { self.state(of: $0, at: time) }
        let (suggestion, next) = rules.suggest(message, product: product, state: state, limits: limits, time: time)
        if let conversation { save(next, for: conversation) }
        return suggestion
    }
}
