import Kefu
import Testing

@testable import KefuRules

/// One engine shared by many tasks gives the sequential results; reloads lose nothing.
struct ConcurrencyTests {
    static let messages: [String] = {
        let base = ["這件背心L號多長？能包郵嗎", "在吗", "顺丰几天到", "便宜点吧亲", "会掉色吗", "我165 110斤穿什么码",
                    "你好", "退货运费谁出", "😡😡", "bao you吗"]
        return (0..<10_000).map { base[$0 % base.count] + String(repeating: "！", count: $0 % 3) }
    }()

    @Test func eightTasksMatchTheSequentialResults() async throws {
        let rules = try fixtureRules()
        let expected = Self.messages.map { rules.analyze($0) }
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { Self.messages.indices.allSatisfy { rules.analyze(Self.messages[$0]) == expected[$0] } }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }

    @Test func reloadWhileSuggestingLosesNothing() async throws {
        let first = try fixtureRules()
        let second = try fixtureRules(
            """
            intents:
              - id: anyword
                match:
                  - any: [尺码, 码数]
            """)
        let live = LiveRuleSet(first)
        let firstAnswers = Self.messages.map { first.analyze($0) }
        let secondAnswers = Self.messages.map { second.analyze($0) }
        let files: [RuleSetLoader.File] = [.init(name: "b.yaml", text: "intents:\n  - id: anyword\n    match:\n      - any: [尺码, 码数]\n")]
        let broken: [RuleSetLoader.File] = [.init(name: "broken.yaml", text: "intents:\n  - id: x\n    match: [{any: [a\n")]
        let ok = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    // Every answer is one rule set's answer, never a mixture.
                    Self.messages.indices.allSatisfy { i in
                        let answer = live.current.analyze(Self.messages[i])
                        return answer == firstAnswers[i] || answer == secondAnswers[i]
                    }
                }
            }
            group.addTask {
                for round in 0..<20 {
                    if round % 2 == 0 {
                        #expect(throws: RuleLoadError.self) { try live.reload(files: broken) }
                    } else {
                        _ = try? live.reload(files: files)
                    }
                    await Task.yield()
                }
                return true
            }
            return await group.reduce(true) { $0 && $1 }
        }
        #expect(ok)
        #expect(live.generation == 11)  // ten good reloads; the ten broken ones changed nothing
    }

    @Test func aBrokenReloadKeepsTheOldRules() throws {
        let live = LiveRuleSet(try fixtureRules())
        #expect(throws: RuleLoadError.self) {
            try live.reload(files: [.init(name: "x.yaml", text: "intents: [{id: x}]\n")])
        }
        #expect(live.current.analyze("尺码").intents.map(\.id) == ["anyword"])
        #expect(live.generation == 1)
    }
}
