import Foundation
import Kefu

/// Loads a rule set: a directory with `lexicon.txt` and YAML rule files, or the same as text.
///
/// ```swift
/// let rules = try RuleSetLoader.load(directory: "Rules")
/// rules.analyze("能包邮吗").intents.first?.id   // "shipping"
/// ```
///
/// Every problem in every file is reported, each as `file:line:column: error: message [code]`.
public enum RuleSetLoader {
    /// A rule file given as text.
    public struct File: Sendable, Hashable {
        /// The name used in diagnostics (`Rules/intents/size.yaml`).
        public var name: String
        /// The file's contents.
        public var text: String

        /// Creates a rule file.
        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// The name of the lexicon file in a rules directory.
    public static let lexiconFileName = "lexicon.txt"
    /// The largest rule file read, in bytes.
    public static let maximumFileSize = 8 << 20

    /// Loads and compiles the rules in a directory: `lexicon.txt`, every `*.yaml`/`*.yml` under
    /// it, in path order, and the learned model `model.tsv`.
    ///
    /// - Parameter directory: The rules directory (`Rules`).
    /// - Returns: The compiled rule set.
    /// - Throws: ``RuleLoadError`` with every problem found.
    public static func load(directory: String) throws(RuleLoadError) -> RuleSet {
        let files = try files(in: directory)
        return try load(files: files)
    }

    /// Reads the files of a rules directory (the lexicon first), without compiling them.
    ///
    /// - Throws: ``RuleLoadError`` when the directory or a file cannot be read.
    public static func files(in directory: String) throws(RuleLoadError) -> [File] {
        let root = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleLoadError(diagnostics: [
                RuleDiagnostic(file: root, line: 1, column: 1, message: "no rules directory at '\(root)'",
                               code: "unreadable-file")
            ])
        }
        let relativePaths = listFiles(under: root, endingIn: [".yaml", ".yml"])
        var files: [File] = []
        var diagnostics: [RuleDiagnostic] = []
        let lexiconPath = root + "/" + lexiconFileName
        for path in [lexiconFileName] + relativePaths + [modelFileName] {
            let fullPath = root + "/" + path
            if path == lexiconFileName, !FileManager.default.fileExists(atPath: lexiconPath) { continue }
            if path == modelFileName, !FileManager.default.fileExists(atPath: fullPath) { continue }
            do {
                files.append(File(name: fullPath, text: try read(fullPath)))
            } catch let diagnostic as RuleDiagnostic {
                diagnostics.append(diagnostic)
            } catch {
                diagnostics.append(
                    RuleDiagnostic(file: fullPath, line: 1, column: 1, message: "cannot read: \(error)",
                                   code: "unreadable-file"))
            }
        }
        if !diagnostics.isEmpty { throw RuleLoadError(diagnostics: diagnostics.sorted()) }
        return files
    }

    private static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleDiagnostic(file: path, line: 1, column: 1, message: "cannot read the file", code: "unreadable-file")
        }
        guard data.count <= maximumFileSize else {
            throw RuleDiagnostic(
                file: path, line: 1, column: 1,
                message: "file is \(data.count) bytes; rule files are limited to \(maximumFileSize) bytes",
                code: "too-large")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let valid = String(decoding: data, as: UTF8.self)
            let line = (valid.split(separator: "\u{FFFD}", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .reduce(into: 1) { count, c in if c == "\n" { count += 1 } }
            throw RuleDiagnostic(file: path, line: line, column: 1, message: "the file is not valid UTF-8",
                                 code: "invalid-utf8")
        }
        return text
    }

    /// Compiles rule files given as text: a file named `…lexicon.txt` is the lexicon, the others YAML.
    ///
    /// Two threads share the work: while this one walks a YAML file's nodes, another composes
    /// the next file, and once the rules are read, the other parses the learned model while
    /// this one compiles the rules.
    ///
    /// - Parameter files: The files, in the order they are read.
    /// - Returns: The compiled rule set.
    /// - Throws: ``RuleLoadError`` with every problem found.
    public static func load(files: [File]) throws(RuleLoadError) -> RuleSet {
        var (parser, diagnostics) = parseRules(files, recordingUses: false)
        // The learned model needs the rules' intents, and nothing the compiler does.
        let model = Handoff(count: 1) { [parser] _ in
            var parser = parser
            let diagnostics = parseModel(files, into: &parser)
            return (diagnostics: diagnostics, model: parser.builder.model)
        }
        var modelResult: (diagnostics: [RuleDiagnostic], model: IntentModel?)?
        func parsedModel() -> (diagnostics: [RuleDiagnostic], model: IntentModel?) {
            if let modelResult { return modelResult }
            let result = model.take(0)
            modelResult = result
            return result
        }
        parser.finish()
        diagnostics += parser.diagnostics
        // The rules are compiled only when no file has an error; the model file's are not
        // known yet, and a rule set compiled meanwhile is dropped if it has one.
        var built: Result<RuleSet, RuleSetBuilder.BuildError>?
        if !diagnostics.contains(where: { $0.severity == .error }) {
            built = Result { () throws(RuleSetBuilder.BuildError) in
                try parser.builder.build(model: { parsedModel().model })
            }
        }
        diagnostics += parsedModel().diagnostics
        guard !diagnostics.contains(where: { $0.severity == .error }), let built else {
            throw RuleLoadError(diagnostics: diagnostics.sorted())
        }
        switch built {
        case .success(let rules):
            return rules
        case .failure(let error):
            throw RuleLoadError(diagnostics: [
                RuleDiagnostic(file: files.last?.name ?? "rules", line: 1, column: 1, message: error.description,
                               code: "invalid-rules")
            ])
        }
    }

    /// Parses the files into a builder, collecting the lexicon's and the YAML's problems, the
    /// learned model's included.
    static func parse(_ files: [File]) -> (RuleFileParser, [RuleDiagnostic]) {
        var (parser, diagnostics) = parseRules(files, recordingUses: true)
        diagnostics += parseModel(files, into: &parser)
        return (parser, diagnostics)
    }

    /// Parses the lexicon and the YAML rule files (not the learned model) into a builder; the
    /// YAML files are composed on another thread, each while the one before is walked.
    ///
    /// - Parameter recordingUses: Whether the parser records where terms and texts were written
    ///   (for lint).
    private static func parseRules(_ files: [File], recordingUses: Bool) -> (RuleFileParser, [RuleDiagnostic]) {
        let ruleFiles = files.filter { !$0.name.hasSuffix(lexiconFileName) && !isModelFile($0.name) }
        let texts = ruleFiles.map(\.text)
        let composed = Handoff(count: texts.count) { index in Result { try RuleFileParser.compose(texts[index]) } }
        var diagnostics: [RuleDiagnostic] = []
        var entries: [Lexicon.Entry] = []
        for file in files where file.name.hasSuffix(lexiconFileName) {
            do {
                entries += try Lexicon(parsing: file.text).entries
            } catch let error as Lexicon.ParseError {
                diagnostics.append(
                    RuleDiagnostic(file: file.name, line: error.line, column: error.column, message: error.message,
                                   code: "lexicon-syntax"))
            } catch {
                diagnostics.append(
                    RuleDiagnostic(file: file.name, line: 1, column: 1, message: "\(error)", code: "lexicon-syntax"))
            }
        }
        var parser = RuleFileParser(builder: RuleSetBuilder(lexicon: Lexicon(entries)), recordsUses: recordingUses)
        for (index, file) in ruleFiles.enumerated() {
            parser.parse(composed.take(index), text: file.text, file: file.name)
        }
        return (parser, diagnostics)
    }
}
