import Foundation
import Kefu

/// Checks a rule set the way its author needs: every loader error, and the warnings that a rule
/// set which loads can still deserve.
///
/// Beyond the loader's errors: terms the normalizer changes (written in Traditional, full-width or
/// upper case: they work, but not as written), intent examples that do not reach their intent,
/// and reply texts a marketplace would flag (absolute claims such as 最 or 第一, moving the buyer
/// off the platform: 加微信, QQ, 私下交易).
public enum RuleLinter {
    /// Words in a reply that a marketplace flags, and why.
    static let flaggedWords: [(word: String, why: String)] = [
        ("最", "an absolute claim (最) breaks advertising rules"),
        ("第一", "an absolute claim (第一) breaks advertising rules"),
        ("全网", "an absolute claim (全网) breaks advertising rules"),
        ("微信", "moving the buyer off the platform (微信) is not allowed"),
        ("vx", "moving the buyer off the platform (vx) is not allowed"),
        ("qq", "moving the buyer off the platform (QQ) is not allowed"),
        ("私下", "a private deal (私下) is not allowed"),
        ("转账", "paying outside the platform (转账) is not allowed"),
    ]

    /// Lints the rules in a directory.
    ///
    /// - Returns: Every diagnostic, errors and warnings, sorted by position.
    public static func lint(directory: String) -> [RuleDiagnostic] {
        do {
            return lint(files: try RuleSetLoader.files(in: directory))
        } catch {
            return error.diagnostics
        }
    }

    /// Lints rule files given as text.
    public static func lint(files: [RuleSetLoader.File]) -> [RuleDiagnostic] {
        var (parser, diagnostics) = RuleSetLoader.parse(files)
        parser.finish()
        diagnostics += parser.diagnostics
        let normalizer = Normalizer()
        var seenTerms: Set<String> = []
        for use in parser.termUses where !seenTerms.contains("\(use.file):\(use.line):\(use.column)") {
            seenTerms.insert("\(use.file):\(use.line):\(use.column)")
            let normalized = normalizer.normalize(use.text).text
            if normalized != use.text, !use.text.hasSuffix("?") {
                diagnostics.append(RuleDiagnostic(
                    file: use.file, line: use.line, column: use.column, severity: .warning,
                    message: "term '\(use.text)' is matched as '\(normalized)': write it as the normalizer does",
                    code: "term-not-normalized"))
            }
        }
        for reply in parser.replyTexts {
            let lower = reply.text.lowercased()
            for (word, why) in flaggedWords where lower.contains(word) {
                diagnostics.append(RuleDiagnostic(
                    file: reply.file, line: reply.line, column: reply.column, severity: .warning,
                    message: "reply '\(reply.id)': \(why)", code: "marketplace-risk"))
            }
        }
        // A matcher whose terms are all in another `any` of the same intent (and the same role)
        // fires only when that one fires too: it is shadowed and adds nothing but weight.
        for intent in parser.builder.intents {
            let anys = intent.matchers.compactMap { matcher -> (MatcherDefinition, Set<TermReference>)? in
                guard case .any(let terms) = matcher.pattern, matcher.none.isEmpty else { return nil }
                return (matcher, Set(terms))
            }
            for (index, (matcher, terms)) in anys.enumerated() {
                guard let other = anys.enumerated().first(where: { otherIndex, candidate in
                    otherIndex != index && candidate.0.role.kind == matcher.role.kind && terms.isSubset(of: candidate.1)
                        && (terms != candidate.1 || otherIndex < index)
                })?.element.0, let mark = parser.matcherMarks[matcher.label] else { continue }
                diagnostics.append(RuleDiagnostic(
                    file: mark.file, line: mark.line, column: mark.column, severity: .warning,
                    message: "matcher '\(matcher.label)' is shadowed by '\(other.label)': every term it names is there too",
                    code: "shadowed-matcher"))
            }
        }
        // Reply conditions on a category or material no product has can never hold.
        let categories = Set(parser.builder.products.map(\.category))
        let materials = Set(parser.builder.products.flatMap(\.materials))
        for reply in parser.builder.replies {
            guard let mark = parser.replyTexts.first(where: { $0.id == reply.id }) else { continue }
            if let category = reply.conditions.category, !categories.contains(category) {
                diagnostics.append(RuleDiagnostic(
                    file: mark.file, line: mark.line, column: mark.column, severity: .warning,
                    message: DidYouMean.message("reply '\(reply.id)' needs category '\(category)', which no product has",
                                                for: category, among: categories.sorted()),
                    code: "reply-never-applies"))
            }
            if let material = reply.conditions.material, !materials.contains(material) {
                diagnostics.append(RuleDiagnostic(
                    file: mark.file, line: mark.line, column: mark.column, severity: .warning,
                    message: "reply '\(reply.id)' needs material '\(material)', which no product has",
                    code: "reply-never-applies"))
            }
        }
        if !diagnostics.contains(where: { $0.severity == .error }), let rules = try? parser.builder.build() {
            for example in parser.exampleUses {
                let found = rules.analyze(example.text).intents.map(\.id)
                guard found.first != example.intent else { continue }
                let got = found.isEmpty ? "no intent" : found.joined(separator: ", ")
                diagnostics.append(RuleDiagnostic(
                    file: example.file, line: example.line, column: example.column, severity: .warning,
                    message: "example '\(example.text)' of '\(example.intent)' gives \(got)", code: "example-missed"))
            }
        }
        return diagnostics.sorted()
    }

    /// A diagnostic with its source line and a caret under the spot, counting East Asian wide
    /// characters as two columns so that the caret lands right on a terminal.
    public static func render(_ diagnostic: RuleDiagnostic, source: String?) -> String {
        var text = diagnostic.description
        guard let source else { return text }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard diagnostic.line >= 1, diagnostic.line <= lines.count else { return text }
        var line = String(lines[diagnostic.line - 1])
        if line.hasSuffix("\r") { line.removeLast() }
        let prefix = line.unicodeScalars.prefix(max(0, diagnostic.column - 1))
        let width = prefix.reduce(0) { $0 + displayWidth($1) }
        text += "\n" + line + "\n" + String(repeating: " ", count: width) + "^"
        return text
    }

    /// Terminal columns of a scalar: 2 for East Asian wide and full-width, 0 for combining marks.
    static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
        if scalar == "\t" { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        let v = scalar.value
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
        return wide ? 2 : 1
    }
}

extension MatcherRole {
    /// The role without its numbers: evidence, veto or lower.
    var kind: Int {
        switch self {
        case .evidence: 0
        case .veto: 1
        case .lower: 2
        }
    }
}
