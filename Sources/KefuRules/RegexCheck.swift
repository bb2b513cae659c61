/// Checks a rule's regular expression at load time: it must compile, and it must not be able to
/// backtrack catastrophically.
///
/// Swift's `Regex` engine backtracks, so a pattern such as `(a+)+$` takes time exponential in the
/// message. Rather than run a second engine, the loader rejects the constructs that cause it: a
/// quantified group that itself contains a quantifier, backreferences and lookarounds. What remains runs in
/// time linear in the message (times the pattern's size).
enum RegexCheck {
    /// The reason a pattern is refused, or `nil` when it is fine.
    static func problem(in pattern: String) -> String? {
        do {
            _ = try Regex(pattern)
        } catch {
            return "'\(pattern)': \(error)"
        }
        // Walk the pattern: for each group, whether it contains a quantifier; a quantifier right
        // after a group that does is nested repetition.
        var stack: [Bool] = []
        var lastGroupHadQuantifier = false
        var previousWasGroupEnd = false
        var characters = Array(pattern)
        var i = 0
        var inClass = false
        while i < characters.count {
            let c = characters[i]
            defer { i += 1 }
            if c == "\\" {
                if i + 1 < characters.count, characters[i + 1].isNumber, characters[i + 1] != "0" {
                    return "'\(pattern)': backreferences are not allowed (they need a backtracking engine)"
                }
                if i + 1 < characters.count, characters[i + 1] == "k" {
                    return "'\(pattern)': backreferences are not allowed (they need a backtracking engine)"
                }
                i += 1
                previousWasGroupEnd = false
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                continue
            }
            switch c {
            case "[":
                inClass = true
                previousWasGroupEnd = false
            case "(":
                if i + 2 < characters.count, characters[i + 1] == "?",
                    characters[i + 2] == "=" || characters[i + 2] == "!"
                        || (characters[i + 2] == "<" && i + 3 < characters.count
                            && (characters[i + 3] == "=" || characters[i + 3] == "!"))
                {
                    return "'\(pattern)': lookarounds are not allowed (they need a backtracking engine); "
                        + "use a 'none' list or a veto instead"
                }
                stack.append(false)
                previousWasGroupEnd = false
            case ")":
                lastGroupHadQuantifier = stack.popLast() ?? false
                if lastGroupHadQuantifier, !stack.isEmpty { stack[stack.count - 1] = true }
                previousWasGroupEnd = true
                continue
            case "*", "+", "?", "{":
                let isQuantifier = c != "?" || (i > 0 && characters[i - 1] != "(")
                if isQuantifier {
                    if previousWasGroupEnd, lastGroupHadQuantifier, c != "?" {
                        return "'\(pattern)': a repeated group contains a repetition (nested quantifiers can take "
                            + "exponential time); rewrite it without the inner or outer repetition"
                    }
                    if c != "?", !stack.isEmpty { stack[stack.count - 1] = true }
                    if c == "{" { while i < characters.count, characters[i] != "}" { i += 1 } }
                }
                previousWasGroupEnd = false
            default:
                previousWasGroupEnd = false
            }
        }
        characters.removeAll()
        return nil
    }
}
