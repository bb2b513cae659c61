import Kefu

extension RuleSetLoader {
    /// The name of the learned intent model's file in a rules directory (optional; `kefu learn`
    /// writes it).
    public static let modelFileName = "model.tsv"

    /// Whether a rule file is the learned model rather than rules.
    static func isModelFile(_ name: String) -> Bool {
        name == modelFileName || name.hasSuffix("/" + modelFileName)
    }

    /// Parses the model file, if there is one, into the builder; its classes and the intents its
    /// rule rows name must be intents of the rules already parsed (or `none`).
    ///
    /// - Returns: The problems found, each with its position in the file.
    static func parseModel(_ files: [File], into parser: inout RuleFileParser) -> [RuleDiagnostic] {
        var diagnostics: [RuleDiagnostic] = []
        for file in files where isModelFile(file.name) {
            let (definition, problems, marks) = IntentModelFileParser.parse(file.text, file: file.name)
            diagnostics += problems
            let intents = parser.builder.intents.map(\.id)
            let known = Set(intents)
            for mark in marks where !known.contains(mark.id) {
                diagnostics.append(
                    RuleDiagnostic(
                        file: file.name,
                        line: mark.line,
                        column: mark.column,
                        message: DidYouMean.message(
                            "unknown intent '\(mark.id)' in the model",
                            for: mark.id,
                            among: intents + [IntentModelDefinition.noneClass]
                        ),
                        code: "unknown-intent"
                    )
                )
            }
            if let definition, diagnostics.isEmpty { parser.builder.model = definition.compiled(intentIDs: intents) }
        }
        return diagnostics
    }
}
