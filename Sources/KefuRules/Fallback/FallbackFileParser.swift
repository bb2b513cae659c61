import Kefu

/// Reads `fallback.yaml`, the learned fallback `kefu learn` writes, reporting every problem as
/// `file:line:column: error: message [code]`.
///
/// The file is YAML in the fixed layout ``FallbackDefinition/render()`` writes, and it is read
/// line by line rather than through a YAML parser: it holds thousands of feature lines, and
/// loading the rules must stay fast. Comments and blank lines may go anywhere. A file edited out
/// of that layout (flow lists on one line, double-quoted feature names, two-space indentation)
/// gets an error at the first character that does not fit.
///
/// ```swift
/// let (definition, diagnostics, _) = FallbackFileParser.parse(text, file: "Rules/fallback.yaml")
/// ```
package enum FallbackFileParser {
    /// Where a class id was written, so that the loader can point at one that names no intent.
    package struct ClassMark: Sendable, Hashable {
        /// The class id.
        package let id: String
        /// 1-based line.
        package let line: Int
        /// 1-based column, in Unicode scalars.
        package let column: Int
    }

    /// The keys of the `fallback` mapping, in the order they are written.
    static let keys = ["source", "confidence", "classes", "prior", "unseen", "features"]

    /// Parses the text of a fallback file.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - file: The name used in diagnostics.
    /// - Returns: The definition (`nil` when there are errors), the errors, and where each class
    ///   id was written.
    package static func parse(_ text: String, file: String) -> (FallbackDefinition?, [RuleDiagnostic], [ClassMark]) {
        var state = State(file: file)
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = Array(rawLine.unicodeScalars)
            if line.last == "\r" { line.removeLast() }
            state.read(line, number: number)
            if state.diagnostics.count >= 20 { break }  // a file far out of layout: the first errors say enough
        }
        state.finish(lastLine: number)
        let diagnostics = state.diagnostics
        guard diagnostics.isEmpty else { return (nil, diagnostics, state.classMarks) }
        let definition = FallbackDefinition(
            source: state.source ?? "", confidence: state.confidence ?? 0, classes: state.classes ?? [],
            priors: state.priors ?? [], unseen: state.unseen ?? [], features: state.features)
        return (definition, [], state.classMarks)
    }
}

extension FallbackFileParser {
    /// The parser's progress through the file.
    private struct State {
        let file: String
        var diagnostics: [RuleDiagnostic] = []
        var sawRoot = false
        var rootLine = 1
        var inFeatures = false
        var seenKeys: Set<String> = []
        var source: String?
        var confidence: Double?
        var classes: [String]?
        var classMarks: [ClassMark] = []
        var priors: [Double]?
        var unseen: [Double]?
        var features: [FallbackDefinition.Feature] = []
        /// Lists whose length is checked against the classes at the end: key, values, position.
        var lengthChecks: [(key: String, count: Int, line: Int, column: Int)] = []
        var featureKeys: [UInt64: Int] = [:]

        init(file: String) {
            self.file = file
        }

        mutating func error(_ message: String, code: String, line: Int, column: Int) {
            diagnostics.append(RuleDiagnostic(file: file, line: line, column: column, message: message, code: code))
        }

        mutating func read(_ line: [Unicode.Scalar], number: Int) {
            var indent = 0
            while indent < line.count, line[indent] == " " { indent += 1 }
            if indent == line.count || line[indent] == "#" { return }
            if line[indent] == "\t" {
                error("a tab in indentation; indent with spaces", code: "yaml-syntax", line: number, column: indent + 1)
                return
            }
            var cursor = Cursor(scalars: line, position: indent, line: number)
            switch indent {
            case 0:
                let key = cursor.word()
                guard key == "fallback", !sawRoot else {
                    let message = sawRoot
                        ? "duplicate key 'fallback'"
                        : DidYouMean.message(
                            "unknown top-level key '\(key)' in a fallback file", for: key, among: ["fallback"])
                    error(message, code: sawRoot ? "duplicate-key" : "unknown-key", line: number, column: 1)
                    return
                }
                sawRoot = true
                rootLine = number
                expectEnd(&cursor, after: ":", context: "'fallback'")
            case 2 where sawRoot:
                inFeatures = false
                readKey(&cursor)
            case 4 where inFeatures:
                readFeature(&cursor)
            default:
                error(
                    sawRoot ? "unexpected indentation of \(indent) spaces" : "expected 'fallback:' first",
                    code: "yaml-syntax", line: number, column: indent + 1)
            }
        }

        /// `:` then nothing but spaces or a comment.
        mutating func expectEnd(_ cursor: inout Cursor, after punctuation: Unicode.Scalar, context: String) {
            guard cursor.take(punctuation) else {
                error("expected '\(punctuation)' after \(context)", code: "yaml-syntax", line: cursor.line,
                      column: cursor.column)
                return
            }
            cursor.skipSpaces()
            if !cursor.isAtEnd, cursor.peek != "#" {
                error("unexpected '\(cursor.rest)' after \(context)", code: "yaml-syntax", line: cursor.line,
                      column: cursor.column)
            }
        }

        mutating func readKey(_ cursor: inout Cursor) {
            let column = cursor.column
            let key = cursor.word()
            guard Self.isKnown(key) else {
                error(DidYouMean.message("unknown key '\(key)' in 'fallback'", for: key, among: FallbackFileParser.keys),
                      code: "unknown-key", line: cursor.line, column: column)
                return
            }
            guard seenKeys.insert(key).inserted else {
                error("duplicate key '\(key)' in 'fallback'", code: "duplicate-key", line: cursor.line, column: column)
                return
            }
            if key == "features" {
                expectEnd(&cursor, after: ":", context: "'features'")
                inFeatures = true
                return
            }
            guard cursor.take(":") else {
                error("expected ':' after '\(key)'", code: "yaml-syntax", line: cursor.line, column: cursor.column)
                return
            }
            cursor.skipSpaces()
            let valueColumn = cursor.column
            do {
                switch key {
                case "source": source = try cursor.quoted()
                case "confidence":
                    let value = try cursor.number()
                    guard value > 0, value <= 1 else {
                        error("confidence \(cursor.text(from: valueColumn)) is out of range; expected above 0 up to 1",
                              code: "invalid-value", line: cursor.line, column: valueColumn)
                        return
                    }
                    confidence = value
                case "classes":
                    let ids = try cursor.identifiers()
                    classes = ids.map(\.id)
                    var seen: Set<String> = []
                    for (id, column) in ids {
                        classMarks.append(ClassMark(id: id, line: cursor.line, column: column))
                        if !seen.insert(id).inserted {
                            error("duplicate class '\(id)'", code: "duplicate-class", line: cursor.line, column: column)
                        }
                    }
                case "prior":
                    priors = try cursor.numbers()
                    lengthChecks.append((key, priors?.count ?? 0, cursor.line, valueColumn))
                default:
                    unseen = try cursor.numbers()
                    lengthChecks.append((key, unseen?.count ?? 0, cursor.line, valueColumn))
                }
                cursor.skipSpaces()
                if !cursor.isAtEnd, cursor.peek != "#" {
                    error("unexpected '\(cursor.rest)' after '\(key)'", code: "yaml-syntax", line: cursor.line,
                          column: cursor.column)
                }
            } catch {
                diagnostics.append(RuleDiagnostic(file: file, line: error.line, column: error.column,
                                                  message: error.message, code: "yaml-syntax"))
            }
        }

        static func isKnown(_ key: String) -> Bool { FallbackFileParser.keys.contains(key) }

        mutating func readFeature(_ cursor: inout Cursor) {
            let column = cursor.column
            do {
                let text = try cursor.quoted()
                guard cursor.take(":") else {
                    error("expected ':' after feature \(FallbackDefinition.quote(text))", code: "yaml-syntax",
                          line: cursor.line, column: cursor.column)
                    return
                }
                cursor.skipSpaces()
                let listColumn = cursor.column
                let weights = try cursor.numbers()
                cursor.skipSpaces()
                if !cursor.isAtEnd, cursor.peek != "#" {
                    error("unexpected '\(cursor.rest)' after a feature's weights", code: "yaml-syntax",
                          line: cursor.line, column: cursor.column)
                    return
                }
                guard let key = FallbackFeature.key(of: text) else {
                    error("feature \(FallbackDefinition.quote(text)) is not one or two characters of normalized text",
                          code: "invalid-feature", line: cursor.line, column: column)
                    return
                }
                if let first = featureKeys[key] {
                    error("duplicate feature \(FallbackDefinition.quote(text)); first on line \(first)",
                          code: "duplicate-feature", line: cursor.line, column: column)
                    return
                }
                featureKeys[key] = cursor.line
                lengthChecks.append(("feature " + FallbackDefinition.quote(text), weights.count, cursor.line, listColumn))
                features.append(FallbackDefinition.Feature(text: text, weights: weights))
            } catch {
                diagnostics.append(RuleDiagnostic(file: file, line: error.line, column: error.column,
                                                  message: error.message, code: "yaml-syntax"))
            }
        }

        mutating func finish(lastLine: Int) {
            guard sawRoot else {
                error("expected 'fallback:'; the file has no model", code: "missing-key", line: max(1, lastLine),
                      column: 1)
                return
            }
            for key in ["confidence", "classes", "prior", "unseen", "features"] where !seenKeys.contains(key) {
                error("missing '\(key)' in 'fallback'", code: "missing-key", line: rootLine, column: 1)
            }
            guard let classes else { return }
            for check in lengthChecks where check.count != classes.count {
                error("\(check.key): expected \(classes.count) numbers, one per class, found \(check.count)",
                      code: "invalid-value", line: check.line, column: check.column)
            }
        }
    }
}
