import Kefu

/// Reads `model.tsv`, the learned intent model `kefu learn` writes, reporting every problem as
/// `file:line:column: error: message [code]`.
///
/// The file is read as UTF-8 bytes, one line and one tab-separated field at a time, with the
/// numbers parsed from their bytes: it holds thousands of rows, and loading the rules must stay
/// fast. Comments (`#`) and blank lines may go anywhere. Columns count Unicode scalars.
///
/// ```swift
/// let (definition, diagnostics, marks) = IntentModelFileParser.parse(text, file: "Rules/model.tsv")
/// ```
package enum IntentModelFileParser {
    /// Where an intent id was written (a class, or the intent of a rule row), so that the loader
    /// can point at one the rules do not define.
    package struct IntentMark: Sendable, Hashable {
        /// The id.
        package let id: String
        /// 1-based line.
        package let line: Int
        /// 1-based column, in Unicode scalars.
        package let column: Int
    }

    /// The most diagnostics reported: a file far from the format says enough in its first ones.
    static let diagnosticLimit = 20

    /// Parses the text of a model file.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - file: The name used in diagnostics.
    /// - Returns: The definition (`nil` when there are errors), the errors, and where each intent
    ///   id was written.
    package static func parse(_ text: String, file: String) -> (IntentModelDefinition?, [RuleDiagnostic], [IntentMark])
    {
        var text = text
        return text.withUTF8 { bytes in
            var state = State(file: file, bytes: bytes)
            var start = 0
            var number = 0
            while start <= bytes.count, state.diagnostics.count < diagnosticLimit {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                number += 1
                var lineEnd = end
                if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                state.read(start..<lineEnd, number: number)
                start = end + 1
            }
            state.finish(lastLine: number)
            guard state.diagnostics.isEmpty, let classes = state.classes, let decision = state.decision,
                let bias = state.bias
            else {
                return (nil, state.diagnostics, state.marks)
            }
            let definition = IntentModelDefinition(
                source: state.source ?? "",
                classes: classes,
                decision: decision,
                bias: bias,
                rows: state.rows
            )
            return (definition, [], state.marks)
        }
    }
}

extension IntentModelFileParser {
    /// A field of a line: its bytes.
    fileprivate typealias Field = Range<Int>

    /// The parser's progress through the file.
    fileprivate struct State {
        let file: String
        let bytes: UnsafeBufferPointer<UInt8>
        var diagnostics: [RuleDiagnostic] = []
        var marks: [IntentMark] = []
        var sawVersion = false
        var seenKeys: [String: Int] = [:]
        var source: String?
        var classes: [String]?
        var decision: IntentModel.Decision?
        var bias: [Int]?
        var rows: [IntentModelDefinition.Row] = []
        /// The line of each row so far, by character or word key, or by rule feature and intent.
        var rowLines: [UInt64: Int] = [:]
        var ruleLines: [String: Int] = [:]
        var line = 0
        var lineStart = 0

        init(file: String, bytes: UnsafeBufferPointer<UInt8>) {
            self.file = file
            self.bytes = bytes
        }

        /// The 1-based column of a byte offset of the current line, in Unicode scalars.
        func column(_ offset: Int) -> Int {
            var column = 1
            var i = lineStart
            while i < offset {
                if bytes[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            // Continuation bytes of the scalar at `offset` itself do not count.
            return column
        }

        func string(_ field: Field) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[field]), as: UTF8.self)
        }

        /// A field's text for a message, cut short.
        func quoted(_ field: Field) -> String {
            var text = string(field)
            if text.count > 20 { text = String(text.prefix(20)) + "…" }
            return "'\(text)'"
        }

        mutating func error(_ message: String, code: String, at offset: Int) {
            diagnostics.append(
                RuleDiagnostic(file: file, line: line, column: column(offset), message: message, code: code)
            )
        }

        func fields(_ range: Range<Int>) -> [Field] {
            var tabs = 0
            for i in range where bytes[i] == 0x09 { tabs += 1 }
            var fields: [Field] = []
            fields.reserveCapacity(tabs + 1)
            var start = range.lowerBound
            for i in range where bytes[i] == 0x09 {
                fields.append(start..<i)
                start = i + 1
            }
            fields.append(start..<range.upperBound)
            return fields
        }

        mutating func read(_ range: Range<Int>, number: Int) {
            line = number
            lineStart = range.lowerBound
            guard !range.isEmpty, bytes[range.lowerBound] != 0x23 else { return }  // blank or '#'
            let fields = fields(range)
            let key = string(fields[0])
            guard sawVersion || key == "kefu-model" else {
                error(
                    "expected 'kefu-model\\t\(IntentModelDefinition.version)' before \(quoted(fields[0]))",
                    code: "model-syntax",
                    at: fields[0].lowerBound
                )
                sawVersion = true
                return
            }
            switch key {
            case "rule", "char", "word":
                readRow(key, fields)
            case "kefu-model", "source", "classes", "decision", "bias":
                if let first = seenKeys[key] {
                    error(
                        "duplicate key '\(key)'; first on line \(first)",
                        code: "duplicate-key",
                        at: fields[0].lowerBound
                    )
                    return
                }
                seenKeys[key] = number
                readHeader(key, fields)
            default:
                error(
                    DidYouMean.message(
                        "unknown key \(quoted(fields[0]))",
                        for: key,
                        among: IntentModelDefinition.headerKeys + IntentModelDefinition.rowKeys
                    ),
                    code: "unknown-key",
                    at: fields[0].lowerBound
                )
            }
        }

        mutating func readHeader(_ key: String, _ fields: [Field]) {
            switch key {
            case "kefu-model":
                sawVersion = true
                guard fields.count == 2, string(fields[1]) == String(IntentModelDefinition.version) else {
                    let at = fields.count > 1 ? fields[1].lowerBound : fields[0].upperBound
                    error(
                        "unsupported model version \(fields.count > 1 ? quoted(fields[1]) : "''"); expected "
                            + "\(IntentModelDefinition.version)",
                        code: "invalid-value",
                        at: at
                    )
                    return
                }
            case "source":
                guard fields.count == 2, let text = unescape(fields[1]) else {
                    if fields.count != 2 {
                        error("expected one field after 'source'", code: "model-syntax", at: fields[0].lowerBound)
                    }
                    return
                }
                source = text
            case "classes":
                guard rows.isEmpty else {
                    error(
                        "'classes' after the first row; expected it in the header",
                        code: "model-syntax",
                        at: fields[0].lowerBound
                    )
                    return
                }
                var ids: [String] = []
                for field in fields.dropFirst() {
                    let id = string(field)
                    guard !id.isEmpty,
                        id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F })
                    else {
                        error(
                            "invalid class \(quoted(field)); expected an intent id or 'none'",
                            code: "model-syntax",
                            at: field.lowerBound
                        )
                        return
                    }
                    if ids.contains(id) {
                        error("duplicate class '\(id)'", code: "duplicate-class", at: field.lowerBound)
                    }
                    ids.append(id)
                    if id != IntentModelDefinition.noneClass {
                        marks.append(IntentMark(id: id, line: line, column: column(field.lowerBound)))
                    }
                }
                guard !ids.isEmpty else {
                    error("expected at least one class after 'classes'", code: "model-syntax", at: fields[0].upperBound)
                    return
                }
                classes = ids
            case "decision":
                var values: [String: Double] = [:]
                var i = 1
                while i < fields.count {
                    let name = string(fields[i])
                    guard IntentModelDefinition.decisionNames.contains(name) else {
                        error(
                            DidYouMean.message(
                                "unknown decision setting \(quoted(fields[i]))",
                                for: name,
                                among: IntentModelDefinition.decisionNames
                            ),
                            code: "unknown-key",
                            at: fields[i].lowerBound
                        )
                        return
                    }
                    guard i + 1 < fields.count, let value = Double(string(fields[i + 1])), value.isFinite else {
                        let at = i + 1 < fields.count ? fields[i + 1].lowerBound : fields[i].upperBound
                        error("expected a number after '\(name)'", code: "model-syntax", at: at)
                        return
                    }
                    values[name] = value
                    i += 2
                }
                for name in IntentModelDefinition.decisionNames where values[name] == nil {
                    error("missing '\(name)' in 'decision'", code: "missing-key", at: fields[0].lowerBound)
                    return
                }
                decision = IntentModel.Decision(
                    noneMargin: values["none-margin"] ?? 0,
                    override: values["override"] ?? 0,
                    secondary: values["secondary"] ?? 0
                )
            default:  // bias
                guard let classes else {
                    error("'bias' before 'classes'", code: "model-syntax", at: fields[0].lowerBound)
                    return
                }
                var values: [Int] = []
                for field in fields.dropFirst() {
                    guard let value = integer(field) else { return }
                    values.append(value)
                }
                guard values.count == classes.count else {
                    error(
                        "'bias': expected \(classes.count) numbers, one per class, found \(values.count)",
                        code: "invalid-value",
                        at: fields[0].lowerBound
                    )
                    return
                }
                bias = values
            }
        }

        mutating func readRow(_ kind: String, _ fields: [Field]) {
            guard let classes else {
                error("a row before 'classes'", code: "model-syntax", at: fields[0].lowerBound)
                return
            }
            let feature: IntentModelDefinition.Feature
            let key: UInt64
            var firstWeight = 2
            switch kind {
            case "rule":
                guard fields.count >= 3 else {
                    error(
                        "expected 'rule', a rule feature and an intent",
                        code: "model-syntax",
                        at: fields[0].lowerBound
                    )
                    return
                }
                firstWeight = 3
                let name = string(fields[1])
                let id = string(fields[2])
                if name == IntentModelFeature.nothingName {
                    guard id == "-" else {
                        error(
                            "expected '-' after 'nothing', found \(quoted(fields[2]))",
                            code: "model-syntax",
                            at: fields[2].lowerBound
                        )
                        return
                    }
                    feature = .nothing
                    key = 0
                } else if let rule = IntentModelFeature.Rule(name: name) {
                    marks.append(IntentMark(id: id, line: line, column: column(fields[2].lowerBound)))
                    feature = .rule(rule, id)
                    key = 0
                } else {
                    error(
                        DidYouMean.message(
                            "unknown rule feature \(quoted(fields[1]))",
                            for: name,
                            among: IntentModelFeature.Rule.allCases.map(\.name) + [IntentModelFeature.nothingName]
                        ),
                        code: "unknown-key",
                        at: fields[1].lowerBound
                    )
                    return
                }
            default:
                guard fields.count >= 2, let text = unescape(fields[1]) else {
                    if fields.count < 2 {
                        error("expected a feature after '\(kind)'", code: "model-syntax", at: fields[0].upperBound)
                    }
                    return
                }
                if kind == "char" {
                    guard let characterKey = IntentModelFeature.characterKey(of: text) else {
                        error(
                            "feature \(quoted(fields[1])) is not one or two characters of normalized text",
                            code: "invalid-feature",
                            at: fields[1].lowerBound
                        )
                        return
                    }
                    feature = .character(text)
                    key = characterKey
                } else {
                    guard let wordKey = IntentModelFeature.wordKey(of: text) else {
                        error("expected a word after 'word'", code: "invalid-feature", at: fields[1].lowerBound)
                        return
                    }
                    feature = .word(text)
                    key = wordKey
                }
            }
            let ruleName = key == 0 ? string(fields[1]) + " " + string(fields[2]) : ""
            if let first = key == 0 ? ruleLines[ruleName] : rowLines[key] {
                let name = fields[0..<firstWeight].map(string).joined(separator: " ")
                error(
                    "duplicate row '\(name)'; first on line \(first)",
                    code: "duplicate-feature",
                    at: fields[0].lowerBound
                )
                return
            }
            var weights = [Int](repeating: 0, count: classes.count)
            for index in firstWeight..<fields.count {
                let field = fields[index]
                guard let (c, weight) = Self.entry(field, in: bytes) else {
                    error("expected 'class:weight', found \(quoted(field))", code: "model-syntax", at: field.lowerBound)
                    return
                }
                guard c < classes.count, weights[c] == 0 else {
                    error(
                        c < classes.count
                            ? "class \(c) given twice"
                            : "class \(c) is out of range; expected 0 to "
                                + "\(classes.count - 1)",
                        code: "invalid-value",
                        at: field.lowerBound
                    )
                    return
                }
                weights[c] = weight
            }
            if key == 0 { ruleLines[ruleName] = line } else { rowLines[key] = line }
            rows.append(IntentModelDefinition.Row(feature: feature, weights: weights))
        }

        /// A row's `class:weight` entry: a class index and a decimal integer with an optional `-`.
        static func entry(_ field: Field, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
            var i = field.lowerBound
            var c = 0
            while i < field.upperBound, bytes[i] != 0x3A {
                let digit = Int(bytes[i]) &- 0x30
                guard digit >= 0, digit <= 9, c < 1 << 20 else { return nil }
                c = c * 10 + digit
                i += 1
            }
            guard i > field.lowerBound, i < field.upperBound else { return nil }
            i += 1
            let negative = i < field.upperBound && bytes[i] == 0x2D
            if negative { i += 1 }
            guard i < field.upperBound else { return nil }
            var value = 0
            while i < field.upperBound {
                let digit = Int(bytes[i]) &- 0x30
                guard digit >= 0, digit <= 9, value < 1 << 40 else { return nil }
                value = value * 10 + digit
                i += 1
            }
            return (c, negative ? -value : value)
        }

        /// A non-negative decimal integer, or `nil`.
        func natural(_ field: Field) -> Int? {
            guard !field.isEmpty, field.count <= 9 else { return nil }
            var value = 0
            for i in field {
                let digit = Int(bytes[i]) - 0x30
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        /// A decimal integer with an optional `-`; reports a problem and returns `nil` otherwise.
        mutating func integer(_ field: Field) -> Int? {
            let negative = !field.isEmpty && bytes[field.lowerBound] == 0x2D
            let digits = negative ? field.lowerBound + 1..<field.upperBound : field
            guard let value = natural(digits) else {
                error("expected an integer, found \(quoted(field))", code: "model-syntax", at: field.lowerBound)
                return nil
            }
            return negative ? -value : value
        }

        /// A field's text with `\\`, `\t`, `\n`, `\r` and `\uXXXX` escapes resolved; reports a
        /// problem and returns `nil` for a bad escape.
        mutating func unescape(_ field: Field) -> String? {
            guard field.contains(where: { bytes[$0] == 0x5C }) else { return string(field) }
            var out: [UInt8] = []
            var i = field.lowerBound
            while i < field.upperBound {
                let byte = bytes[i]
                guard byte == 0x5C else {
                    out.append(byte)
                    i += 1
                    continue
                }
                guard i + 1 < field.upperBound else {
                    error("a '\\' at the end of a field; expected an escape", code: "model-syntax", at: i)
                    return nil
                }
                switch bytes[i + 1] {
                case 0x5C: out.append(0x5C)
                case 0x74: out.append(0x09)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x75:
                    guard i + 6 <= field.upperBound,
                        let value = UInt32(string(i + 2..<i + 6), radix: 16), let scalar = Unicode.Scalar(value)
                    else {
                        error("invalid escape; expected '\\u' and four hex digits", code: "model-syntax", at: i)
                        return nil
                    }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    i += 4
                default:
                    error(
                        "unknown escape \(quoted(i..<i + 2)); expected \\\\, \\t, \\n, \\r or \\uXXXX",
                        code: "model-syntax",
                        at: i
                    )
                    return nil
                }
                i += 2
            }
            return String(decoding: out, as: UTF8.self)
        }

        mutating func finish(lastLine: Int) {
            line = max(1, lastLine)
            lineStart = bytes.count
            guard sawVersion else {
                diagnostics.append(
                    RuleDiagnostic(
                        file: file,
                        line: 1,
                        column: 1,
                        message: "expected 'kefu-model\\t\(IntentModelDefinition.version)'; the file has no model",
                        code: "missing-key"
                    )
                )
                return
            }
            guard diagnostics.isEmpty else { return }
            for key in ["classes", "decision", "bias"] where seenKeys[key] == nil {
                diagnostics.append(
                    RuleDiagnostic(
                        file: file,
                        line: seenKeys["kefu-model"] ?? 1,
                        column: 1,
                        message: "missing '\(key)' in the model",
                        code: "missing-key"
                    )
                )
            }
        }
    }
}
