import Testing

@testable import KefuRules

/// Golden full-text lint diagnostics, with CJK source lines.
struct LintTests {
    func lint(_ yaml: String) -> String {
        RuleLinter.lint(files: [.init(name: "r.yaml", text: yaml)])
            .map { RuleLinter.render($0, source: yaml) }.joined(separator: "\n")
    }

    @Test func theCaretLandsUnderTheSpotAfterWideCharacters() {
        #expect(lint("concepts:\n  快递: [顺丰, ~carrier]\n") == """
            r.yaml:2:3: error: concept name '快递' must be lowercase letters, digits and _ [invalid-name]
              快递: [顺丰, ~carrier]
              ^
            """)
        #expect(lint("concepts:\n  courier: [顺丰, ~carrier]\n") == """
            r.yaml:2:17: error: undefined concept '~carrier'; did you mean 'courier'? [undefined-concept]
              courier: [顺丰, ~carrier]
                              ^
            """)
    }

    @Test func warnings() {
        let yaml = """
            intents:
              - id: size
                match:
                  - any: [碼數, 尺码]
                examples: [码数多少, 你好]
            replies:
              - id: r1
                intent: size
                text: 全网最低价，加微信发你尺码表
            """
        #expect(lint(yaml) == """
            r.yaml:4:15: warning: term '碼數' is matched as '码数': write it as the normalizer does [term-not-normalized]
                  - any: [碼數, 尺码]
                          ^
            r.yaml:5:22: warning: example '你好' of 'size' gives no intent [example-missed]
                examples: [码数多少, 你好]
                                     ^
            r.yaml:9:11: warning: reply 'r1': an absolute claim (全网) breaks advertising rules [marketplace-risk]
                text: 全网最低价，加微信发你尺码表
                      ^
            r.yaml:9:11: warning: reply 'r1': an absolute claim (最) breaks advertising rules [marketplace-risk]
                text: 全网最低价，加微信发你尺码表
                      ^
            r.yaml:9:11: warning: reply 'r1': moving the buyer off the platform (微信) is not allowed [marketplace-risk]
                text: 全网最低价，加微信发你尺码表
                      ^
            """)
    }

    @Test func templateErrors() {
        let yaml = """
            intents:
              - id: size
                match: [{any: [尺码]}]
            replies:
              - id: r1
                intent: sise
                text: 这款{product.nmae}有{slot.size}码
              - id: r2
                intent: size
                when: {missing: [slot.size]}
                text: '{slot.size}码有货'
              - id: r3
                intent: size
                text: 这款{product.name
            """
        #expect(lint(yaml) == """
            r.yaml:6:13: error: reply for undefined intent 'sise'; did you mean 'size'? [undefined-intent]
                intent: sise
                        ^
            r.yaml:7:11: error: unknown fact '{product.nmae}'; did you mean 'product.name'? [unknown-fact]
                text: 这款{product.nmae}有{slot.size}码
                      ^
            r.yaml:8:9: error: reply 'r2' needs 'slot.size' and requires it missing: it can never be offered [impossible-reply]
              - id: r2
                    ^
            r.yaml:14:11: error: reply text: '{' is never closed [invalid-template]
                text: 这款{product.name
                      ^
            """)
    }
}

struct ReplyLintTests {
    @Test func aReplyForACategoryNoProductHasNeverApplies() {
        let yaml = """
            intents:
              - id: size
                match: [{any: [尺码]}]
            products:
              - {id: a, name: 背心, category: 背心, price: 59}
            replies:
              - id: r1
                intent: size
                when: {category: 连衣群}
                text: 这款裙子偏小
            """
        let text = RuleLinter.lint(files: [.init(name: "r.yaml", text: yaml)]).map(\.description).joined(separator: "\n")
        #expect(text == "r.yaml:10:11: warning: reply 'r1' needs category '连衣群', which no product has [reply-never-applies]")
    }
}

struct ShadowLintTests {
    @Test func aMatcherWhoseTermsAnotherHasIsShadowed() {
        let yaml = """
            intents:
              - id: size
                match:
                  - any: [尺码, 码数]
                  - any: [码数]
                    weight: 0.5
            """
        let text = RuleLinter.lint(files: [.init(name: "r.yaml", text: yaml)]).map(\.description).joined(separator: "\n")
        #expect(text == "r.yaml:5:9: warning: matcher 'size.match[1]' is shadowed by 'size.match[0]': every term it names "
            + "is there too [shadowed-matcher]")
    }
}
