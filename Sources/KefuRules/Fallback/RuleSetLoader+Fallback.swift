import Kefu

extension RuleSetLoader {
    /// The name of the learned fallback's file in a rules directory (optional; `kefu learn` writes it).
    public static let fallbackFileName = "fallback.yaml"

    /// Whether a rule file is the learned fallback rather than rules.
    static func isFallbackFile(_ name: String) -> Bool {
        name == fallbackFileName || name.hasSuffix("/" + fallbackFileName)
    }

    /// Parses the fallback file, if there is one, into the builder; its classes must be intents of
    /// the rules already parsed, or `none`.
    ///
    /// - Returns: The problems found, each with its position in the file.
    static func parseFallback(_ files: [File], into parser: inout RuleFileParser) -> [RuleDiagnostic] {
        var diagnostics: [RuleDiagnostic] = []
        for file in files where isFallbackFile(file.name) {
            let (definition, problems, classes) = FallbackFileParser.parse(file.text, file: file.name)
            diagnostics += problems
            let intents = parser.builder.intents.map(\.id)
            for mark in classes where mark.id != FallbackDefinition.noneClass && !intents.contains(mark.id) {
                diagnostics.append(RuleDiagnostic(
                    file: file.name, line: mark.line, column: mark.column,
                    message: DidYouMean.message("unknown intent '\(mark.id)' in 'fallback.classes'", for: mark.id,
                                                among: intents + [FallbackDefinition.noneClass]),
                    code: "unknown-intent"))
            }
            if let definition, diagnostics.isEmpty { parser.builder.fallback = definition.compiled() }
        }
        return diagnostics
    }
}
