extension FallbackFileParser {
    /// A problem at a position of a line.
    struct SyntaxError: Error {
        let message: String
        let line: Int
        let column: Int
    }

    /// Reads the values of one line of a fallback file: words, double-quoted strings, flow lists.
    struct Cursor {
        let scalars: [Unicode.Scalar]
        var position: Int
        let line: Int

        /// The 1-based column of the position.
        var column: Int { position + 1 }
        var isAtEnd: Bool { position >= scalars.count }
        var peek: Unicode.Scalar? { isAtEnd ? nil : scalars[position] }
        /// The rest of the line, cut short for messages.
        var rest: String {
            var text = String(String.UnicodeScalarView(scalars[min(position, scalars.count)...]))
            if text.count > 20 { text = String(text.prefix(20)) + "…" }
            return text
        }

        func text(from column: Int) -> String {
            String(String.UnicodeScalarView(scalars[(column - 1)..<position]))
        }

        func failure(_ message: String) -> SyntaxError {
            SyntaxError(message: message, line: line, column: column)
        }

        mutating func skipSpaces() {
            while let scalar = peek, scalar == " " { position += 1 }
        }

        mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            guard peek == scalar else { return false }
            position += 1
            return true
        }

        /// Letters, digits and `_`.
        mutating func word() -> String {
            let start = position
            while let scalar = peek, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
                position += 1
            }
            return String(String.UnicodeScalarView(scalars[start..<position]))
        }

        /// A double-quoted string with `\"`, `\\` and `\uXXXX` escapes.
        mutating func quoted() throws(SyntaxError) -> String {
            guard take("\"") else { throw failure("expected a double-quoted string") }
            var out = String.UnicodeScalarView()
            while true {
                guard let scalar = peek else { throw failure("unterminated string; expected '\"'") }
                position += 1
                switch scalar {
                case "\"": return String(out)
                case "\\":
                    let escapeColumn = column - 1
                    guard let escaped = peek else { throw failure("unterminated string; expected '\"'") }
                    position += 1
                    switch escaped {
                    case "\"", "\\", "/": out.append(escaped)
                    case "u":
                        guard position + 4 <= scalars.count,
                            let value = UInt32(String(String.UnicodeScalarView(scalars[position..<position + 4])),
                                               radix: 16),
                            let decoded = Unicode.Scalar(value)
                        else {
                            throw SyntaxError(message: "invalid escape; expected '\\u' and four hex digits",
                                              line: line, column: escapeColumn)
                        }
                        position += 4
                        out.append(decoded)
                    default:
                        throw SyntaxError(message: "unknown escape '\\\(escaped)'; expected \\\", \\\\ or \\uXXXX",
                                          line: line, column: escapeColumn)
                    }
                default: out.append(scalar)
                }
            }
        }

        /// A number: digits with an optional sign, point and exponent.
        mutating func number() throws(SyntaxError) -> Double {
            let start = position
            while let scalar = peek, Self.isNumberScalar(scalar) { position += 1 }
            // The file holds ~20,000 numbers: their text is built from ASCII bytes on the stack
            // (a short string is stored inline, so no allocation), not from a scalar view.
            let count = position - start
            let text = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
                for i in 0..<count { buffer[i] = UInt8(truncatingIfNeeded: scalars[start + i].value) }
                return String(decoding: buffer, as: UTF8.self)
            }
            guard !text.isEmpty, let value = Double(text), value.isFinite else {
                position = start
                var found = ""
                while let scalar = peek, scalar != ",", scalar != "]", scalar != " " {
                    found.unicodeScalars.append(scalar)
                    position += 1
                }
                position = start
                throw failure(found.isEmpty ? "expected a number" : "expected a number, found '\(found)'")
            }
            return value
        }

        /// A character of a number: a digit, a sign, a point or an exponent mark.
        static func isNumberScalar(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x30...0x39, 0x2B, 0x2D, 0x2E, 0x45, 0x65: true  // 0-9 + - . E e
            default: false
            }
        }

        /// A flow list `[a, b, c]` of items read by `item`.
        mutating func list<T>(_ item: (inout Cursor) throws(SyntaxError) -> T) throws(SyntaxError) -> [T] {
            guard take("[") else { throw failure("expected a list in '[…]'") }
            var items: [T] = []
            skipSpaces()
            if take("]") { return items }
            while true {
                skipSpaces()
                items.append(try item(&self))
                skipSpaces()
                if take("]") { return items }
                guard take(",") else { throw failure("expected ',' or ']' in a list") }
            }
        }

        mutating func numbers() throws(SyntaxError) -> [Double] {
            try list { (cursor: inout Cursor) throws(SyntaxError) -> Double in try cursor.number() }
        }

        /// A list of class ids, with the column of each.
        mutating func identifiers() throws(SyntaxError) -> [(id: String, column: Int)] {
            try list { (cursor: inout Cursor) throws(SyntaxError) -> (id: String, column: Int) in
                let column = cursor.column
                let id = cursor.word()
                guard !id.isEmpty else { throw cursor.failure("expected a class id (an intent id or 'none')") }
                return (id, column)
            }
        }
    }
}
