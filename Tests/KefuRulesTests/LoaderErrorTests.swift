import Testing

@testable import KefuRules

/// Golden tests: the full text of each loader error, as a rule author sees it.
struct LoaderErrorTests {
    func diagnostics(_ yaml: String, file: String = "Rules/test.yaml") -> String {
        do {
            _ = try RuleSetLoader.load(files: [.init(name: file, text: yaml)])
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        (
            "intents:\n  - id: size\n    match:\n      - any: [尺码\n",
            "Rules/test.yaml:5:1: error: YAML: while parsing a flow sequence: did not find expected ',' or ']' [yaml-syntax]"
        ),
        (
            "intnets: []\n",
            "Rules/test.yaml:1:1: error: unknown top-level key 'intnets'; did you mean 'intents'? [unknown-key]"
        ),
        (
            "settings:\n  treshold: 0.4\n",
            "Rules/test.yaml:2:3: error: unknown setting 'treshold'; did you mean 'threshold'? [unknown-key]"
        ),
        (
            "intents:\n  - id: size\n    nmae: 尺码\n    match: [{any: [尺码]}]\n",
            "Rules/test.yaml:3:5: error: unknown intent key 'nmae'; did you mean 'name'? [unknown-key]"
        ),
        (
            "intents:\n  - id: size\n    match:\n      - any: [尺码]\n        wieght: 0.5\n",
            "Rules/test.yaml:5:9: error: unknown match key 'wieght'; did you mean 'weight'? [unknown-key]"
        ),
        (
            "intents:\n  - id: size\n    match:\n      - any: [尺码]\n        weight: 1.5\n",
            "Rules/test.yaml:5:17: error: 'weight' must be a number from 0 to 1, found '1.5' [invalid-value]"
        ),
        (
            "intents:\n  - id: size\n    match:\n      - any: [~sise_label]\n",
            "Rules/test.yaml:4:15: error: undefined concept '~sise_label'; did you mean 'size_label'? [undefined-concept]"
        ),
        (
            "intents:\n  - id: size\n    match:\n      - regex: '(a)\\1'\n",
            "Rules/test.yaml:4:16: error: invalid regular expression: '(a)\\1': unsupported: backreference '\\1' "
                + "(needs a backtracking engine) (at character 4 of the pattern) [invalid-regex]"
        ),
        (
            "intents:\n  - id: size\n    match:\n      - any: [尺码]\n        seq: [码数]\n",
            "Rules/test.yaml:5:9: error: a matcher takes one of 'any', 'all', 'seq' or 'regex', found both 'any' and "
                + "'seq' [conflicting-keys]"
        ),
        (
            "intents:\n  - id: size\n    match: [{any: [尺码]}]\n  - id: size\n    match: [{any: [码数]}]\n",
            "Rules/test.yaml:4:9: error: intent 'size' is already defined at Rules/test.yaml:2:9 [duplicate-id]"
        ),
        (
            "intents:\n  - name: 尺码\n    match: [{any: [尺码]}]\n",
            "Rules/test.yaml:2:5: error: an intent needs an 'id' [missing-key]"
        ),
        (
            "intents:\n  - id: size\n",
            "Rules/test.yaml:2:9: error: intent 'size' needs a 'match' list [missing-key]"
        ),
        (
            "intents:\n  - id: size\n    match:\n      - all: 尺码\n",
            "Rules/test.yaml:4:14: error: 'all' must be a list, found '尺码' [wrong-type]"
        ),
        (
            "intents:\n  - id: size\n    match:\n      - any: [尺码]\n    veto:\n      - any: [号码]\n        scope: all\n",
            "Rules/test.yaml:7:16: error: 'scope' must be 'overlap' or 'message', found 'all' [invalid-value]"
        ),
        (
            "concepts:\n  a: [~b]\n  b: [~a]\nintents:\n  - id: x\n    match: [{any: [~a]}]\n",
            "Rules/test.yaml:2:3: error: concept cycle: ~a → ~b → ~a [concept-cycle]\n"
                + "Rules/test.yaml:3:3: error: concept cycle: ~b → ~a → ~b [concept-cycle]"
        ),
        (
            "intents:\n  - id: size\n    match:\n      - all: [尺码?, 码数]\n",
            "Rules/test.yaml:4:15: error: '尺码?': only a 'seq' step can be optional [invalid-value]"
        ),
    ])
    func golden(yaml: String, expected: String) {
        #expect(diagnostics(yaml) == expected)
    }

    @Test func everyErrorIsReportedNotJustTheFirst() {
        let text = diagnostics(
            """
            settings:
              gap: lots
            intents:
              - id: size
                match:
                  - any: [~nothing]
                    weight: 2
            """)
        #expect(text.split(separator: "\n").count == 3)
    }

    @Test func errorsAcrossFilesAreSortedByFile() {
        do {
            _ = try RuleSetLoader.load(files: [
                .init(name: "b.yaml", text: "bogus: 1\n"),
                .init(name: "a.yaml", text: "intents: 3\n"),
            ])
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.map(\.file) == ["a.yaml", "b.yaml"])
        }
    }

    @Test func lexiconErrorsHaveAPosition() {
        do {
            _ = try RuleSetLoader.load(files: [.init(name: "Rules/lexicon.txt", text: "包邮\n顺丰 courier extra\n")])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("Rules/lexicon.txt:2:12: error: "))
        }
    }

    @Test func aliasBombIsBounded() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "concepts:\n  bomb: *a8\n"
        let text = diagnostics(yaml)
        #expect(text.contains("[too-large]") || text.contains("[unknown-key]"))
    }
}
