/// A problem in a rule file, with the position an editor can jump to.
///
/// Printed in the compiler's format, `file:line:column: severity: message [code]`:
/// ```text
/// Rules/intents/size.yaml:12:7: error: unknown key 'wieght'; did you mean 'weight'? [unknown-key]
/// ```
public struct RuleDiagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How bad a problem is.
    public enum Severity: String, Sendable, Hashable {
        /// The rule set cannot be used.
        case error
        /// The rule set works, but probably not as its author meant.
        case warning
    }

    /// The file, as the loader was given it (`Rules/intents/size.yaml`).
    public let file: String
    /// The 1-based line.
    public let line: Int
    /// The 1-based column, in Unicode scalars (as an editor counts characters).
    public let column: Int
    /// How bad it is.
    public let severity: Severity
    /// What is wrong, quoting the input.
    public let message: String
    /// A stable code for the kind of problem (`unknown-key`, `undefined-concept`…).
    public let code: String

    /// Creates a diagnostic.
    public init(file: String, line: Int, column: Int, severity: Severity = .error, message: String, code: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.code = code
    }

    /// `file:line:column: severity: message [code]`.
    public var description: String { "\(file):\(line):\(column): \(severity.rawValue): \(message) [\(code)]" }

    /// Orders by file, line, column, then message.
    public static func < (a: RuleDiagnostic, b: RuleDiagnostic) -> Bool {
        (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
    }
}

/// Why a rule set could not be loaded: every error found, sorted by position.
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    /// The problems, errors and warnings, sorted.
    public let diagnostics: [RuleDiagnostic]

    /// One diagnostic a line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
