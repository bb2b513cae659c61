/// The authored form of a rule set, as the rule loader hands it to ``RuleSetBuilder``.
///
/// These types carry what a rule file says, not where it says it: positions and diagnostics
/// belong to the `KefuRules` target, which reads YAML and checks references before it builds.

/// A word, a phrase or a named concept, as a matcher names it.
package enum TermReference: Sendable, Hashable, CustomStringConvertible {
    /// A word or a phrase of several words (`包邮`, `bao you`), normalized when compiled.
    case term(String)
    /// A named concept (`~courier`), built-in or defined by the rule set.
    case concept(String)

    /// Parses the authored spelling: `~name` is a concept, anything else a term.
    package init(_ text: String) {
        let utf8 = text.utf8
        guard utf8.first == UInt8(ascii: "~") else {
            self = .term(text)
            return
        }
        if utf8.count > 1, utf8[utf8.index(after: utf8.startIndex)] < 0x80 {
            // `~` and an ASCII character are two characters: no need to count them.
            self = .concept(String(text.unicodeScalars.dropFirst()))
        } else if text.hasPrefix("~"), text.count > 1 {
            self = .concept(String(text.dropFirst()))
        } else {
            self = .term(text)
        }
    }

    package var description: String {
        switch self {
        case .term(let text): text
        case .concept(let name): "~" + name
        }
    }
}

/// One position of a matcher: any of several alternatives, possibly optional (in a sequence).
package struct MatcherStep: Sendable, Hashable {
    /// The alternatives; the step is present when any of them is.
    package var alternatives: [TermReference]
    /// Whether a sequence may skip this step.
    package var isOptional: Bool

    /// Creates a step.
    package init(_ alternatives: [TermReference], isOptional: Bool = false) {
        self.alternatives = alternatives
        self.isOptional = isOptional
    }
}

/// What a matcher looks for in a message.
package enum MatcherPattern: Sendable, Hashable {
    /// Any of these terms.
    case any([TermReference])
    /// Every step present, in any order.
    case all([MatcherStep])
    /// The steps in order, each within `gap` counted tokens of the previous one, in one clause.
    case sequence([MatcherStep], gap: Int)
    /// A regular expression over the normalized text.
    case regex(String)
}

/// What a matcher's firing does to its intent.
package enum MatcherRole: Sendable, Hashable {
    /// Evidence for the intent, with a weight in (0, 1].
    case evidence(weight: Double)
    /// Drops the intent's evidence that overlaps the veto's tokens, or the whole intent.
    case veto(wholeMessage: Bool)
    /// Multiplies the intent's score by `1 - by`.
    case lower(by: Double)
}

/// One matcher of an intent.
package struct MatcherDefinition: Sendable, Hashable {
    /// The pattern.
    package var pattern: MatcherPattern
    /// Terms that stop the matcher from firing when any of them is in the message.
    package var none: [TermReference]
    /// What firing does.
    package var role: MatcherRole
    /// The label shown as evidence (`size.match[2]`, or the author's `name`).
    package var label: String

    /// Creates a matcher.
    package init(_ pattern: MatcherPattern, none: [TermReference] = [], role: MatcherRole, label: String) {
        self.pattern = pattern
        self.none = none
        self.role = role
        self.label = label
    }
}

/// One intent of a rule set, as authored.
package struct IntentDefinition: Sendable, Hashable {
    /// The intent's id (`size`).
    package var id: String
    /// The display name (`尺码`).
    package var name: String
    /// Whether the intent ranks after every other intent that fired (`greeting`, `closing`).
    package var isSecondary: Bool
    /// The minimum score, or `nil` for the rule set's threshold.
    package var threshold: Double?
    /// Evidence, vetoes and lowering matchers.
    package var matchers: [MatcherDefinition]
    /// Messages that should reach this intent.
    package var examples: [String]

    /// Creates an intent.
    package init(
        id: String, name: String, isSecondary: Bool = false, threshold: Double? = nil,
        matchers: [MatcherDefinition], examples: [String] = []
    ) {
        self.id = id
        self.name = name
        self.isSecondary = isSecondary
        self.threshold = threshold
        self.matchers = matchers
        self.examples = examples
    }
}
