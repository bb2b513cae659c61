import Kefu
import Testing

@testable import KefuRules

/// The loader's two threads: every value is made once and taken in order, whichever thread made
/// it, and a load that fails reports the fallback model's errors with the rules'.
struct HandoffTests {
    @Test(arguments: [0, 1, 2, 7, 200])
    func everyValueIsMadeOnceAndTakenInOrder(count: Int) {
        let made = Locked([Int](repeating: 0, count: count))
        let handoff = Handoff(count: count) { index in
            made.withLock { $0[index] += 1 }
            // Uneven work, so that either thread gets ahead of the other.
            var sum = 0
            for i in 0..<(index % 3) * 20_000 { sum &+= i }
            return (index, sum)
        }
        let taken = (0..<count).map { handoff.take($0).0 }
        #expect(taken == Array(0..<count))
        #expect(made.withLock { $0 } == [Int](repeating: 1, count: count))
    }

    @Test func neitherThreadMakesMoreThanTheWindowAhead() async throws {
        let made = Locked(0)
        var handoff: Handoff<Int>? = Handoff(count: 1_000) { index in
            made.withLock { $0 += 1 }
            return index
        }
        #expect(handoff?.take(0) == 0)
        #expect(handoff?.take(1) == 1)
        handoff = nil  // abandoned: its thread stops claiming
        try await Task.sleep(for: .milliseconds(200))  // time for the thread to make what it would
        #expect(made.withLock { $0 } <= 2 + Handoff<Int>.window)
    }

    @Test func ruleErrorsAndModelErrorsAreAllReported() throws {
        // The model file is parsed on the other thread while the rules compile; its problems
        // are reported with the rules' problems, in file order.
        let error = try #require(throws: RuleLoadError.self) {
            try RuleSetLoader.load(files: [
                .init(name: "a.yaml", text: "intents:\n  - id: size\n    match: [{any: [尺码]}]\n    nmae: x\n"),
                .init(name: "model.tsv", text: "oops\n"),
                .init(name: "b.yaml", text: "intnets: []\n"),
            ])
        }
        #expect(
            error.diagnostics.map(\.description) == [
                "a.yaml:4:5: error: unknown intent key 'nmae'; did you mean 'name'? [unknown-key]",
                "b.yaml:1:1: error: unknown top-level key 'intnets'; did you mean 'intents'? [unknown-key]",
                "model.tsv:1:1: error: expected 'kefu-model\\t1' before 'oops' [model-syntax]",
            ]
        )
    }

    @Test func manyFilesLoadAsOne() throws {
        // Forty files, each an intent: the walk takes them in order however they were composed.
        let files = (0..<40).map { index in
            RuleSetLoader.File(
                name: "intents/\(index).yaml",
                text: "intents:\n  - id: intent\(index)\n    match:\n      - any: [词\(index)]\n"
            )
        }
        let rules = try RuleSetLoader.load(files: files)
        #expect(rules.intents.map(\.id) == (0..<40).map { "intent\($0)" })
    }
}
