extension Lexicon {
    /// Reads the plain-text lexicon format.
    ///
    /// Lines and fields are Swift characters: a space or a `#` with a combining mark on it is
    /// part of a word, not a separator, and `\r\n` is one character, not a line break. Most lines
    /// are read a scalar at a time, which gives the same fields at a fraction of the cost of
    /// breaking the text into characters; a line where a space or `#` stands next to anything
    /// but ASCII or a CJK ideograph, or a text with `\r\n`, is read by characters.
    ///
    /// - Parameter text: The contents of a lexicon file.
    /// - Throws: ``ParseError`` for a line with more than a word and a kind.
    public init(parsing text: String) throws {
        self.init(try Self.entries(parsing: text))
    }

    /// The entries of a lexicon text, as written (not normalized).
    static func entries(parsing text: String) throws -> [Entry] {
        var entries: [Entry] = []
        if Self.hasCRLF(text) {
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                try Self.read(Self.characterFields(of: line), of: line, number: index + 1, into: &entries)
            }
        } else {
            var number = 0
            for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                number += 1
                let line = Substring(line)
                let fields = Self.scalarFields(of: line) ?? Self.characterFields(of: line)
                try Self.read(fields, of: line, number: number, into: &entries)
            }
        }
        return entries
    }

    private static func read(_ fields: [Substring], of line: Substring, number: Int, into entries: inout [Entry]) throws
    {
        switch fields.count {
        case 0: return
        case 1: entries.append(Entry(String(fields[0])))
        case 2: entries.append(Entry(String(fields[0]), kind: String(fields[1])))
        default:
            let column =
                line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: fields[2].startIndex) + 1
            throw ParseError(
                line: number,
                column: column,
                message: "expected a word and an optional kind, found \(fields.count) fields"
            )
        }
    }

    private static func hasCRLF(_ text: String) -> Bool {
        var afterCR = false
        for byte in text.utf8 {
            if afterCR, byte == UInt8(ascii: "\n") { return true }
            afterCR = byte == UInt8(ascii: "\r")
        }
        return false
    }

    /// A line's fields, compared as characters.
    private static func characterFields(of line: Substring) -> [Substring] {
        var line = line
        if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
    }

    /// A line's fields, read a scalar at a time.
    ///
    /// - Returns: The fields, or `nil` when a space or `#` might not be a character of its own (a
    ///   neighbour could join it: a combining mark after, a prepended sign before). Tabs and
    ///   carriage returns are control characters, always on their own.
    private static func scalarFields(of line: Substring) -> [Substring]? {
        let scalars = line.unicodeScalars
        var fields: [Substring] = []
        var fieldStart: String.Index?
        var previous: Unicode.Scalar?
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let scalar = scalars[i]
            let next = scalars.index(after: i)
            if scalar == " " || scalar == "#" {
                if let previous, !isPlain(previous) { return nil }
                if next < scalars.endIndex, !isPlain(scalars[next]) { return nil }
                if scalar == "#" { break }
            }
            if scalar == " " || scalar == "\t" || scalar == "\r" {
                if let start = fieldStart { fields.append(line[start..<i]) }
                fieldStart = nil
            } else if fieldStart == nil {
                fieldStart = i
            }
            previous = scalar
            i = next
        }
        if let start = fieldStart { fields.append(line[start..<i]) }
        return fields
    }

    /// ASCII and CJK ideographs: never joined to a neighbouring space into one character.
    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x80, 0x3400...0x4DBF, 0x4E00...0x9FFF: true
        default: false
        }
    }
}
