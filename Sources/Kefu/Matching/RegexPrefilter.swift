/// The characters a regular expression's match can start with, when that set is small and
/// literal: a message holding none of them cannot match, so the expression is not run.
///
/// Swift's `Regex` engine costs microseconds per message and per expression (measured: 29
/// expressions took ~450 µs a message before this filter), so the matcher asks this filter first.
/// The analysis is conservative: anything it does not understand (`.`, `\w`, a negated class,
/// a lookaround) makes the set unknown, and the expression always runs.
enum RegexPrefilter {
    /// The first UTF-16 code units of every possible match, or `nil` when unknown or unbounded.
    static func firstUnits(of pattern: String) -> Set<UInt16>? {
        var parser = Parser(Array(pattern.unicodeScalars))
        guard let first = parser.alternation(), parser.isAtEnd, !first.canBeEmpty, let units = first.units else {
            return nil
        }
        return units
    }

    /// The FIRST set of a sub-pattern: its first units (`nil`: unknown) and whether it can match empty.
    struct First {
        var units: Set<UInt16>?
        var canBeEmpty: Bool

        static let empty = First(units: [], canBeEmpty: true)
        static let unknown = First(units: nil, canBeEmpty: false)

        /// This followed by `next`.
        func then(_ next: First) -> First {
            guard canBeEmpty else { return self }
            guard let units, let other = next.units else { return First(units: nil, canBeEmpty: false) }
            return First(units: units.union(other), canBeEmpty: next.canBeEmpty)
        }

        /// This or `other`.
        func or(_ other: First) -> First {
            guard let units, let more = other.units else {
                return First(units: nil, canBeEmpty: canBeEmpty || other.canBeEmpty)
            }
            return First(units: units.union(more), canBeEmpty: canBeEmpty || other.canBeEmpty)
        }
    }

    struct Parser {
        let scalars: [Unicode.Scalar]
        var i = 0

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        var isAtEnd: Bool { i >= scalars.count }

        mutating func alternation() -> First? {
            guard var result = sequence() else { return nil }
            while i < scalars.count, scalars[i] == "|" {
                i += 1
                guard let next = sequence() else { return nil }
                result = result.or(next)
            }
            return result
        }

        mutating func sequence() -> First? {
            var result = First.empty
            while i < scalars.count, scalars[i] != "|", scalars[i] != ")" {
                guard var atom = atom() else { return nil }
                if i < scalars.count {
                    switch scalars[i] {
                    case "?", "*":
                        atom.canBeEmpty = true
                        i += 1
                    case "+":
                        i += 1
                    case "{":
                        var text = ""
                        i += 1
                        while i < scalars.count, scalars[i] != "}" {
                            text.unicodeScalars.append(scalars[i])
                            i += 1
                        }
                        i += 1
                        let minimum = Int(text.split(separator: ",", omittingEmptySubsequences: false).first ?? "") ?? 0
                        if minimum == 0 { atom.canBeEmpty = true }
                    default: break
                    }
                    if i < scalars.count, scalars[i] == "?" || scalars[i] == "+" { i += 1 }  // lazy, possessive
                }
                result = result.then(atom)
            }
            return result
        }

        mutating func atom() -> First? {
            let c = scalars[i]
            i += 1
            switch c {
            case "^", "$":
                return .empty
            case "(":
                if i < scalars.count, scalars[i] == "?" {
                    // (?:…) is a plain group; lookarounds and other constructs: unknown.
                    guard i + 1 < scalars.count, scalars[i + 1] == ":" else { return nil }
                    i += 2
                }
                guard let inner = alternation(), i < scalars.count, scalars[i] == ")" else { return nil }
                i += 1
                return inner
            case "[":
                return characterClass()
            case "\\":
                guard i < scalars.count else { return nil }
                let escaped = scalars[i]
                i += 1
                if escaped == "d" { return First(units: Set((0x30...0x39).map { UInt16($0) }), canBeEmpty: false) }
                if escaped.properties.isAlphabetic || ("0"..."9").contains(escaped) { return .unknown }
                return literal(escaped)
            case ".":
                return .unknown
            default:
                return literal(c)
            }
        }

        mutating func characterClass() -> First? {
            guard i < scalars.count else { return nil }
            var units: Set<UInt16> = []
            var known = scalars[i] != "^"
            var previous: Unicode.Scalar?
            while i < scalars.count, scalars[i] != "]" || previous == nil && units.isEmpty && false {
                var c = scalars[i]
                i += 1
                if c == "\\" {
                    guard i < scalars.count else { return nil }
                    c = scalars[i]
                    i += 1
                    if c == "d" {
                        units.formUnion((0x30...0x39).map { UInt16($0) })
                        previous = nil
                        continue
                    }
                    if c.properties.isAlphabetic { known = false }
                } else if c == "-", let low = previous, i < scalars.count, scalars[i] != "]" {
                    let high = scalars[i]
                    i += 1
                    if high.value < low.value || high.value - low.value > 256 {
                        known = false
                    } else {
                        for v in low.value...high.value {
                            if let s = Unicode.Scalar(v) { units.insert(firstUnit(s)) }
                        }
                    }
                    previous = nil
                    continue
                }
                units.insert(firstUnit(c))
                previous = c
            }
            guard i < scalars.count else { return nil }
            i += 1  // ]
            return known ? First(units: units, canBeEmpty: false) : .unknown
        }

        func literal(_ c: Unicode.Scalar) -> First {
            First(units: [firstUnit(c)], canBeEmpty: false)
        }

        func firstUnit(_ c: Unicode.Scalar) -> UInt16 {
            UTF16.encode(c).map { $0[0] } ?? 0
        }
    }
}

extension UTF16 {
    /// The UTF-16 code units of a scalar.
    fileprivate static func encode(_ scalar: Unicode.Scalar) -> [UInt16]? {
        Array(String(scalar).utf16)
    }
}
