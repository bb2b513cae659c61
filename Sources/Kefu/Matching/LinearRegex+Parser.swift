extension LinearRegex {
    /// The scalar ranges of the built-in classes `\d`, `\w` and `\s` (generated tables).
    enum UnicodeClasses {}

    /// A parsed pattern: what the compiler turns into a ``Program``.
    ///
    /// Groups leave no trace (nothing is captured), so `(ab)`, `(?:ab)` and `ab` parse alike.
    indirect enum Node: Sendable {
        /// Matches the empty string: an empty pattern, branch or group.
        case empty
        /// One Unicode scalar from the set.
        case scalar(ScalarSet)
        /// Each node in turn.
        case concatenation([Node])
        /// The first branch that leads to a match, in order of priority.
        case alternation([Node])
        /// The node repeated `min...max` times (`max` `nil`: no limit), greedy or lazy.
        ///
        /// `offset` is where the quantifier is in the pattern, for errors about its size.
        case repetition(Node, min: Int, max: Int?, isGreedy: Bool, offset: Int)
        /// `^`: the start of the text.
        case start
        /// `$`: the end of the text.
        case end

        /// Whether the node can match without consuming a scalar.
        var canBeEmpty: Bool {
            switch self {
            case .empty, .start, .end: true
            case .scalar: false
            case .concatenation(let nodes): nodes.allSatisfy(\.canBeEmpty)
            case .alternation(let nodes): nodes.contains(where: \.canBeEmpty)
            case .repetition(let node, let min, _, _, _): min == 0 || node.canBeEmpty
            }
        }

        /// Whether every match must begin with `^`, so the node can only match at the start of the text.
        var isAnchoredAtStart: Bool {
            switch self {
            case .start: true
            case .empty, .end, .scalar: false
            case .concatenation(let nodes): nodes.first(where: { !$0.isPlainEmpty })?.isAnchoredAtStart ?? false
            case .alternation(let nodes): !nodes.isEmpty && nodes.allSatisfy(\.isAnchoredAtStart)
            case .repetition(let node, let min, _, _, _): min > 0 && node.isAnchoredAtStart
            }
        }

        /// Whether the node is `.empty` (an empty group), which an anchor check can look past.
        private var isPlainEmpty: Bool {
            if case .empty = self { return true }
            return false
        }
    }

    /// A recursive-descent parser from a pattern's scalars to a ``Node``.
    ///
    /// Offsets in errors count Unicode scalars from the start of the pattern.
    struct Parser {
        /// The pattern's Unicode scalars.
        let scalars: [Unicode.Scalar]
        /// The offset of the next scalar to read.
        var position = 0
        /// How many groups are open around ``position``.
        var depth = 0

        /// The largest count allowed in `{n}`, `{n,}` and `{n,m}`.
        static let maximumRepetition = 1000
        /// The longest pattern allowed, in Unicode scalars (which keeps the scalar classes under 65,536).
        static let maximumLength = 10_000

        /// A parser at the start of `pattern`.
        init(_ pattern: String) {
            scalars = Array(pattern.unicodeScalars)
        }

        /// Parses the whole pattern.
        ///
        /// - Returns: The pattern's tree.
        /// - Throws: ``SyntaxError`` at the first unsupported or malformed construct.
        mutating func parse() throws(SyntaxError) -> Node {
            guard scalars.count <= Self.maximumLength else {
                throw SyntaxError(
                    message: "pattern too long: \(scalars.count) characters, over the limit of \(Self.maximumLength)",
                    offset: Self.maximumLength
                )
            }
            let node = try alternation()
            if position < scalars.count {
                // `alternation` stops only at the end or at a `)` it has no `(` for.
                throw SyntaxError(message: "unbalanced ')'", offset: position)
            }
            return node
        }

        /// The scalar at `offset` from ``position``, if there is one.
        private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            position + offset < scalars.count ? scalars[position + offset] : nil
        }

        /// The pattern's text from `start` up to ``position`` (or `end`), for quoting in errors.
        private func text(from start: Int, to end: Int? = nil) -> String {
            var result = ""
            result.unicodeScalars.append(contentsOf: scalars[start..<min(end ?? position, scalars.count)])
            return result
        }

        /// `branch ('|' branch)*`.
        private mutating func alternation() throws(SyntaxError) -> Node {
            var branches = [try concatenation()]
            while peek() == "|" {
                position += 1
                branches.append(try concatenation())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        /// A run of quantified atoms, up to `|`, `)` or the end.
        private mutating func concatenation() throws(SyntaxError) -> Node {
            var nodes: [Node] = []
            while let c = peek(), c != "|" {
                if c == ")" {
                    guard depth > 0 else { throw SyntaxError(message: "unbalanced ')'", offset: position) }
                    break
                }
                let atomStart = position
                let atom = try self.atom()
                nodes.append(try quantified(atom, atomStart: atomStart))
            }
            switch nodes.count {
            case 0: return .empty
            case 1: return nodes[0]
            default: return .concatenation(nodes)
            }
        }

        /// The atom followed by its quantifier, if it has one.
        private mutating func quantified(_ atom: Node, atomStart: Int) throws(SyntaxError) -> Node {
            let start = position
            guard let (min, max) = try quantifier() else { return atom }
            if scalars[atomStart] == "^" || scalars[atomStart] == "$" {
                throw SyntaxError(message: "anchor '\(scalars[atomStart])' cannot be repeated", offset: start)
            }
            var isGreedy = true
            if peek() == "?" {
                isGreedy = false
                position += 1
            } else if peek() == "+" {
                throw SyntaxError(
                    message: "unsupported: possessive quantifier '\(text(from: start, to: position + 1))' "
                        + "(needs a backtracking engine)",
                    offset: start
                )
            }
            let next = position
            if try quantifier() != nil {
                throw SyntaxError(
                    message: "quantifier '\(text(from: next))' follows another quantifier; "
                        + "wrap the first in '(?:…)' to repeat it",
                    offset: next
                )
            }
            return .repetition(atom, min: min, max: max, isGreedy: isGreedy, offset: start)
        }

        /// Reads `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` or `{,m}` at ``position``, if one is there.
        ///
        /// - Returns: The bounds (`max` `nil`: unbounded), or `nil` when no quantifier starts here.
        private mutating func quantifier() throws(SyntaxError) -> (Int, Int?)? {
            switch peek() {
            case "?":
                position += 1
                return (0, 1)
            case "*":
                position += 1
                return (0, nil)
            case "+":
                position += 1
                return (1, nil)
            case "{":
                return try countedQuantifier()
            default:
                return nil
            }
        }

        /// Reads `{n}`, `{n,}`, `{n,m}` or `{,m}`; a `{` that starts none of them is an error.
        private mutating func countedQuantifier() throws(SyntaxError) -> (Int, Int?) {
            let start = position
            position += 1
            let min = number()
            var max = min
            if peek() == "," {
                position += 1
                max = number()
                guard min != nil || max != nil else { throw literalBrace(at: start) }
            }
            guard peek() == "}" else { throw literalBrace(at: start) }
            position += 1
            let quoted = text(from: start)
            for bound in [min, max] {
                if let bound, bound > Self.maximumRepetition {
                    throw SyntaxError(
                        message: "repetition count in '\(quoted)' is over the limit of \(Self.maximumRepetition)",
                        offset: start
                    )
                }
            }
            if let min, let max, min > max {
                throw SyntaxError(message: "repetition '\(quoted)' has its minimum above its maximum", offset: start)
            }
            return (min ?? 0, max)
        }

        /// The error for a `{` that does not start a counted quantifier.
        private func literalBrace(at offset: Int) -> SyntaxError {
            SyntaxError(
                message: "'{' does not start a quantifier '{n}', '{n,}' or '{n,m}'; write '\\{' for a literal brace",
                offset: offset
            )
        }

        /// Reads a decimal number (saturating well above the limit), or `nil` if there is no digit here.
        private mutating func number() -> Int? {
            var value: Int?
            while let c = peek(), ("0"..."9").contains(c) {
                value = Swift.min((value ?? 0) * 10 + Int(c.value - 48), 1_000_000)
                position += 1
            }
            return value
        }

        /// One atom: a literal, `.`, a class, an escape, an anchor or a group.
        private mutating func atom() throws(SyntaxError) -> Node {
            let start = position
            guard let c = peek() else { return .empty }
            position += 1
            switch c {
            case "(":
                return try group(at: start)
            case "[":
                return .scalar(try characterClass(at: start))
            case ".":
                return .scalar(ScalarSet.newlines.inverted)
            case "^":
                return .start
            case "$":
                return .end
            case "\\":
                switch try escape(at: start, inClass: false) {
                case .scalar(let scalar): return .scalar(ScalarSet(scalar))
                case .set(let set): return .scalar(set)
                }
            case "*", "+", "?", "{":
                position = start
                if c == "{" { _ = try countedQuantifier() }
                throw SyntaxError(
                    message: "quantifier '\(c == "{" ? text(from: start) : String(c))' has nothing to repeat",
                    offset: start
                )
            default:
                return .scalar(ScalarSet(c))
            }
        }

        /// A group whose `(` is at `start`: `( )`, `(?: )` or a named group; other `(?` forms are errors.
        private mutating func group(at start: Int) throws(SyntaxError) -> Node {
            if peek() == "*" {
                throw SyntaxError(
                    message: "unsupported: backtracking verb '(*' (needs a backtracking engine)",
                    offset: start
                )
            }
            if peek() == "?" {
                try groupPrefix(at: start)
            }
            depth += 1
            let node = try alternation()
            depth -= 1
            guard peek() == ")" else {
                throw SyntaxError(message: "unbalanced '(': missing ')'", offset: start)
            }
            position += 1
            return node
        }

        /// Reads what follows `(?` in a group that is allowed (`(?:`, `(?<name>`, `(?P<name>`, `(?'name'`),
        /// and throws for every other `(?` form.
        private mutating func groupPrefix(at start: Int) throws(SyntaxError) {
            let kind = peek(1)
            func unsupported(_ what: String, length: Int, why: String = "needs a backtracking engine") -> SyntaxError {
                SyntaxError(
                    message: "unsupported: \(what) '\(text(from: start, to: start + length))' (\(why))",
                    offset: start
                )
            }
            switch kind {
            case ":":
                position += 2
            case "=", "!":
                throw unsupported("lookahead", length: 3)
            case "<" where peek(2) == "=" || peek(2) == "!":
                throw unsupported("lookbehind", length: 4)
            case "<", "'":
                position += 2
                try groupName(at: start, closer: kind == "<" ? ">" : "'")
            case "P" where peek(2) == "<":
                position += 3
                try groupName(at: start, closer: ">")
            case "P" where peek(2) == "=":
                throw unsupported("backreference", length: 4)
            case .some(let c) where "R&+P0123456789".unicodeScalars.contains(c):
                throw unsupported("recursion or subroutine call", length: 3)
            case ">":
                throw unsupported("atomic group", length: 3)
            case "#":
                throw unsupported("comment group", length: 3, why: "write no comment inside the pattern")
            case "|":
                throw unsupported("branch reset group", length: 3, why: "use '(?:…)'")
            case "(":
                throw unsupported("conditional group", length: 3)
            case .some(let c) where c.properties.isAlphabetic || c == "^" || c == "-":
                throw unsupported(
                    "inline options",
                    length: 3,
                    why: "the text is already lowercased and on one line"
                )
            default:
                throw unsupported("group syntax", length: 3, why: "groups are '( )' and '(?: )'")
            }
        }

        /// Reads a group name up to `closer`; the name is only checked, since nothing is captured.
        private mutating func groupName(at start: Int, closer: Unicode.Scalar) throws(SyntaxError) {
            let nameStart = position
            while let c = peek(), c.properties.isAlphabetic || c.properties.numericType == .decimal || c == "_" {
                position += 1
            }
            guard position > nameStart, peek() == closer,
                scalars[nameStart].properties.numericType != .decimal
            else {
                throw SyntaxError(
                    message: "invalid group name in '\(text(from: start, to: position + 1))'; "
                        + "expected letters, digits or '_' and then '\(closer)'",
                    offset: start
                )
            }
            position += 1
        }

        /// What an escape stands for: one scalar, or a set such as `\d`.
        enum Escape {
            /// One scalar, such as `\n` or `\u597D`.
            case scalar(Unicode.Scalar)
            /// A set of scalars, such as `\d`.
            case set(ScalarSet)
        }

        /// Reads an escape whose `\` is at `start` (``position`` is just past it).
        private mutating func escape(at start: Int, inClass: Bool) throws(SyntaxError) -> Escape {
            guard let c = peek() else {
                throw SyntaxError(message: "pattern ends with '\\'", offset: start)
            }
            position += 1
            let quoted = "'\\\(c)'"
            switch c {
            case "d": return .set(.digits)
            case "D": return .set(ScalarSet.digits.inverted)
            case "w": return .set(.wordCharacters)
            case "W": return .set(ScalarSet.wordCharacters.inverted)
            case "s": return .set(.whitespace)
            case "S": return .set(ScalarSet.whitespace.inverted)
            case "n": return .scalar("\n")
            case "t": return .scalar("\t")
            case "r": return .scalar("\r")
            case "u", "x": return .scalar(try hexadecimalEscape(at: start))
            case "1"..."9", "k", "g":
                throw SyntaxError(
                    message: "unsupported: backreference \(quoted) (needs a backtracking engine)",
                    offset: start
                )
            case "b" where inClass:
                throw SyntaxError(message: "unsupported escape \(quoted) in a class", offset: start)
            case "b", "B":
                throw SyntaxError(message: "unsupported: word boundary \(quoted)", offset: start)
            case "A", "z", "Z", "G":
                throw SyntaxError(
                    message: "unsupported anchor \(quoted); use '^' for the start of the text and '$' for its end",
                    offset: start
                )
            case "p", "P":
                throw SyntaxError(
                    message: "unsupported: Unicode property \(quoted); use '\\d', '\\w', '\\s' or a class",
                    offset: start
                )
            case "Q", "E":
                throw SyntaxError(
                    message: "unsupported: quoting \(quoted); escape each character with '\\'",
                    offset: start
                )
            default:
                guard c.isASCII, !c.properties.isAlphabetic, c.properties.numericType == nil else {
                    throw SyntaxError(message: "unknown escape \(quoted)", offset: start)
                }
                // Escaped ASCII punctuation stands for itself: `\.`, `\(`, `\-`, `\/`, `\~`…
                return .scalar(c)
            }
        }

        /// Reads the rest of `\uXXXX`, `\u{X…}`, `\xHH` or `\x{X…}`, whose `\` is at `start`.
        private mutating func hexadecimalEscape(at start: Int) throws(SyntaxError) -> Unicode.Scalar {
            let letter = scalars[position - 1]
            let braced = peek() == "{"
            if braced { position += 1 }
            let digitsStart = position
            let fixedLength = letter == "u" ? 4 : 2
            while let c = peek(), c.properties.isASCIIHexDigit, braced || position - digitsStart < fixedLength {
                position += 1
            }
            let digits = text(from: digitsStart)
            let isComplete =
                braced ? peek() == "}" && !digits.isEmpty && digits.count <= 8 : digits.count == fixedLength
            guard isComplete else {
                throw SyntaxError(
                    message:
                        "invalid escape '\(text(from: start, to: position + (braced ? 1 : 0)))'; expected '\\\(letter)"
                        + (letter == "u" ? "XXXX" : "XX") + "' or '\\\(letter){X…}' with hexadecimal digits",
                    offset: start
                )
            }
            if braced { position += 1 }
            guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw SyntaxError(
                    message: "'\(text(from: start))' is not a Unicode scalar value",
                    offset: start
                )
            }
            return scalar
        }

        /// A class whose `[` is at `start`: `[...]` or `[^...]`, with ranges and escapes.
        private mutating func characterClass(at start: Int) throws(SyntaxError) -> ScalarSet {
            var isNegated = false
            if peek() == "^" {
                isNegated = true
                position += 1
            }
            if peek() == "]" {
                throw SyntaxError(
                    message: "empty class '\(text(from: start, to: position + 1))'; write '\\]' for a literal ']'",
                    offset: start
                )
            }
            var set = ScalarSet()
            while peek() != nil, peek() != "]" {
                let itemStart = position
                let item = try classItem()
                if peek() == "-" && peek(1) == "-" { throw setOperation("-", at: position) }
                guard peek() == "-", let after = peek(1), after != "]" else {
                    set.formUnion(item.set)
                    continue
                }
                position += 1
                let upper = try classItem()
                guard case .scalar(let low) = item.escape, case .scalar(let high) = upper.escape else {
                    throw SyntaxError(
                        message: "class range '\(text(from: itemStart))' needs a single character at each end",
                        offset: itemStart
                    )
                }
                guard low.value <= high.value else {
                    throw SyntaxError(
                        message: "class range '\(text(from: itemStart))' is out of order",
                        offset: itemStart
                    )
                }
                set.formUnion(ScalarSet(low.value...high.value))
            }
            guard peek() == "]" else {
                throw SyntaxError(message: "unterminated class: missing ']'", offset: start)
            }
            position += 1
            return isNegated ? set.inverted : set
        }

        /// The error for `&&`, `--` or `~~` in a class, which Swift `Regex` reads as a set operation.
        private func setOperation(_ c: Unicode.Scalar, at offset: Int) -> SyntaxError {
            SyntaxError(
                message: "unsupported: set operation '\(c)\(c)' in a class; escape one of them as '\\\(c)'",
                offset: offset
            )
        }

        /// One member of a class: a scalar (literal or escaped) or an escaped set such as `\d`.
        private mutating func classItem() throws(SyntaxError) -> (escape: Escape, set: ScalarSet) {
            let start = position
            let c = scalars[position]
            position += 1
            if c == "[" {
                throw SyntaxError(
                    message: "unsupported: '[' inside a class (nested classes, POSIX classes and set operations); "
                        + "write '\\[' for a literal '['",
                    offset: start
                )
            }
            if (c == "&" || c == "~" || c == "-") && peek() == c { throw setOperation(c, at: start) }
            let escape = c == "\\" ? try self.escape(at: start, inClass: true) : .scalar(c)
            switch escape {
            case .scalar(let scalar): return (escape, ScalarSet(scalar))
            case .set(let set): return (escape, set)
            }
        }
    }

    /// A set of Unicode scalar values, as sorted, disjoint, non-adjacent ranges.
    struct ScalarSet: Hashable, Sendable {
        /// The ranges, sorted, disjoint and non-adjacent.
        private(set) var ranges: [ClosedRange<UInt32>] = []

        /// The empty set.
        init() {}

        /// The set of one scalar.
        init(_ scalar: Unicode.Scalar) {
            ranges = [scalar.value...scalar.value]
        }

        /// The set of the scalar values in `range`.
        init(_ range: ClosedRange<UInt32>) {
            ranges = [range]
        }

        /// The union of any ranges, in any order.
        init(normalizing unsorted: [ClosedRange<UInt32>]) {
            for range in unsorted.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if let last = ranges.last, range.lowerBound <= last.upperBound &+ 1 {
                    ranges[ranges.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
                } else {
                    ranges.append(range)
                }
            }
        }

        /// Adds the members of `other`.
        mutating func formUnion(_ other: ScalarSet) {
            self = ScalarSet(normalizing: ranges + other.ranges)
        }

        /// Every scalar value (0…0x10FFFF) that is not in the set.
        var inverted: ScalarSet {
            var result = ScalarSet()
            var next: UInt32 = 0
            for range in ranges {
                if range.lowerBound > next { result.ranges.append(next...(range.lowerBound - 1)) }
                next = range.upperBound + 1
            }
            if next <= 0x10FFFF { result.ranges.append(next...0x10FFFF) }
            return result
        }

        /// What `.` does not match: the scalars for which `Character.isNewline` holds, as in Swift `Regex`.
        static let newlines = ScalarSet(normalizing: [0x0A...0x0D, 0x85...0x85, 0x2028...0x2029])

        /// `\d`: scalars with a numeric type, as Swift `Regex`'s default `\d` (`Character.isNumber`).
        ///
        /// This is wider than the decimal digits: it holds the CJK ideographs with a numeric value
        /// (`一 二 两 十 百 千 万`…), `①` and `½`. Write `[0-9]` for ASCII digits only.
        static var digits: ScalarSet { builtIn.digits }

        /// `\w`: alphabetic or numeric scalars and `_`, as Swift `Regex`'s default `\w`.
        static var wordCharacters: ScalarSet { builtIn.word }

        /// `\s`: scalars with the Unicode `White_Space` property, as Swift `Regex`'s default `\s`.
        static var whitespace: ScalarSet { builtIn.whitespace }

        /// `\d`, `\w` and `\s`, from the tables in `LinearRegex+UnicodeClasses.swift` (generated from
        /// the toolchain's Unicode properties by `Scripts/generate-regex-classes.swift`). Computing them
        /// from the properties of every scalar took about 30 ms per process, most of a rule set's
        /// compile time; the tables load at once, and a test checks them against the toolchain.
        private static let builtIn: (digits: ScalarSet, word: ScalarSet, whitespace: ScalarSet) = (
            ScalarSet(normalizing: UnicodeClasses.digits), ScalarSet(normalizing: UnicodeClasses.word),
            ScalarSet(normalizing: UnicodeClasses.whitespace)
        )
    }
}
