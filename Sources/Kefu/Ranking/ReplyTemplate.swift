/// A reply's text with `{fact}` placeholders, parsed once when the rules load.
///
/// A placeholder names a fact (`{product.name}`, `{chart.衣长}`, `{slot.size}`); `{{` and `}}`
/// write literal braces. Filling returns `nil` when any fact is missing, so a reply that needs a
/// fact the conversation does not have is never offered: no empty or `{placeholder}` text ever
/// reaches an agent. What a shopper typed is only ever inserted as a value, never parsed again.
public struct ReplyTemplate: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case text(String)
        /// A placeholder: the name as written and its key (`nil`: a name no template may use, so
        /// the template never fills; the loader reports it).
        case fact(String, FactKey?)
    }

    let parts: [Part]

    /// The facts the template needs, in order of first use.
    public var facts: [String] {
        var seen: [String] = []
        for case .fact(let name, _) in parts where !seen.contains(name) { seen.append(name) }
        return seen
    }

    /// Why a template cannot be parsed, with the character offset of the problem.
    public struct ParseError: Error, Sendable, Hashable {
        /// The 0-based offset in characters.
        public let offset: Int
        /// What is wrong.
        public let message: String
    }

    /// Parses a template.
    ///
    /// - Throws: ``ParseError`` for an unclosed `{`, an empty `{}` or a stray `}`.
    public init(parsing text: String) throws(ParseError) {
        var parts: [Part] = []
        var literal = ""
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "{" {
                if i + 1 < characters.count, characters[i + 1] == "{" {
                    literal.append("{")
                    i += 2
                    continue
                }
                guard let close = characters[(i + 1)...].firstIndex(of: "}") else {
                    throw ParseError(offset: i, message: "'{' is never closed")
                }
                let name = String(characters[(i + 1)..<close]).trimmingSpaces()
                guard !name.isEmpty, !name.contains("{") else {
                    throw ParseError(offset: i, message: "a placeholder needs a fact name, as in {product.name}")
                }
                if !literal.isEmpty { parts.append(.text(literal)) }
                literal = ""
                parts.append(.fact(name, FactKey(name)))
                i = close + 1
            } else if c == "}" {
                guard i + 1 < characters.count, characters[i + 1] == "}" else {
                    throw ParseError(offset: i, message: "'}' without '{' (write '}}' for a brace)")
                }
                literal.append("}")
                i += 2
            } else {
                literal.append(c)
                i += 1
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        self.parts = parts
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
