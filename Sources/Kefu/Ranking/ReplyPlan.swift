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
    /// The reasons of a suggestion's `because` that the reply alone decides, written once
    /// (see ``RuleSet`` `because`): the intent and a space before the score, and the category
    /// and material conditions after it.
    let because: BecauseParts
    /// The template with the shop's facts written in: texts, and the facts a message decides.
    let parts: [Part]
    /// The facts a message decides that the template fills, for ``canFill(from:)``.
    let fills: [FactKey]
    /// Whether the template can ever fill: every name is known and every shop fact it names is
    /// in the profile.
    let isFillable: Bool
    /// The reply's id.
    let id: String
    /// The id of the intent the reply answers.
    let intent: String
    /// The other conditions, as authored.
    let conditions: ReplyDefinition.Conditions

    /// A piece of a template: text (the shop's facts included) or a fact the message decides.
    enum Part: Sendable {
        case text(String)
        case fact(FactKey)
    }

    /// Creates a plan.
    ///
    /// - Parameters:
    ///   - reply: The reply as authored.
    ///   - shop: The shop, whose facts are written into the template.
    init(_ reply: ReplyDefinition, shop: ShopProfile) {
        has = reply.conditions.has.map { FactKey($0) }
        missing = reply.conditions.missing.map { FactKey($0) }
        var parts: [Part] = []
        var fills: [FactKey] = []
        var isFillable = true
        var text = ""
        for part in reply.template.parts {
            var value: String?
            switch part {
            case .text(let literal): value = literal
            case .fact(_, nil): isFillable = false
            case .fact(_, .named(let fact)?) where Fact.shopValue(fact, shop: shop) != nil:
                let known = Fact.shopValue(fact, shop: shop) ?? nil
                if let known, !known.isEmpty { value = known } else { isFillable = false }
            case .fact(_, let key?):
                if !text.isEmpty { parts.append(.text(text)) }
                text = ""
                parts.append(.fact(key))
                fills.append(key)
            }
            if let value { text += value }
        }
        if !text.isEmpty { parts.append(.text(text)) }
        self.parts = parts
        self.fills = fills
        self.isFillable = isFillable
        priorityFactor = 0.5 + 0.5 * Double(min(100, max(0, reply.priority))) / 100
        conditions = reply.conditions
        id = reply.id
        intent = reply.intent
        let facts = reply.template.facts
        factsNote = facts.isEmpty ? "" : "; facts: " + facts.joined(separator: ", ")
        because = BecauseParts(reply, factsNote: factsNote)
    }

    /// The fixed pieces of a `because`: `"size 0.96; category 背心, L in stock; facts: chart.衣长"`
    /// is `head`, the score, `reasons`, then the parts a message decides (the size in stock, free
    /// shipping, the bargaining turn) and the facts note; with none of those, `tail` is all that
    /// follows the score.
    struct BecauseParts: Sendable {
        /// The intent id and a space.
        let head: String
        /// `"; category 背心, material 羊毛"`, or empty.
        let reasons: String
        /// `reasons` and the facts note, for a reply without reasons a message decides.
        let tail: String

        init(_ reply: ReplyDefinition, factsNote: String) {
            head = reply.intent + " "
            var reasons = ""
            var count = 0
            if let category = reply.conditions.category {
                reasons += "; category " + category  // the first reason
                count += 1
            }
            if let material = reply.conditions.material {
                reasons += (count == 0 ? "; material " : ", material ") + material
                count += 1
            }
            self.reasons = reasons
            tail = reasons + factsNote
        }
    }

    /// Whether every fact the template names is present and not empty, so that
    /// ``ReplyTemplate/fill(from:)`` succeeds.
    func canFill(from facts: inout FactSheet) -> Bool {
        guard isFillable else { return false }
        for key in fills {
            guard let value = facts.value(key), !value.isEmpty else { return false }
        }
        return true
    }

    /// The text with every fact filled, or `nil` when a fact is missing or empty.
    func fill(from facts: inout FactSheet) -> String? {
        guard isFillable else { return nil }
        // Most replies name no fact of the message: their text was written whole at load.
        if parts.count == 1, case .text(let text) = parts[0] { return text }
        var result = ""
        result.reserveCapacity(192)  // a reply of ~60 Chinese characters, without regrowing
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .fact(let key):
                guard let value = facts.value(key), !value.isEmpty else { return nil }
                result += value
            }
        }
        return result
    }
}
