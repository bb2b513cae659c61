/// A reply as the ranker uses it: its fact names resolved to keys and its fixed texts written
/// once, when the rules load. A class: the ranker reads several per message, and a reference
/// is cheaper to pass around than the struct of arrays and strings.
final class ReplyPlan: Sendable {
    /// Facts that must be present, resolved (`nil`: an unknown name, which is never present).
    let has: [FactKey?]
    /// Facts that must be absent, resolved (`nil`: an unknown name, which is always absent).
    let missing: [FactKey?]
    /// `0.5 + 0.5 × priority/100`: a reply's share of its intent's score.
    let priorityFactor: Double
    /// `"; facts: a, b"`, the template's facts for a suggestion's `because`, or empty.
    let factsNote: String
    /// The keys of the facts the template fills (`nil`: an unknown name, so it never fills).
    let fills: [FactKey?]
    /// The reply's id.
    let id: String
    /// The reply's template.
    let template: ReplyTemplate
    /// The other conditions, as authored.
    let conditions: ReplyDefinition.Conditions

    init(_ reply: ReplyDefinition) {
        has = reply.conditions.has.map(FactKey.init)
        missing = reply.conditions.missing.map(FactKey.init)
        priorityFactor = 0.5 + 0.5 * Double(min(100, max(0, reply.priority))) / 100
        conditions = reply.conditions
        fills = reply.template.keys
        id = reply.id
        template = reply.template
        let facts = reply.template.facts
        factsNote = facts.isEmpty ? "" : "; facts: " + facts.joined(separator: ", ")
    }

    /// Whether every fact the template names is present and not empty, so that
    /// ``ReplyTemplate/fill(from:)`` succeeds.
    func canFill(from facts: inout FactSheet) -> Bool {
        for key in fills {
            guard let key, let value = facts.value(key), !value.isEmpty else { return false }
        }
        return true
    }
}
