/// Conversations' states by id, from the most to the least recently saved: saving, looking up,
/// forgetting and evicting the oldest are O(1).
///
/// A dictionary into a slab of entries that are linked in saving order. Hand-written: the package
/// depends on no collections library, and an ordered dictionary (swift-collections') moves a key
/// to the end in O(*n*). The store this replaces sorted the whole table to evict (100,000
/// conversations sorted every 10,000 saves, holding the lock that every request waits for).
struct ConversationTable {
    private struct Entry {
        var key: String
        var state: ConversationState
        /// The entry saved next after this one, or -1 (this is the newest).
        var newer: Int32
        /// The entry saved last before this one, or -1 (this is the oldest).
        var older: Int32
    }

    private var index: [String: Int32] = [:]
    private var entries: [Entry] = []
    /// Slots of `entries` whose conversation was forgotten, to be reused.
    private var free: [Int32] = []
    private var newest: Int32 = -1
    private var oldest: Int32 = -1

    /// The number of conversations held.
    var count: Int { index.count }

    /// The state saved for a conversation.
    func state(of key: String) -> ConversationState? {
        index[key].map { entries[Int($0)].state }
    }

    /// Saves a conversation's state, as the newest.
    mutating func save(_ state: ConversationState, for key: String) {
        if let slot = index[key] {
            entries[Int(slot)].state = state
            unlink(slot)
            link(slot)
            return
        }
        let entry = Entry(key: key, state: state, newer: -1, older: -1)
        let slot: Int32
        if let reused = free.popLast() {
            slot = reused
            entries[Int(slot)] = entry
        } else {
            slot = Int32(entries.count)
            entries.append(entry)
        }
        index[key] = slot
        link(slot)
    }

    /// Forgets a conversation.
    mutating func remove(_ key: String) {
        guard let slot = index.removeValue(forKey: key) else { return }
        forget(slot)
    }

    /// Forgets the conversation saved least recently, and returns its id.
    @discardableResult
    mutating func removeOldest() -> String? {
        guard oldest >= 0 else { return nil }
        let slot = oldest
        let key = entries[Int(slot)].key
        index[key] = nil
        forget(slot)
        return key
    }

    /// The ids from the newest to the oldest (for tests).
    var keysNewestFirst: [String] {
        var keys: [String] = []
        var slot = newest
        while slot >= 0 {
            keys.append(entries[Int(slot)].key)
            slot = entries[Int(slot)].older
        }
        return keys
    }

    private mutating func forget(_ slot: Int32) {
        unlink(slot)
        // Release the id and the state now, not when the slot is reused.
        entries[Int(slot)].key = ""
        entries[Int(slot)].state = ConversationState()
        free.append(slot)
    }

    /// Makes `slot` the newest.
    private mutating func link(_ slot: Int32) {
        entries[Int(slot)].older = newest
        entries[Int(slot)].newer = -1
        if newest >= 0 { entries[Int(newest)].newer = slot } else { oldest = slot }
        newest = slot
    }

    /// Takes `slot` out of the order.
    private mutating func unlink(_ slot: Int32) {
        let (newer, older) = (entries[Int(slot)].newer, entries[Int(slot)].older)
        if newer >= 0 { entries[Int(newer)].older = older } else { newest = older }
        if older >= 0 { entries[Int(older)].newer = newer } else { oldest = newer }
        entries[Int(slot)].newer = -1
        entries[Int(slot)].older = -1
    }
}
