import Testing

@testable import Kefu

/// The conversation table keeps saving order: the store evicts the conversation saved least
/// recently, one at a time, without sorting the table.
@Suite struct ConversationTableTests {
    private func state(_ intent: String, at time: Double = 0) -> ConversationState {
        ConversationState(lastIntent: intent, lastUsed: time)
    }

    @Test func savingOrdersNewestFirstAndUpdatesInPlace() {
        var table = ConversationTable()
        for key in ["a", "b", "c"] { table.save(state(key), for: key) }
        #expect(table.keysNewestFirst == ["c", "b", "a"])
        table.save(state("size"), for: "a")  // saved again: the newest, one entry
        #expect(table.keysNewestFirst == ["a", "c", "b"])
        #expect(table.count == 3)
        #expect(table.state(of: "a")?.lastIntent == "size")
        #expect(table.state(of: "zz") == nil)
    }

    @Test func removingAndEvictingKeepTheLinksWhole() {
        var table = ConversationTable()
        for key in ["a", "b", "c", "d"] { table.save(state(key), for: key) }
        table.remove("b")  // from the middle
        #expect(table.keysNewestFirst == ["d", "c", "a"])
        #expect(table.removeOldest() == "a")
        #expect(table.keysNewestFirst == ["d", "c"])
        table.remove("d")  // the newest
        table.remove("nope")
        #expect(table.keysNewestFirst == ["c"])
        table.save(state("e"), for: "e")  // reuses a freed slot
        table.save(state("f"), for: "f")
        #expect(table.keysNewestFirst == ["f", "e", "c"])
        #expect(table.state(of: "b") == nil && table.state(of: "a") == nil)
        #expect(table.state(of: "e")?.lastIntent == "e")
        while table.removeOldest() != nil {}
        #expect(table.count == 0 && table.keysNewestFirst.isEmpty)
        table.save(state("g"), for: "g")
        #expect(table.keysNewestFirst == ["g"])
    }

    /// Random operations against a plain model of the order.
    @Test func matchesAModelOverRandomOperations() {
        var table = ConversationTable()
        var model: [String] = []  // newest first
        var generator = LinearRegexDifferentialTests.Generator(state: 7)  // deterministic: a failure repeats
        for step in 0..<5_000 {
            let key = "k\(Int.random(in: 0..<40, using: &generator))"
            switch Int.random(in: 0..<4, using: &generator) {
            case 0, 1:
                table.save(state(key, at: Double(step)), for: key)
                model.removeAll { $0 == key }
                model.insert(key, at: 0)
            case 2:
                table.remove(key)
                model.removeAll { $0 == key }
            default:
                #expect(table.removeOldest() == model.popLast())
            }
            #expect(table.count == model.count)
        }
        #expect(table.keysNewestFirst == model)
    }

    @Test func theStoreEvictsTheConversationSavedLeastRecently() {
        let store = ConversationStore(capacity: 3, idleSeconds: 1_000)
        for (time, key) in ["a", "b", "c"].enumerated() { store.save(state(key, at: Double(time)), for: key) }
        store.save(state("a", at: 3), for: "a")  // a is recent again
        store.save(state("d", at: 4), for: "d")  // full: b goes
        #expect(store.count == 3)
        #expect(store.state(of: "b", at: 5) == nil)
        for key in ["a", "c", "d"] { #expect(store.state(of: key, at: 5) != nil) }
    }
}
