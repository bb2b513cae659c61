import Foundation

/// One labelled shopper message of a corpus file.
///
/// The line format, tab-separated: the gold intents joined by `+` (the first is the main one, or
/// `none`), optional `@tags` after a space, a tab, then the message as the shopper typed it:
/// ```text
/// size+shipping @trad	這件L碼多長？包郵嗎
/// none @hard	手机号码发你了
/// ```
/// Blank lines and lines starting with `#` are skipped.
public struct CorpusLine: Sendable, Hashable {
    /// The file the line is in.
    public let file: String
    /// The 1-based line number.
    public let line: Int
    /// The gold intents, main first; empty for `none`.
    public let intents: [String]
    /// Tags such as `trad`, `typo`, `hard` (without `@`).
    public let tags: [String]
    /// The message.
    public let message: String

    /// `file:line`.
    public var position: String { "\(file):\(line)" }
}

/// Reads corpus files.
public enum CorpusReader {
    /// Reads every `*.tsv` file in the given files and directories (recursively, path order).
    ///
    /// - Parameters:
    ///   - paths: Corpus files or directories (`Corpus/`, `Corpus/test`).
    ///   - intents: The intent ids labels may use; a line with another label is a diagnostic.
    /// - Returns: The lines and the problems found (unreadable files, malformed lines, unknown labels).
    public static func read(_ paths: [String], intents: Set<String>) -> ([CorpusLine], [RuleDiagnostic]) {
        var lines: [CorpusLine] = []
        var diagnostics: [RuleDiagnostic] = []
        for file in expand(paths) {
            guard let data = FileManager.default.contents(atPath: file) else {
                diagnostics.append(RuleDiagnostic(file: file, line: 1, column: 1, message: "cannot read the file",
                                                  code: "unreadable-file"))
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            let (parsed, problems) = parse(text, file: file, intents: intents)
            lines += parsed
            diagnostics += problems
        }
        return (lines, diagnostics)
    }

    /// The `.tsv` files named or under the named directories, sorted within each directory.
    static func expand(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                files.append(path)
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let root = path.hasSuffix("/") ? String(path.dropLast()) : path
            files += listFiles(under: root, endingIn: [".tsv"]).map { root + "/" + $0 }
        }
        return files
    }

    /// Parses corpus text.
    public static func parse(_ text: String, file: String, intents: Set<String>) -> ([CorpusLine], [RuleDiagnostic]) {
        var lines: [CorpusLine] = []
        var diagnostics: [RuleDiagnostic] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rawLine = Substring(raw)
            if rawLine.hasSuffix("\r") { rawLine = rawLine.dropLast() }
            if rawLine.trimmingCharacters(in: .whitespaces).isEmpty || rawLine.hasPrefix("#") { continue }
            let number = index + 1
            guard let tab = rawLine.firstIndex(of: "\t") else {
                diagnostics.append(RuleDiagnostic(file: file, line: number, column: 1,
                                                  message: "expected 'LABELS<TAB>MESSAGE'", code: "corpus-syntax"))
                continue
            }
            let head = rawLine[..<tab].split(separator: " ")
            let message = String(rawLine[rawLine.index(after: tab)...])
            guard let labelField = head.first else {
                diagnostics.append(RuleDiagnostic(file: file, line: number, column: 1, message: "missing labels",
                                                  code: "corpus-syntax"))
                continue
            }
            var labels: [String] = []
            var column = 1
            for label in labelField.split(separator: "+", omittingEmptySubsequences: false) {
                let name = String(label)
                if name == "none" {
                    if labelField != "none" {
                        diagnostics.append(RuleDiagnostic(file: file, line: number, column: column,
                                                          message: "'none' cannot be combined with other intents",
                                                          code: "corpus-syntax"))
                    }
                } else if !intents.contains(name) {
                    diagnostics.append(RuleDiagnostic(
                        file: file, line: number, column: column,
                        message: DidYouMean.message("unknown intent '\(name)'", for: name, among: intents.sorted()),
                        code: "undefined-intent"))
                } else {
                    labels.append(name)
                }
                column += name.unicodeScalars.count + 1
            }
            let tags = head.dropFirst().map { $0.hasPrefix("@") ? String($0.dropFirst()) : String($0) }
            lines.append(CorpusLine(file: file, line: number, intents: labels, tags: tags, message: message))
        }
        return (lines, diagnostics)
    }
}
