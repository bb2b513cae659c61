import ArgumentParser
import Foundation
import KefuRules

/// `kefu lint`: every problem of a rule set, with the source line and a caret.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a rules directory: errors and warnings as file:line:column, with a caret.",
        discussion: "Exit status 1 when there are errors (or warnings, with --strict), 0 otherwise."
    )

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Argument(help: "The rules directory (default: --rules, $KEFU_RULES, else the package's Rules/).")
    var directory: String?

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        let root = directory ?? ruleOptions.directory()
        let diagnostics = RuleLinter.lint(directory: root)
        var out = OutputWriter(fd: 1)
        var sources: [String: String] = [:]
        for diagnostic in diagnostics {
            if sources[diagnostic.file] == nil {
                sources[diagnostic.file] = FileManager.default.contents(atPath: diagnostic.file)
                    .map { String(decoding: $0, as: UTF8.self) } ?? ""
            }
            out.writeLine(RuleLinter.render(diagnostic, source: sources[diagnostic.file]))
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        out.writeLine("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        out.flush()
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }
}
