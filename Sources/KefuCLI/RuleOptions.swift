import ArgumentParser
import Foundation
import Kefu
import KefuRules

/// Where the rules come from: `--rules DIR`, else `$KEFU_RULES`, else the shipped `Rules/`.
struct RuleOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The rules directory (default: $KEFU_RULES, else the package's Rules/).", valueName: "dir"))
    var rules: String?

    /// The rules directory to use.
    ///
    /// Without `--rules` or `KEFU_RULES`: `Rules/` in the package the binary was built in (found by
    /// walking up from the executable), else `./Rules`.
    func directory() -> String {
        if let rules { return rules }
        if let env = ProcessInfo.processInfo.environment["KEFU_RULES"], !env.isEmpty { return env }
        let fm = FileManager.default
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = executable.deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("Rules")
            if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
                fm.fileExists(atPath: candidate.path)
            {
                return candidate.path
            }
            dir = dir.deletingLastPathComponent()
        }
        return "Rules"
    }
}

extension RuleOptions {
    /// Loads and compiles the rules; on failure prints every diagnostic and exits with status 2.
    func loadRules() throws -> RuleSet {
        try Self.loadRules(from: directory(), hint: " (use --rules DIR or KEFU_RULES)")
    }

    /// Loads and compiles the rules of a directory; on failure prints every diagnostic and exits
    /// with status 2.
    static func loadRules(from directory: String, hint: String = "") throws -> RuleSet {
        do {
            return try RuleSetLoader.load(directory: directory)
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            printError("kefu: cannot load the rules in '\(directory)'\(hint)")
            throw ExitCode(2)
        }
    }

    /// The `Corpus/` directory beside a rules directory (`Rules/` → `Corpus/`).
    static func corpusDirectory(besides rules: String) -> String {
        URL(fileURLWithPath: rules).deletingLastPathComponent().appendingPathComponent("Corpus").path
    }
}
