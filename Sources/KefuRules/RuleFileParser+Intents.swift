import Kefu
import Yams

extension RuleFileParser {
    /// One item of `intents:`.
    mutating func parseIntent(_ node: Node) {
        guard let pairs = mapping(node, what: "an intent") else { return }
        var values: [String: (key: Node, value: Node)] = [:]
        for (key, value) in pairs {
            guard let name = scalarKey(key) else { continue }
            guard Self.intentKeys.contains(name) else {
                report(DidYouMean.message("unknown intent key '\(name)'", for: name, among: Self.intentKeys),
                       code: "unknown-key", at: key)
                continue
            }
            values[name] = (key, value)
        }
        guard let idNode = values["id"]?.value else {
            report("an intent needs an 'id'", code: "missing-key", at: node)
            return
        }
        guard let id = string(idNode, what: "'id'") else { return }
        guard Self.isIdentifier(id) else {
            report("intent id '\(id)' must be lowercase letters, digits and _", code: "invalid-name", at: idNode)
            return
        }
        if let previous = intentDefinitionMark(id) {
            report("intent '\(id)' is already defined at \(previous)", code: "duplicate-id", at: idNode)
            return
        }
        recordIntent(id, at: idNode)
        var intent = IntentDefinition(id: id, name: id, matchers: [])
        if let entry = values["name"], let name = string(entry.value, what: "'name'") { intent.name = name }
        if let entry = values["description"] { _ = string(entry.value, what: "'description'") }
        if let entry = values["secondary"], let value = boolean(entry.value, what: "'secondary'") {
            intent.isSecondary = value
        }
        if let entry = values["threshold"] {
            intent.threshold = number(entry.value, what: "'threshold'", in: 0...1)
        }
        if let entry = values["slots"], let items = strings(entry.value, what: "'slots'") {
            for (slot, itemNode) in items where !Self.slotNames.contains(slot) {
                report(DidYouMean.message("unknown slot '\(slot)'", for: slot, among: Self.slotNames),
                       code: "undefined-slot", at: itemNode)
            }
        }
        if let entry = values["examples"], let items = strings(entry.value, what: "'examples'") {
            intent.examples = items.map(\.0)
            for (text, itemNode) in items { recordExample(id, text, at: itemNode) }
        }
        guard let match = values["match"] else {
            report("intent '\(id)' needs a 'match' list", code: "missing-key", at: idNode)
            return
        }
        for (role, key) in [("match", "match"), ("veto", "veto"), ("lower", "lower")] {
            guard let entry = values[key], let items = sequence(entry.value, what: "'\(key)'") else { continue }
            if role == "match", items.isEmpty {
                report("intent '\(id)' has an empty 'match' list", code: "invalid-value", at: match.key)
            }
            for (index, item) in items.enumerated() {
                if let matcher = parseMatcher(item, role: role, label: "\(id).\(key)[\(index)]") {
                    recordMatcher(matcher.label, at: item)
                    intent.matchers.append(matcher)
                }
            }
        }
        builder.intents.append(intent)
    }

    /// One matcher: exactly one of any/all/seq/regex, with its options.
    mutating func parseMatcher(_ node: Node, role: String, label: String) -> MatcherDefinition? {
        guard let pairs = mapping(node, what: "a matcher") else { return nil }
        var keys = Self.matcherKeys
        switch role {
        case "veto": keys.append("scope")
        case "lower": keys.append("by")
        default: break
        }
        keys.removeAll { role != "match" && $0 == "weight" }
        var values: [String: (key: Node, value: Node)] = [:]
        var kinds: [(String, Node)] = []
        for (key, value) in pairs {
            guard let name = scalarKey(key) else { continue }
            guard keys.contains(name) else {
                report(DidYouMean.message("unknown \(role) key '\(name)'", for: name, among: keys),
                       code: "unknown-key", at: key)
                continue
            }
            values[name] = (key, value)
            if Self.matcherKinds.contains(name) { kinds.append((name, key)) }
        }
        guard let (kind, kindKey) = kinds.first else {
            report("a matcher needs one of 'any', 'all', 'seq' or 'regex'", code: "missing-key", at: node)
            return nil
        }
        if kinds.count > 1 {
            report("a matcher takes one of 'any', 'all', 'seq' or 'regex', found both '\(kind)' and '\(kinds[1].0)'",
                   code: "conflicting-keys", at: kinds[1].1)
            return nil
        }
        guard let body = values[kind]?.value else { return nil }
        var ok = true
        var name = label
        if let entry = values["name"], let given = string(entry.value, what: "'name'") { name = given }
        var gap = builder.gap
        if let entry = values["gap"] {
            if kind != "seq" {
                report("'gap' applies to 'seq' matchers only", code: "invalid-value", at: entry.key)
            } else if let value = integer(entry.value, what: "'gap'", in: 0...50) {
                gap = value
            } else {
                ok = false
            }
        }
        let pattern: MatcherPattern
        switch kind {
        case "any":
            guard let items = strings(body, what: "'any'") else { return nil }
            let terms = items.compactMap { term($0.0, at: $0.1) }
            if terms.isEmpty {
                report("'any' needs at least one term", code: "invalid-value", at: kindKey)
                return nil
            }
            pattern = .any(terms)
        case "all", "seq":
            guard let items = sequence(body, what: "'\(kind)'") else { return nil }
            var steps: [MatcherStep] = []
            for item in items {
                if let step = parseStep(item, allowOptional: kind == "seq") { steps.append(step) } else { ok = false }
            }
            if steps.isEmpty || steps.allSatisfy(\.isOptional) {
                report("'\(kind)' needs at least one step that is not optional", code: "invalid-value", at: kindKey)
                return nil
            }
            if steps.count > 64 {
                report("'\(kind)' has \(steps.count) steps; at most 64", code: "invalid-value", at: kindKey)
                return nil
            }
            pattern = kind == "all" ? .all(steps) : .sequence(steps, gap: gap)
        default:
            guard let source = string(body, what: "'regex'") else { return nil }
            if let problem = RegexCheck.problem(in: source) {
                report("invalid regular expression: \(problem)", code: "invalid-regex", at: body)
                return nil
            }
            pattern = .regex(source)
        }
        var none: [TermReference] = []
        if let entry = values["none"], let items = strings(entry.value, what: "'none'") {
            none = items.compactMap { term($0.0, at: $0.1) }
        }
        let matcherRole: MatcherRole
        switch role {
        case "veto":
            var whole = false
            if let entry = values["scope"], let scope = string(entry.value, what: "'scope'") {
                switch scope {
                case "message": whole = true
                case "overlap": whole = false
                default:
                    report("'scope' must be 'overlap' or 'message', found '\(scope)'", code: "invalid-value",
                           at: entry.value)
                    ok = false
                }
            }
            matcherRole = .veto(wholeMessage: whole)
        case "lower":
            guard let entry = values["by"] else {
                report("a 'lower' matcher needs 'by' (how much to lower, 0 to 1)", code: "missing-key", at: node)
                return nil
            }
            guard let by = number(entry.value, what: "'by'", in: 0...1) else { return nil }
            matcherRole = .lower(by: by)
        default:
            var weight = 0.9
            if let entry = values["weight"] {
                guard let value = number(entry.value, what: "'weight'", in: 0...1) else { return nil }
                if value == 0 {
                    report("'weight' must be more than 0", code: "invalid-value", at: entry.value)
                    return nil
                }
                weight = value
            }
            matcherRole = .evidence(weight: weight)
        }
        guard ok else { return nil }
        return MatcherDefinition(pattern, none: none, role: matcherRole, label: name)
    }

    /// A step of `all`/`seq`: a term, or a list of alternatives; `term?` is optional in a sequence.
    mutating func parseStep(_ node: Node, allowOptional: Bool) -> MatcherStep? {
        guard let items = strings(node, what: "a step") else { return nil }
        var isOptional = false
        var alternatives: [TermReference] = []
        for (text, itemNode) in items {
            var text = text
            if Self.endsInQuestionMark(text) {
                guard allowOptional else {
                    report("'\(text)': only a 'seq' step can be optional", code: "invalid-value", at: itemNode)
                    return nil
                }
                isOptional = true
                text.removeLast()
            }
            if let reference = term(text, at: itemNode) { alternatives.append(reference) }
        }
        guard !alternatives.isEmpty else {
            report("a step needs at least one term", code: "invalid-value", at: node)
            return nil
        }
        return MatcherStep(alternatives, isOptional: isOptional)
    }

    /// Whether a step's text is more than `?` and ends in a `?` of its own (`包邮?`): the last
    /// character, not a mark that combines with it.
    static func endsInQuestionMark(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.last == UInt8(ascii: "?") else { return false }
        if utf8.count > 1, utf8[utf8.index(utf8.endIndex, offsetBy: -2)] < 0x80 { return true }
        return text.count > 1 && text.hasSuffix("?")
    }
}
