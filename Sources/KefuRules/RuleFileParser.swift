import Foundation
import Kefu
import Yams

/// Walks the YAML nodes of rule files into a ``RuleSetBuilder``, recording every problem with
/// its position instead of stopping at the first.
///
/// One parser reads all the files of a rule set, so that concepts and intents may be defined in
/// one file and used in another; ``finish()`` then checks the references across files.
package struct RuleFileParser {
    /// Top-level keys of a rule file.
    static let fileKeys = ["settings", "concepts", "synonyms", "intents", "shop", "products", "replies"]
    static let settingsKeys = ["threshold", "gap", "particles"]
    static let intentKeys = ["id", "name", "description", "secondary", "threshold", "match", "veto", "lower", "examples",
                             "slots"]
    static let matcherKinds = ["any", "all", "seq", "regex"]
    static let matcherKeys = matcherKinds + ["none", "weight", "gap", "name"]
    /// Slots a rule may say it uses.
    static let slotNames = ["size", "shoe_size", "foot_length", "height", "weight", "quantity", "money", "courier",
                            "order_number", "region", "category", "material", "colour"]
    /// The most YAML nodes walked per byte of a rule file, once aliases are expanded: without
    /// aliases a file cannot hold more nodes than bytes, so only an alias bomb reaches this.
    static let maximumNodesPerByte = 2
    /// The deepest nesting walked.
    static let maximumDepth = 64

    package var builder: RuleSetBuilder
    package private(set) var diagnostics: [RuleDiagnostic] = []
    /// Whether to record where terms, examples, matchers and reply texts were written: lint
    /// reads them, loading for serving does not.
    let recordsUses: Bool
    /// Where each term was written (for lint).
    package private(set) var termUses: [(text: String, file: String, line: Int, column: Int)] = []
    /// Where each intent example was written (for lint).
    package private(set) var exampleUses: [(intent: String, text: String, file: String, line: Int, column: Int)] = []
    /// Where each matcher was written, by label (for lint).
    package private(set) var matcherMarks: [String: (file: String, line: Int, column: Int)] = [:]
    /// Where each reply text was written (for lint).
    package private(set) var replyTexts: [(id: String, text: String, file: String, line: Int, column: Int)] = []
    private var file = ""
    private var yaml = ""
    private var nodesVisited = 0
    private var maximumNodes = 0
    /// Where each concept was defined, and where each `~concept` was used.
    private var conceptDefinitions: [String: SourceMark] = [:]
    private var conceptUses: [(name: String, at: SourceMark)] = []
    private var intentDefinitions: [String: SourceMark] = [:]
    private var synonymDefinitions: [String: SourceMark] = [:]
    private var productDefinitions: [String: SourceMark] = [:]
    private var replyDefinitions: [String: SourceMark] = [:]
    private var replyIntents: [(intent: String, at: SourceMark)] = []

    struct SourceMark {
        let file: String
        let line: Int
        let column: Int
    }

    /// Creates a parser that adds to a builder.
    ///
    /// - Parameters:
    ///   - builder: The builder to fill.
    ///   - recordsUses: Whether to record ``termUses``, ``exampleUses``, ``matcherMarks`` and
    ///     ``replyTexts`` (for lint).
    package init(builder: RuleSetBuilder, recordsUses: Bool = true) {
        self.builder = builder
        self.recordsUses = recordsUses
    }

    // MARK: - Diagnostics

    mutating func report(_ message: String, code: String, at node: Node?, severity: RuleDiagnostic.Severity = .error) {
        let mark = node?.mark
        diagnostics.append(
            RuleDiagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, severity: severity,
                           message: message, code: code))
    }

    mutating func report(_ message: String, code: String, at mark: SourceMark) {
        diagnostics.append(
            RuleDiagnostic(file: mark.file, line: mark.line, column: mark.column, message: message, code: code))
    }

    func sourceMark(_ node: Node) -> SourceMark {
        let mark = node.mark
        return SourceMark(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    // MARK: - Files

    /// Parses one rule file's text.
    ///
    /// - Parameters:
    ///   - text: The YAML.
    ///   - name: The file name used in diagnostics.
    package mutating func parse(_ text: String, file name: String) {
        parse(Result { try Self.compose(text) }, text: text, file: name)
    }

    /// Walks one rule file, composed already by ``compose(_:)`` (perhaps on another thread).
    ///
    /// - Parameters:
    ///   - composed: The nodes, or the error, of ``compose(_:)``.
    ///   - text: The YAML.
    ///   - name: The file name used in diagnostics.
    mutating func parse(_ composed: Result<Node?, any Error>, text: String, file name: String) {
        file = name
        yaml = text
        nodesVisited = 0
        maximumNodes = text.utf8.count * Self.maximumNodesPerByte + 1_000
        let root: Node?
        do {
            root = try composed.get()
        } catch let error as YamlError {
            reportYAML(error)
            return
        } catch {
            report("cannot read YAML: \(error)", code: "yaml-syntax", at: nil)
            return
        }
        guard let root else { return }  // an empty file is an empty rule file
        guard let pairs = mapping(root, what: "a rule file") else { return }
        for (key, value) in pairs {
            guard let name = scalarKey(key) else { continue }
            switch name {
            case "settings": parseSettings(value)
            case "concepts": parseConcepts(value)
            case "synonyms": parseSynonyms(value)
            case "intents":
                guard let items = sequence(value, what: "'intents'") else { continue }
                for item in items { parseIntent(item) }
            case "shop": parseShop(value)
            case "products": parseProducts(value)
            case "replies": parseReplies(value)
            default:
                report(DidYouMean.message("unknown top-level key '\(name)'", for: name, among: Self.fileKeys),
                       code: "unknown-key", at: key)
            }
        }
    }

    private mutating func reportYAML(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            diagnostics.append(
                RuleDiagnostic(file: file, line: mark.line, column: mark.column, message: "YAML: \(detail)",
                               code: "yaml-syntax"))
        case .reader(let problem, let offset, _, _):
            let (line, column) = position(ofByte: offset ?? 0)
            diagnostics.append(
                RuleDiagnostic(file: file, line: line, column: column, message: "YAML: \(problem)", code: "yaml-syntax"))
        case .duplicatedKeysInMapping(let duplicates, let context):
            diagnostics.append(
                RuleDiagnostic(file: file, line: context.mark.line, column: context.mark.column,
                               message: "duplicate key '\(duplicates.joined(separator: "', '"))' in a mapping",
                               code: "duplicate-key"))
        default:
            report("YAML: \(error)", code: "yaml-syntax", at: nil)
        }
    }

    /// Line and column (in scalars) of a UTF-8 byte offset into the file.
    private func position(ofByte offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        var bytes = 0
        for scalar in yaml.unicodeScalars {
            if bytes >= offset { break }
            bytes += String(scalar).utf8.count
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    // MARK: - Node shapes

    /// Counts a node; past ``maximumNodes`` (an alias bomb) it reports once and refuses.
    mutating func visit(_ node: Node) -> Bool {
        nodesVisited += 1
        if nodesVisited == maximumNodes + 1 {
            report("rule file too large: more than \(maximumNodes) YAML nodes once aliases are expanded",
                   code: "too-large", at: node)
        }
        return nodesVisited <= maximumNodes
    }

    mutating func mapping(_ node: Node, what: @autoclosure () -> String) -> [(Node, Node)]? {
        guard visit(node) else { return nil }
        if case .mapping(let pairs) = node { return pairs.indices.map { pairs[$0] } }
        if case .scalar(let scalar) = node, scalar.string.isEmpty, scalar.style == .plain { return [] }
        report("\(what()) must be a mapping (key: value), found \(shape(node))", code: "wrong-type", at: node)
        return nil
    }

    mutating func sequence(_ node: Node, what: @autoclosure () -> String) -> [Node]? {
        guard visit(node) else { return nil }
        if case .sequence(let items) = node { return Array(items) }
        report("\(what()) must be a list, found \(shape(node))", code: "wrong-type", at: node)
        return nil
    }

    mutating func string(_ node: Node, what: @autoclosure () -> String) -> String? {
        guard visit(node) else { return nil }
        if case .scalar(let scalar) = node { return scalar.string }
        report("\(what()) must be a single value, found \(shape(node))", code: "wrong-type", at: node)
        return nil
    }

    /// A list of strings, or one string standing for a list of one.
    mutating func strings(_ node: Node, what: @autoclosure () -> String) -> [(String, Node)]? {
        if case .scalar(let scalar) = node {
            guard visit(node) else { return nil }
            return [(scalar.string, node)]
        }
        guard let items = sequence(node, what: what()) else { return nil }
        var result: [(String, Node)] = []
        for item in items {
            if let text = string(item, what: "an item of \(what())") { result.append((text, item)) }
        }
        return result
    }

    mutating func number(_ node: Node, what: @autoclosure () -> String, in range: ClosedRange<Double>) -> Double? {
        guard let text = string(node, what: what()) else { return nil }
        guard let value = Double(text), range.contains(value) else {
            report("\(what()) must be a number from \(format(range.lowerBound)) to \(format(range.upperBound)), found '\(text)'",
                   code: "invalid-value", at: node)
            return nil
        }
        return value
    }

    mutating func integer(_ node: Node, what: @autoclosure () -> String, in range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, what: what()) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            report("\(what()) must be a whole number from \(range.lowerBound) to \(range.upperBound), found '\(text)'",
                   code: "invalid-value", at: node)
            return nil
        }
        return value
    }

    mutating func boolean(_ node: Node, what: @autoclosure () -> String) -> Bool? {
        guard let text = string(node, what: what()) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report("\(what()) must be true or false, found '\(text)'", code: "invalid-value", at: node)
            return nil
        }
    }

    mutating func scalarKey(_ node: Node) -> String? {
        string(node, what: "a key")
    }

    func shape(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    // MARK: - Settings, concepts, synonyms

    private mutating func parseSettings(_ node: Node) {
        guard let pairs = mapping(node, what: "'settings'") else { return }
        for (key, value) in pairs {
            guard let name = scalarKey(key) else { continue }
            switch name {
            case "threshold":
                if let v = number(value, what: "'threshold'", in: 0...1) { builder.threshold = v }
            case "gap":
                if let v = integer(value, what: "'gap'", in: 0...50) { builder.gap = v }
            case "particles":
                if let items = strings(value, what: "'particles'") {
                    builder.particles += items.compactMap { term($0.0, at: $0.1) }
                }
            default:
                report(DidYouMean.message("unknown setting '\(name)'", for: name, among: Self.settingsKeys),
                       code: "unknown-key", at: key)
            }
        }
    }

    private mutating func parseConcepts(_ node: Node) {
        guard let pairs = mapping(node, what: "'concepts'") else { return }
        for (key, value) in pairs {
            guard let name = scalarKey(key) else { continue }
            guard Self.isIdentifier(name) else {
                report("concept name '\(name)' must be lowercase letters, digits and _", code: "invalid-name", at: key)
                continue
            }
            if RuleSetBuilder.builtInConcepts[name] != nil {
                report("'\(name)' is a built-in concept and cannot be redefined", code: "duplicate-id", at: key)
                continue
            }
            if let previous = conceptDefinitions[name] {
                report("concept '\(name)' is already defined at \(previous.file):\(previous.line):\(previous.column)",
                       code: "duplicate-id", at: key)
                continue
            }
            conceptDefinitions[name] = sourceMark(key)
            guard let items = strings(value, what: "concept '\(name)'") else { continue }
            builder.concepts[name] = items.compactMap { term($0.0, at: $0.1) }
        }
    }

    private mutating func parseSynonyms(_ node: Node) {
        guard let pairs = mapping(node, what: "'synonyms'") else { return }
        for (key, value) in pairs {
            guard let canonical = scalarKey(key) else { continue }
            guard let items = strings(value, what: "the variants of '\(canonical)'") else { continue }
            var variants: [String] = []
            for (text, itemNode) in items {
                if let previous = synonymDefinitions[text] {
                    report("'\(text)' is already a variant at \(previous.file):\(previous.line):\(previous.column)",
                           code: "duplicate-id", at: itemNode)
                    continue
                }
                guard case .term = term(text, at: itemNode) else {
                    report("a synonym variant must be a term, not a concept", code: "invalid-value", at: itemNode)
                    continue
                }
                synonymDefinitions[text] = sourceMark(itemNode)
                variants.append(text)
            }
            if term(canonical, at: key) != nil { builder.synonyms.append((canonical, variants)) }
        }
    }

    /// A term or `~concept` reference; concept uses are checked in ``finish()``.
    mutating func term(_ text: String, at node: Node) -> TermReference? {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            report("empty term", code: "empty-term", at: node)
            return nil
        }
        let reference = TermReference(trimmed)
        if case .concept(let name) = reference { conceptUses.append((name, sourceMark(node))) }
        if recordsUses, case .term = reference {
            let mark = sourceMark(node)
            termUses.append((trimmed, mark.file, mark.line, mark.column))
        }
        return reference
    }

    static func isIdentifier(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            && !("0"..."9").contains(name.unicodeScalars.first!)
    }

    func intentDefinitionMark(_ id: String) -> String? {
        intentDefinitions[id].map { "\($0.file):\($0.line):\($0.column)" }
    }

    mutating func recordIntent(_ id: String, at node: Node) {
        intentDefinitions[id] = sourceMark(node)
    }

    mutating func recordExample(_ intent: String, _ text: String, at node: Node) {
        guard recordsUses else { return }
        let mark = sourceMark(node)
        exampleUses.append((intent, text, mark.file, mark.line, mark.column))
    }

    mutating func recordMatcher(_ label: String, at node: Node) {
        guard recordsUses else { return }
        let mark = sourceMark(node)
        matcherMarks[label] = (mark.file, mark.line, mark.column)
    }

    mutating func recordReplyText(_ id: String, _ text: String, at node: Node) {
        guard recordsUses else { return }
        let mark = sourceMark(node)
        replyTexts.append((id, text, mark.file, mark.line, mark.column))
    }

    func productMark(_ id: String) -> String? {
        productDefinitions[id].map { "\($0.file):\($0.line):\($0.column)" }
    }

    mutating func recordProduct(_ id: String, at node: Node) {
        productDefinitions[id] = sourceMark(node)
    }

    func replyMark(_ id: String) -> String? {
        replyDefinitions[id].map { "\($0.file):\($0.line):\($0.column)" }
    }

    mutating func recordReply(_ id: String, at node: Node, intent: String, intentNode: Node) {
        replyDefinitions[id] = sourceMark(node)
        replyIntents.append((intent, sourceMark(intentNode)))
    }

    // MARK: - Cross-file checks

    /// Checks what only the whole rule set can tell: undefined and cyclic concepts.
    package mutating func finish() {
        for use in conceptUses where RuleSetBuilder.builtInConcepts[use.name] == nil && builder.concepts[use.name] == nil {
            let known = Array(builder.concepts.keys) + Array(RuleSetBuilder.builtInConcepts.keys)
            report(DidYouMean.message("undefined concept '~\(use.name)'", for: use.name, among: known.sorted()),
                   code: "undefined-concept", at: use.at)
        }
        let intentIDs = Set(builder.intents.map(\.id))
        for use in replyIntents where !intentIDs.contains(use.intent) {
            report(DidYouMean.message("reply for undefined intent '\(use.intent)'", for: use.intent, among: intentIDs.sorted()),
                   code: "undefined-intent", at: use.at)
        }
        for name in builder.concepts.keys.sorted() {
            var path: [String] = []
            if let cycle = cycle(from: name, path: &path), cycle.first == name, let mark = conceptDefinitions[name] {
                report("concept cycle: " + cycle.map { "~" + $0 }.joined(separator: " → "), code: "concept-cycle", at: mark)
            }
        }
        diagnostics.sort()
    }

    private func cycle(from name: String, path: inout [String]) -> [String]? {
        if let index = path.firstIndex(of: name) { return Array(path[index...]) + [name] }
        guard let members = builder.concepts[name] else { return nil }
        path.append(name)
        defer { path.removeLast() }
        for case .concept(let inner) in members {
            if let found = cycle(from: inner, path: &path) { return found }
        }
        return nil
    }
}
