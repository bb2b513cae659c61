import Kefu

/// Checks a rule's regular expression at load time: it must be in the syntax that Kefu's
/// linear-time engine supports.
///
/// The engine (`LinearRegex` in Kefu) never backtracks, so every pattern it accepts runs in time
/// linear in the message, nested repetition such as `(a+)+$` included. What needs a backtracking
/// engine (backreferences, lookarounds, atomic groups, possessive quantifiers) is refused, with
/// the reason and where in the pattern.
enum RegexCheck {
    /// The reason a pattern is refused, or `nil` when it is fine.
    static func problem(in pattern: String) -> String? {
        guard let (message, offset) = LinearRegex.problem(in: pattern) else { return nil }
        return "'\(pattern)': \(message) (at character \(offset + 1) of the pattern)"
    }
}
