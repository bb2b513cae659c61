import Foundation
import Testing
import Yams

@testable import KefuRules

/// The loader composes YAML with Yams's basic resolver when that cannot change the outcome:
/// the nodes, or the error, are those of `Yams.compose(yaml:)` with its default resolver.
struct RuleYAMLComposeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let yaml: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "rules", yaml: "intents:\n  - id: size\n    match:\n      - any: [尺码, 码数]\n        weight: 0.9\n"),
        Case(name: "empty", yaml: ""),
        Case(name: "comment only", yaml: "# nothing\n"),
        Case(name: "duplicate key", yaml: "a: 1\nb: 2\na: 3\n"),
        Case(name: "nested duplicate key", yaml: "a:\n  - {x: 1, x: 2}\n"),
        Case(name: "quoted and plain number keys", yaml: "\"1\": a\n1: b\n"),
        Case(name: "quoted and plain word keys", yaml: "\"a\": 1\na: 2\n"),
        Case(name: "tagged int and plain keys", yaml: "!!int 1: a\n1: b\n"),
        Case(name: "tagged str and plain keys", yaml: "!!str 1: a\n1: b\n"),
        Case(name: "non-specific tag", yaml: "! 1: a\n1: b\n"),
        Case(name: "null keys", yaml: "~: a\nnull: b\n"),
        Case(name: "bool keys", yaml: "yes: a\nYes: b\n"),
        Case(name: "complex keys", yaml: "? [a, 1]\n: x\n? [a, 1]\n: y\n"),
        Case(name: "complex keys, quoted and plain", yaml: "? [1]\n: a\n? ['1']\n: b\n"),
        Case(name: "tagged key in a file with ! elsewhere", yaml: "a: 'x!'\n!!int 1: a\n1: b\n"),
        Case(name: "! in a value only", yaml: "a: 'hello!'\nb: [x, '!']\n"),
        Case(name: "alias key", yaml: "a: &k key\n*k : 2\nkey: 3\n"),
        Case(name: "syntax error", yaml: "intents:\n  - any: [尺码\n"),
        Case(name: "undefined alias", yaml: "a: *nothing\n"),
        Case(name: "two documents", yaml: "a: 1\n---\nb: 2\n"),
    ]

    /// Structure, text and position of every node.
    static func render(_ node: Node?) -> String {
        guard let node else { return "nil" }
        let mark = node.mark.map { "@\($0.line):\($0.column)" } ?? ""
        switch node {
        case .scalar(let scalar): return "'\(scalar.string)'\(mark)"
        case .alias: return "alias\(mark)"
        case .sequence(let items): return "[" + items.map { render($0) }.joined(separator: ", ") + "]\(mark)"
        case .mapping(let pairs):
            return "{" + pairs.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}\(mark)"
        }
    }

    static func outcome(_ body: () throws -> Node?) -> String {
        do {
            return render(try body())
        } catch {
            return "error: \(error)"
        }
    }

    @Test(arguments: cases)
    func composesAsYams(_ item: Case) {
        let expected = Self.outcome { try Yams.compose(yaml: item.yaml) }
        #expect(Self.outcome { try RuleFileParser.compose(item.yaml) } == expected)
    }

    @Test func composesTheShippedRulesAsYams() throws {
        for file in try RuleSetLoader.files(in: Shipped.rulesDirectory) where file.name.hasSuffix(".yaml") {
            guard !RuleSetLoader.isModelFile(file.name) else { continue }
            let expected = Self.outcome { try Yams.compose(yaml: file.text) }
            #expect(Self.outcome { try RuleFileParser.compose(file.text) } == expected, "\(file.name)")
        }
    }

    /// `trimmingWhitespace()` trims what Foundation's `CharacterSet.whitespaces` holds.
    @Test func whitespaceIsFoundations() {
        let whitespaces = CharacterSet.whitespaces
        let different = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            $0.isTrimmedWhitespace != whitespaces.contains($0)
        }
        #expect(different.isEmpty, "\(different.map { "U+" + String($0.value, radix: 16) })")
        for text in ["", " ", " \t包邮\u{3000}", "\u{200B}a b\u{A0}", "a\u{301} ", " \u{301}a", "😀 "] {
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        }
    }
}
