import Kefu
import Testing

@testable import KefuRules

/// One rule set that exercises every matcher kind; each table below checks one of them.
let matcherFixture = """
    settings:
      threshold: 0.5
      gap: 2
      particles: [的, 了, 吗, 呢, 呀, 亲, 哦]
    concepts:
      courier: [顺丰, 中通, ~cheap_courier]
      cheap_courier: [极兔, 韵达]
      length_word: [多长, 衣长, 裤长]
    synonyms:
      包邮: [包油, baoyou, bao you]
      尺码: [尺吗]
      优惠: [优慧, yh]
    intents:
      - id: anyword
        match:
          - any: [尺码, 码数]
      - id: allof
        match:
          - all: [退货, [运费, 邮费]]
      - id: ordered
        match:
          - seq: [~size_label, 的?, ~length_word]
      - id: courier
        match:
          - any: [~courier]
            weight: 0.6
      - id: discount
        match:
          - any: [优惠, 便宜]
            none: [不要优惠]
      - id: shipping
        match:
          - any: [包邮, 发货]
        veto:
          - seq: [发, [你, 您], [图片, 照片]]
            scope: message
          - any: [发票]
      - id: pattern
        match:
          - regex: '\\d{3}cm'
            name: measure
      - id: wash
        match:
          - any: [洗]
        veto:
          - any: [洗面奶, 洗衣机]
        lower:
          - any: [好像]
            by: 0.9
      - id: hello
        secondary: true
        match:
          - any: [在吗]
      - id: weak
        match:
          - any: [可能]
            weight: 0.3
    """

func fixtureRules(_ yaml: String = matcherFixture) throws -> RuleSet {
    try RuleSetLoader.load(files: [.init(name: "fixture.yaml", text: yaml)])
}

struct MatcherTests {
    static let rules = Result { try fixtureRules() }

    func ids(_ message: String) throws -> [String] {
        try Self.rules.get().analyze(message).intents.map(\.id)
    }

    @Test(arguments: [
        ("尺码怎么选", ["anyword"]),
        ("码数呢", ["anyword"]),
        ("號碼是多少", []),  // 号码 is one lexicon word: never the term 码数 or 尺码
        ("尺寸", []),
    ])
    func anyOf(message: String, expected: [String]) throws {
        #expect(try ids(message) == expected)
    }

    @Test(arguments: [
        ("退货运费谁出", ["allof"]),
        ("邮费是不是要我出，退货的话", ["allof"]),
        ("退货", []),
        ("运费多少", []),
    ])
    func allOf(message: String, expected: [String]) throws {
        #expect(try ids(message) == expected)
    }

    @Test(arguments: [
        ("L码多长", ["ordered"]),
        ("xl的衣长", ["ordered"]),  // optional step taken
        ("M码亲的裤长呢", ["ordered"]),  // particles are not counted in the gap
        ("L码这件衣服的多长", []),  // three counted tokens between: more than the gap of 2
        ("多长 L码", []),  // wrong order
        ("L码吗？多长", []),  // a sequence never crosses the end of a sentence
    ])
    func sequence(message: String, expected: [String]) throws {
        #expect(try ids(message) == expected)
    }

    @Test(arguments: [
        ("顺丰可以吗", ["courier"]),
        ("极兔", ["courier"]),  // through the nested concept ~cheap_courier
        ("韵达还是中通", ["courier"]),
    ])
    func concepts(message: String, expected: [String]) throws {
        #expect(try ids(message) == expected)
    }

    @Test(arguments: [
        ("能包油吗", ["shipping"]),
        ("baoyou吗", ["shipping"]),
        ("bao you吗", ["shipping"]),  // a variant of two tokens is a phrase
        ("BAO YOU", ["shipping"]),
        ("尺吗", ["anyword"]),
        ("有优慧吗", ["discount"]),
        ("yh", ["discount"]),
    ])
    func synonyms(message: String, expected: [String]) throws {
        #expect(try ids(message) == expected)
    }

    @Test(arguments: [
        ("我发你图片，包邮吗", []),  // veto with scope: message
        ("发票包邮吗", ["shipping"]),  // 发票 is its own word; the veto covers only itself
        ("洗面奶", []),
        ("洗衣机能洗吗", ["wash"]),  // the veto drops only the overlapping evidence
        ("好像要洗", []),  // lowered below the threshold
        ("不要优惠，便宜点", []),  // none: blocks the matcher
    ])
    func negativeEvidence(message: String, expected: [String]) throws {
        #expect(try ids(message) == expected)
    }

    @Test func regularExpression() throws {
        let analysis = try Self.rules.get().analyze("身高165CM")
        #expect(analysis.intents.map(\.id) == ["pattern"])
        #expect(analysis.intents.first?.evidence.first?.matcher == "measure")
    }

    /// Nested repetition is accepted: the engine is linear, so `(a+)+$` against a long run of `a`
    /// followed by a character that fails the match answers (a backtracking engine would not).
    @Test func nestedRepetitionRunsInLinearTime() throws {
        let rules = try RuleSetLoader.load(files: [.init(name: "nested.yaml", text: """
            intents:
              - id: size
                match:
                  - regex: '(a+)+$'
                  - regex: '(x|xx)*y'
            """)])
        #expect(rules.analyze(String(repeating: "a", count: 4_000)).intents.map(\.id) == ["size"])
        #expect(rules.analyze(String(repeating: "a", count: 4_000) + "!").intents.isEmpty)
        #expect(rules.analyze(String(repeating: "x", count: 4_000) + "z").intents.isEmpty)
    }

    /// Matchers wake on their anchor step (the rarer word of an `all` or `seq`), so a message hits
    /// far fewer matchers than it has postings. Past ``IntentMatcher/bucketSortLimit`` matchers the
    /// hits are sorted as packed keys, which once sorted the unused keys past the woken hits too.
    @Test(arguments: [40, 1_200])
    func wokenMatchersFireAlikeBelowAndAboveTheBucketSortLimit(intents: Int) throws {
        var yaml = "settings:\n  threshold: 0.5\n  particles: [吗]\nintents:\n"
        for i in 0..<intents {
            yaml += "  - id: t\(i)\n    match:\n      - all: [词\(i), 吗]\n      - seq: [问\(i), 多少]\n"
        }
        let rules = try RuleSetLoader.load(files: [.init(name: "many.yaml", text: yaml)])
        #expect(rules.matcherCount == 2 * intents)
        for i in [0, 7, intents - 1] {
            #expect(rules.analyze("词\(i)吗").intents.map(\.id) == ["t\(i)"])
            #expect(rules.analyze("问\(i)多少 词\(i)吗 吗 多少").intents.map(\.id) == ["t\(i)"])
            #expect(rules.analyze("吗 多少 吗").intents.isEmpty)
            #expect(rules.analyze("多少问\(i)").intents.isEmpty)  // the sequence in the wrong order
        }
    }

    /// With thousands of matchers and a message that hits few postings, the woken matchers are
    /// kept in a small hash set rather than a bitmap over every matcher: the same firings.
    @Test func wokenMatchersAmongThousandsFireAlikeThroughTheHashedSet() throws {
        let intents = 4_000
        var yaml = "intents:\n"
        for i in 0..<intents {
            yaml += "  - id: t\(i)\n    match:\n      - all: [甲\(i), 乙\(i)]\n      - seq: [丙\(i), 丁\(i)]\n"
        }
        let rules = try RuleSetLoader.load(files: [.init(name: "many.yaml", text: yaml)])
        #expect(rules.matcherCount == 2 * intents)
        for i in [0, 7, 1_234, intents - 1] {
            let j = (i + 1) % intents
            #expect(rules.analyze("甲\(i)乙\(i)").intents.map(\.id) == ["t\(i)"])
            #expect(rules.analyze("丙\(i)丁\(i)").intents.map(\.id) == ["t\(i)"])
            #expect(Set(rules.analyze("乙\(i)甲\(i)，丙\(j)丁\(j)").intents.map(\.id)) == ["t\(i)", "t\(j)"])
            #expect(rules.analyze("甲\(i)乙\(j)").intents.isEmpty)  // one step of each of two matchers
            #expect(rules.analyze("丁\(i)丙\(i)").intents.isEmpty)  // the sequence in the wrong order
        }
    }

    @Test func secondaryIntentsRankLast() throws {
        #expect(try ids("在吗？尺码怎么选") == ["anyword", "hello"])
        #expect(try ids("在吗") == ["hello"])
    }

    @Test func belowThresholdIsACandidate() throws {
        let analysis = try Self.rules.get().analyze("可能吧")
        #expect(analysis.intents.isEmpty)
        #expect(analysis.candidates.map(\.id) == ["weak"])
        #expect(analysis.candidates.first?.score == 0.3)
    }

    @Test func twoQuestionsGiveTwoIntents() throws {
        let analysis = try Self.rules.get().analyze("這件L碼多長？能包郵嗎")
        #expect(analysis.intents.map(\.id) == ["ordered", "shipping"])
        for match in analysis.intents { #expect((0...1).contains(match.score)) }
    }

    @Test func scoresCombineAndStayInRange() throws {
        // Two matchers of one intent: 1 - (1 - 0.9)(1 - 0.9) = 0.99.
        let rules = try fixtureRules(
            """
            intents:
              - id: size
                match:
                  - any: [尺码]
                  - any: [多大]
            """)
        #expect(rules.analyze("尺码多大").intents.first?.score == 0.99)
    }

    @Test func evidencePointsAtTheOriginalText() throws {
        let analysis = try Self.rules.get().analyze("能包郵嗎")
        let evidence = try #require(analysis.intents.first?.evidence.first)
        #expect(analysis.text.originalText(in: analysis.text.originalRange(of: evidence.range)) == "包郵")
    }

    @Test func sameInputSameOutput() throws {
        let rules = try Self.rules.get()
        for message in ["L码多长？包邮吗", "在吗", "顺丰极兔韵达"] {
            #expect(rules.analyze(message) == rules.analyze(message))
        }
    }
}

struct MatcherEdgeTests {
    @Test func emojiStickerAndPhraseTerms() throws {
        let rules = try fixtureRules(
            """
            intents:
              - id: angry
                match:
                  - any: [😡, "[怒]", diao 色]
              - id: quit
                match:
                  - regex: '换人'
                    none: [快递员]
            """)
        #expect(rules.analyze("😡😡").intents.map(\.id) == ["angry"])
        #expect(rules.analyze("气死了[怒]").intents.map(\.id) == ["angry"])
        #expect(rules.analyze("会diao色吗").intents.map(\.id) == ["angry"])
        #expect(rules.analyze("换人").intents.map(\.id) == ["quit"])
        #expect(rules.analyze("快递员换人了").intents.isEmpty)
    }
}
