import Foundation
import Testing

@testable import Kefu

/// One pattern against one input, with the UTF-16 range expected (`nil`: no match).
struct RegexCase: Sendable, CustomTestStringConvertible {
    var pattern: String
    var input: String
    var expected: Range<Int>?
    var testDescription: String { "/\(pattern)/ in \(input.debugDescription) → \(expected.map { "\($0)" } ?? "nil")" }

    init(_ pattern: String, _ input: String, _ expected: Range<Int>?) {
        self.pattern = pattern
        self.input = input
        self.expected = expected
    }
}

/// A pattern the engine refuses, with the message and the offset it must report.
struct RejectedCase: Sendable, CustomTestStringConvertible {
    var pattern: String
    var message: String
    var offset: Int
    var testDescription: String { "/\(pattern)/ → \(message) at \(offset)" }

    init(_ pattern: String, _ message: String, _ offset: Int) {
        self.pattern = pattern
        self.message = message
        self.offset = offset
    }
}

/// What Swift's `Regex` (default options) reports, as UTF-16 offsets: the reference for every range.
enum SwiftRegexReference {
    static func firstMatch(_ pattern: String, in input: String) throws -> Range<Int>? {
        let regex = try Regex(pattern)
        return try firstMatch(regex, in: input)
    }

    static func firstMatch(_ regex: Regex<AnyRegexOutput>, in input: String) throws -> Range<Int>? {
        guard let match = try regex.firstMatch(in: input) else { return nil }
        let utf16 = input.utf16
        return utf16.distance(
            from: utf16.startIndex,
            to: match.range.lowerBound
        )..<utf16.distance(from: utf16.startIndex, to: match.range.upperBound)
    }
}

/// The repository's files that the tests read.
enum RepositoryFiles {
    static let root: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path
    }()

    /// The `regex:` patterns of `Rules/intents/*.yaml`, unquoted.
    static func shippedPatterns() throws -> [String] {
        let directory = root + "/Rules/intents"
        var patterns: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        where file.hasSuffix(".yaml") {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("- regex: '"), trimmed.hasSuffix("'") else { continue }
                let quoted = trimmed.dropFirst("- regex: '".count).dropLast()
                patterns.append(quoted.replacingOccurrences(of: "''", with: "'"))
            }
        }
        return patterns
    }

    /// Every message of `Corpus/train/*.tsv`, lowercased.
    static func trainingMessages() throws -> [String] {
        let directory = root + "/Corpus/train"
        var messages: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        where file.hasSuffix(".tsv") {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                guard let tab = line.firstIndex(of: "\t") else { continue }
                messages.append(line[line.index(after: tab)...].lowercased())
            }
        }
        return messages
    }
}

@Suite struct LinearRegexTests {
    /// The generated class tables (`LinearRegex+UnicodeClasses.swift`) are what this toolchain's
    /// Unicode properties say; regenerate them with `Scripts/generate-regex-classes.swift` if not.
    @Test func unicodeClassTablesMatchTheToolchain() {
        var digits: [ClosedRange<UInt32>] = []
        var word: [ClosedRange<UInt32>] = []
        var whitespace: [ClosedRange<UInt32>] = []
        func add(_ value: UInt32, to ranges: inout [ClosedRange<UInt32>]) {
            if let last = ranges.last, last.upperBound + 1 == value {
                ranges[ranges.count - 1] = last.lowerBound...value
            } else {
                ranges.append(value...value)
            }
        }
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let isNumeric = scalar.properties.numericType != nil
            if isNumeric { add(value, to: &digits) }
            if isNumeric || scalar.properties.isAlphabetic || value == 0x5F { add(value, to: &word) }
            if scalar.properties.isWhitespace { add(value, to: &whitespace) }
        }
        #expect(digits == LinearRegex.UnicodeClasses.digits)
        #expect(word == LinearRegex.UnicodeClasses.word)
        #expect(whitespace == LinearRegex.UnicodeClasses.whitespace)
    }

    /// Checks a case against the engine, and against Swift `Regex` so that the table itself is right.
    func check(_ c: RegexCase, againstSwift: Bool = true) throws {
        let regex = try LinearRegex(c.pattern)
        #expect(regex.firstMatch(in: c.input) == c.expected, "engine")
        let units = Array(c.input.utf16)
        for strategy in LinearRegex.Strategy.allCases {
            #expect(regex.firstMatch(in: units, strategy: strategy) == c.expected, "\(strategy)")
        }
        let contains = units.withUnsafeBufferPointer { regex.containsMatch(in: $0) }
        #expect(contains == (c.expected != nil), "containsMatch")
        if againstSwift {
            #expect(try SwiftRegexReference.firstMatch(c.pattern, in: c.input) == c.expected, "Swift Regex")
        }
    }

    // MARK: - Features

    static let literals: [RegexCase] = [
        RegexCase("abc", "xxabcxx", 2..<5),
        RegexCase("abc", "ab", nil),
        RegexCase("好的", "嗯好的呀", 1..<3),
        RegexCase("好的", "好 的", nil),
        RegexCase("", "abc", 0..<0),
        RegexCase("", "", 0..<0),
        RegexCase("x", "", nil),
        RegexCase("88", "886", 0..<2),
        RegexCase("kg", "70kg", 2..<4),
        RegexCase("😊", "好😊", 1..<3),
        RegexCase("𠀀好", "a𠀀好", 1..<4),
        RegexCase("}", "a}", 1..<2),
        RegexCase("]", "a]", 1..<2),
        RegexCase("a b", "a b", 0..<3),
        RegexCase("#~!@%&=,;:'\"<>`", "#~!@%&=,;:'\"<>`", 0..<15),
    ]

    @Test(arguments: literals) func literal(_ c: RegexCase) throws { try check(c) }

    static let escapes: [RegexCase] = [
        RegexCase(#"\\"#, #"a\b"#, 1..<2),
        RegexCase(#"\.\?\(\)"#, "?.?()", 1..<5),
        RegexCase(#"\[\]\{\}"#, "[]{}", 0..<4),
        RegexCase(#"\|\*\+"#, "a|*+", 1..<4),
        RegexCase(#"\^\$"#, "^$", 0..<2),
        RegexCase(#"\-\/"#, "1-/2", 1..<3),
        RegexCase(#"a\nb"#, "a\nb", 0..<3),
        RegexCase(#"\t"#, "a\tb", 1..<2),
        RegexCase(#"\r"#, "a\rb", 1..<2),
        RegexCase(#"\u597d"#, "你好", 1..<2),
        RegexCase(#"\u597D\u7684"#, "好的", 0..<2),
        RegexCase(#"\u{597d}"#, "你好", 1..<2),
        RegexCase(#"\u{1F60A}"#, "好😊", 1..<3),
        RegexCase(#"\x41\x{4e00}"#, "A一", 0..<2),
        RegexCase(#"\~\!\,"#, "~!,", 0..<3),
    ]

    @Test(arguments: escapes) func escape(_ c: RegexCase) throws { try check(c) }

    static let dots: [RegexCase] = [
        RegexCase("a.c", "abc", 0..<3),
        RegexCase("a.c", "a好c", 0..<3),
        RegexCase("a.c", "a😊c", 0..<4),
        RegexCase("a.c", "a\nc", nil),
        RegexCase("a.c", "a\rc", nil),
        RegexCase("a.c", "a\u{2028}c", nil),
        RegexCase("a.c", "a\u{85}c", nil),
        RegexCase("a.c", "a c", 0..<3),
        RegexCase("a.c", "a\u{3000}c", 0..<3),
        RegexCase(".", "", nil),
        RegexCase(".+", "ab\ncd", 0..<2),
    ]

    @Test(arguments: dots) func dot(_ c: RegexCase) throws { try check(c) }

    static let classes: [RegexCase] = [
        RegexCase("[abc]", "xxcb", 2..<3),
        RegexCase("[a-c]+", "xabcd", 1..<4),
        RegexCase("[^a-c]+", "abxyc", 2..<4),
        RegexCase("[?!.~]*$", "好?!", 1..<3),
        RegexCase("[好的]+", "嗯好的好", 1..<4),
        RegexCase("[一-龥]+", "abc中文d", 3..<5),
        RegexCase("[a-]", "x-", 1..<2),
        RegexCase("[-a]", "x-", 1..<2),
        RegexCase("[a-c-e]", "xd-", 2..<3),
        RegexCase(#"[\-]"#, "a-", 1..<2),
        RegexCase(#"[\]]"#, "a]", 1..<2),
        RegexCase(#"[\[]"#, "a[", 1..<2),
        RegexCase(#"[\\]"#, #"a\"#, 1..<2),
        RegexCase(#"[\^]"#, "a^", 1..<2),
        RegexCase("[a^]", "^", 0..<1),
        RegexCase("[.$|()*+?{}]+", "x.$|()*+?{}", 1..<11),
        RegexCase(#"[\n\t]"#, "a\tb", 1..<2),
        RegexCase(#"[\u4e00-\u4e03]"#, "一丁丂七万", 0..<1),
        RegexCase(#"[\d]+"#, "ab123", 2..<5),
        RegexCase(#"[\w\s]+"#, "!a b!", 1..<4),
        RegexCase(#"[^\w\s]"#, "亲 !", 2..<3),
        RegexCase(#"[^\D]"#, "ab7", 2..<3),
        RegexCase(#"[\S]"#, "  x", 2..<3),
        RegexCase(#"[^\w?]"#, "好?。", 2..<3),
        RegexCase("[😊-😎]", "a😍", 1..<3),
        RegexCase("[^a]", "😊", 0..<2),
    ]

    @Test(arguments: classes) func characterClass(_ c: RegexCase) throws { try check(c) }

    static let builtInClasses: [RegexCase] = [
        RegexCase(#"\d+"#, "abc123def", 3..<6),
        RegexCase(#"\d+"#, "一百二十斤", 0..<4),
        RegexCase(#"\d"#, "两", 0..<1),
        RegexCase(#"\d+"#, "约一二三十百千万斤", 1..<8),
        RegexCase(#"[0-9]+"#, "一百20斤", 2..<4),
        RegexCase(#"\d"#, "斤", nil),
        RegexCase(#"\d"#, "①", 0..<1),
        RegexCase(#"\d"#, "１", 0..<1),
        RegexCase(#"\D+"#, "12ab3", 2..<4),
        RegexCase(#"\w+"#, "!!好的ok_1!", 2..<8),
        RegexCase(#"\w"#, "？", nil),
        RegexCase(#"\w"#, "ｘ", 0..<1),
        RegexCase(#"\w"#, "＿", nil),
        RegexCase(#"\w"#, "😊", nil),
        RegexCase(#"\W"#, "ab,c", 2..<3),
        RegexCase(#"\s"#, "a\u{3000}b", 1..<2),
        RegexCase(#"\s+"#, "a \t\nb", 1..<4),
        RegexCase(#"\S+"#, "  ab ", 2..<4),
    ]

    @Test(arguments: builtInClasses) func builtInClass(_ c: RegexCase) throws { try check(c) }

    static let groupsAndAlternation: [RegexCase] = [
        RegexCase("a|ab", "ab", 0..<1),
        RegexCase("ab|a", "ab", 0..<2),
        RegexCase("(a|ab)(c|bcd)(d*)", "abcd", 0..<4),
        RegexCase("(?:好的|好)呀", "好呀", 0..<2),
        RegexCase("嗯|哦", "哦嗯", 0..<1),
        RegexCase("(在|人呢|在马)", "人呢", 0..<2),
        RegexCase("x(?:)y", "xy", 0..<2),
        RegexCase("()", "a", 0..<0),
        RegexCase("a|", "b", 0..<0),
        RegexCase("|a", "a", 0..<0),
        RegexCase("(?<unit>cm|kg)", "70kg", 2..<4),
        RegexCase("(?P<unit>cm|kg)", "70kg", 2..<4),
        RegexCase("(?'unit'cm|kg)", "70kg", 2..<4),
        RegexCase("((a)|b)+", "abba", 0..<4),
        RegexCase("($)+", "ab", 2..<2),
        RegexCase("(^)*a", "ba", 1..<2),
        RegexCase("(?:$|a)+", "aa", 0..<2),
    ]

    @Test(arguments: groupsAndAlternation) func groupAndAlternation(_ c: RegexCase) throws { try check(c) }

    static let quantifiers: [RegexCase] = [
        RegexCase("a?b", "b", 0..<1),
        RegexCase("a*", "aaab", 0..<3),
        RegexCase("a*", "baa", 0..<0),
        RegexCase("a+", "baa", 1..<3),
        RegexCase("a{2}", "aaa", 0..<2),
        RegexCase("a{2,}", "aaaab", 0..<4),
        RegexCase("a{2,3}", "aaaa", 0..<3),
        RegexCase("a{,2}", "aaa", 0..<2),
        RegexCase("a{0}b", "ab", 1..<2),
        RegexCase("(ab){2}", "abababx", 0..<4),
        RegexCase(#"\d{2,3} ?cm"#, "1 175 cm", 2..<8),
        RegexCase("a??b", "ab", 0..<2),
        RegexCase("a??", "a", 0..<0),
        RegexCase("a*?", "aa", 0..<0),
        RegexCase("a*?b", "aab", 0..<3),
        RegexCase("a+?", "aa", 0..<1),
        RegexCase("a{2,3}?", "aaaa", 0..<2),
        RegexCase("a{2,}?", "aaaa", 0..<2),
        RegexCase("(?:a|b)*?b", "aabab", 0..<3),
        RegexCase("<.*>", "<a><b>", 0..<6),
        RegexCase("<.*?>", "<a><b>", 0..<3),
        RegexCase("(a*)*", "aa", 0..<2),
        RegexCase("(|a)*", "aa", 0..<0),
        RegexCase("(a|)*", "aa", 0..<2),
        RegexCase("(|a)+", "aa", 0..<0),
        RegexCase("(a*?)*", "aa", 0..<0),
        RegexCase("(a??)+", "aa", 0..<0),
        RegexCase("(?:|a){2,3}", "aaaa", 0..<0),
        RegexCase("(a*)+b", "aab", 0..<3),
        RegexCase("(?:好?|\\W)*", "好 a", 0..<1),
        RegexCase("(?:b|^){2,}", "b", 0..<0),
        RegexCase("(?:b|^){3,}", "b", 0..<0),
        RegexCase("(?:b|^){2,}", "bb", 0..<2),
        RegexCase("(?:b|(?:)){2,}", "b", 0..<1),
        RegexCase("(?:b|^){2}", "b", 0..<1),
        RegexCase("(?:b|^){2,5}", "b", 0..<1),
        RegexCase("(?:b|^)+", "b", 0..<1),
        RegexCase("((((a?)*)*)*)*", "aab", 0..<2),
        RegexCase("a{1000}", String(repeating: "a", count: 1000), 0..<1000),
    ]

    @Test(arguments: quantifiers) func quantifier(_ c: RegexCase) throws { try check(c) }

    static let anchors: [RegexCase] = [
        RegexCase("^好", "好的", 0..<1),
        RegexCase("^好", "你好", nil),
        RegexCase("好$", "你好", 1..<2),
        RegexCase("好$", "好的", nil),
        RegexCase("^$", "", 0..<0),
        RegexCase("^$", "a", nil),
        RegexCase("$", "ab", 2..<2),
        RegexCase("a$", "a\n", nil),
        RegexCase("^a|b", "cab", 2..<3),
        RegexCase("(^a|b)+", "bab", 0..<1),
        RegexCase("x^y", "xy", nil),
        RegexCase("a$$", "a", 0..<1),
        RegexCase("^^a", "a", 0..<1),
        RegexCase("(^|,)a", "b,a", 1..<3),
        RegexCase("a(,|$)", "ba", 1..<2),
        RegexCase("^(88|886)[!~.]*$", "886~~", 0..<5),
        RegexCase("^(88|886)[!~.]*$", "8866", nil),
    ]

    @Test(arguments: anchors) func anchor(_ c: RegexCase) throws { try check(c) }

    @Test func anchoredPatternsAreMarked() throws {
        #expect(try LinearRegex("^a|^b").isAnchored)
        #expect(try LinearRegex("(^a|^b)c").isAnchored)
        #expect(try LinearRegex("^(a|b)").isAnchored)
        #expect(try !LinearRegex("^a|b").isAnchored)
        #expect(try !LinearRegex("a^").isAnchored)
        #expect(try !LinearRegex("(^a)?b").isAnchored)
    }

    static let surrogates: [RegexCase] = [
        RegexCase(".", "😊", 0..<2),
        RegexCase("..", "😊", nil),
        RegexCase("a.b", "a😊b", 0..<4),
        RegexCase("[^x]+", "😊😊", 0..<4),
        RegexCase(#"\W"#, "好😊", 1..<3),
        RegexCase("𠀀+", "𠀀𠀀a", 0..<4),
    ]

    @Test(arguments: surrogates) func surrogatePairsAreOneScalar(_ c: RegexCase) throws { try check(c) }

    @Test func loneSurrogatesCountAsReplacementCharacters() throws {
        let units: [UInt16] = [0x61, 0xD83D, 0x62, 0xDE0A, 0x63]
        #expect(try LinearRegex("a.b.c").firstMatch(in: units) == 0..<5)
        #expect(try LinearRegex("\u{FFFD}").firstMatch(in: units) == 1..<2)
        #expect(try LinearRegex(#"b\W"#).firstMatch(in: units) == 2..<4)
        #expect(try LinearRegex("c.").firstMatch(in: [0x63, 0xD83D]) == 0..<2)
    }

    // MARK: - Multi-scalar characters: where scalar matching and Swift's grapheme matching differ

    @Test func multiScalarCharactersMatchScalarByScalar() throws {
        #expect(try LinearRegex(#"[^\w?]"#).firstMatch(in: "好👍🏻") == 1..<3)
        #expect(try SwiftRegexReference.firstMatch(#"[^\w?]"#, in: "好👍🏻") == 1..<5)
        // With Swift's scalar semantics the two agree.
        let scalarRegex = try Regex(#"[^\w?]"#).matchingSemantics(.unicodeScalar)
        #expect(try SwiftRegexReference.firstMatch(scalarRegex, in: "好👍🏻") == 1..<3)
    }

    // MARK: - Rejected constructs

    static let rejected: [RejectedCase] = [
        RejectedCase(#"(a)\1"#, #"unsupported: backreference '\1' (needs a backtracking engine)"#, 3),
        RejectedCase(#"(?<x>a)\k<x>"#, #"unsupported: backreference '\k' (needs a backtracking engine)"#, 7),
        RejectedCase(#"\g1"#, #"unsupported: backreference '\g' (needs a backtracking engine)"#, 0),
        RejectedCase("(?P<x>a)(?P=x)", "unsupported: backreference '(?P=' (needs a backtracking engine)", 8),
        RejectedCase("a(?=b)", "unsupported: lookahead '(?=' (needs a backtracking engine)", 1),
        RejectedCase("a(?!b)", "unsupported: lookahead '(?!' (needs a backtracking engine)", 1),
        RejectedCase("(?<=a)b", "unsupported: lookbehind '(?<=' (needs a backtracking engine)", 0),
        RejectedCase("(?<!a)b", "unsupported: lookbehind '(?<!' (needs a backtracking engine)", 0),
        RejectedCase("(?>a+)b", "unsupported: atomic group '(?>' (needs a backtracking engine)", 0),
        RejectedCase("a*+", "unsupported: possessive quantifier '*+' (needs a backtracking engine)", 1),
        RejectedCase("a++", "unsupported: possessive quantifier '++' (needs a backtracking engine)", 1),
        RejectedCase("a?+", "unsupported: possessive quantifier '?+' (needs a backtracking engine)", 1),
        RejectedCase("a{2}+", "unsupported: possessive quantifier '{2}+' (needs a backtracking engine)", 1),
        RejectedCase("(?i)a", "unsupported: inline options '(?i' (the text is already lowercased and on one line)", 0),
        RejectedCase(
            "(?s:a.)",
            "unsupported: inline options '(?s' (the text is already lowercased and on one line)",
            0
        ),
        RejectedCase("(?#note)a", "unsupported: comment group '(?#' (write no comment inside the pattern)", 0),
        RejectedCase("(?|a)", "unsupported: branch reset group '(?|' (use '(?:…)')", 0),
        RejectedCase("(?(1)a)", "unsupported: conditional group '(?(' (needs a backtracking engine)", 0),
        RejectedCase("(?R)", "unsupported: recursion or subroutine call '(?R' (needs a backtracking engine)", 0),
        RejectedCase("(?1)", "unsupported: recursion or subroutine call '(?1' (needs a backtracking engine)", 0),
        RejectedCase("(?@)", "unsupported: group syntax '(?@' (groups are '( )' and '(?: )')", 0),
        RejectedCase(#"\好"#, #"unknown escape '\好'"#, 0),
        RejectedCase("(*ACCEPT)", "unsupported: backtracking verb '(*' (needs a backtracking engine)", 0),
        RejectedCase(#"\bok"#, #"unsupported: word boundary '\b'"#, 0),
        RejectedCase(#"ok\B"#, #"unsupported: word boundary '\B'"#, 2),
        RejectedCase(#"\Aa"#, #"unsupported anchor '\A'; use '^' for the start of the text and '$' for its end"#, 0),
        RejectedCase(#"a\z"#, #"unsupported anchor '\z'; use '^' for the start of the text and '$' for its end"#, 1),
        RejectedCase(#"\p{Han}"#, #"unsupported: Unicode property '\p'; use '\d', '\w', '\s' or a class"#, 0),
        RejectedCase(#"\Qa.b\E"#, #"unsupported: quoting '\Q'; escape each character with '\'"#, 0),
        RejectedCase(#"a\qb"#, #"unknown escape '\q'"#, 1),
        RejectedCase(#"\0"#, #"unknown escape '\0'"#, 0),
        RejectedCase(#"[\b]"#, #"unsupported escape '\b' in a class"#, 1),
        RejectedCase("a\\", #"pattern ends with '\'"#, 1),
        RejectedCase("a)", "unbalanced ')'", 1),
        RejectedCase("(a))b", "unbalanced ')'", 3),
        RejectedCase("好(的|呀", "unbalanced '(': missing ')'", 1),
        RejectedCase("[abc", "unterminated class: missing ']'", 0),
        RejectedCase("a[]b", #"empty class '[]'; write '\]' for a literal ']'"#, 1),
        RejectedCase("[^]", #"empty class '[^]'; write '\]' for a literal ']'"#, 0),
        RejectedCase("[z-a]", "class range 'z-a' is out of order", 1),
        RejectedCase(#"[\d-z]"#, #"class range '\d-z' needs a single character at each end"#, 1),
        RejectedCase(#"[a-\w]"#, #"class range 'a-\w' needs a single character at each end"#, 1),
        RejectedCase(
            "[[:alpha:]]",
            #"unsupported: '[' inside a class (nested classes, POSIX classes and set operations); write '\[' for a literal '['"#,
            1
        ),
        RejectedCase("[a&&b]", #"unsupported: set operation '&&' in a class; escape one of them as '\&'"#, 2),
        RejectedCase("[a--b]", #"unsupported: set operation '--' in a class; escape one of them as '\-'"#, 2),
        RejectedCase("[a~~b]", #"unsupported: set operation '~~' in a class; escape one of them as '\~'"#, 2),
        RejectedCase("*a", "quantifier '*' has nothing to repeat", 0),
        RejectedCase("a|+", "quantifier '+' has nothing to repeat", 2),
        RejectedCase("(?a)", "unsupported: inline options '(?a' (the text is already lowercased and on one line)", 0),
        RejectedCase("(*)", "unsupported: backtracking verb '(*' (needs a backtracking engine)", 0),
        RejectedCase("(?:?)", "quantifier '?' has nothing to repeat", 3),
        RejectedCase("{2}", "quantifier '{2}' has nothing to repeat", 0),
        RejectedCase("a**", "quantifier '*' follows another quantifier; wrap the first in '(?:…)' to repeat it", 2),
        RejectedCase(
            "a{2}{3}",
            "quantifier '{3}' follows another quantifier; wrap the first in '(?:…)' to repeat it",
            4
        ),
        RejectedCase("a+?+", "quantifier '+' follows another quantifier; wrap the first in '(?:…)' to repeat it", 3),
        RejectedCase("a???", "quantifier '?' follows another quantifier; wrap the first in '(?:…)' to repeat it", 3),
        RejectedCase("^*a", "anchor '^' cannot be repeated", 1),
        RejectedCase("a{2}(^)*$+", "anchor '$' cannot be repeated", 9),
        RejectedCase("a$?", "anchor '$' cannot be repeated", 2),
        RejectedCase("a{1001}", "repetition count in '{1001}' is over the limit of 1000", 1),
        RejectedCase("a{2,5000}", "repetition count in '{2,5000}' is over the limit of 1000", 1),
        RejectedCase(
            "a{99999999999999999999}",
            "repetition count in '{99999999999999999999}' is over the limit of 1000",
            1
        ),
        RejectedCase("a{3,2}", "repetition '{3,2}' has its minimum above its maximum", 1),
        RejectedCase(
            "a{",
            #"'{' does not start a quantifier '{n}', '{n,}' or '{n,m}'; write '\{' for a literal brace"#,
            1
        ),
        RejectedCase(
            "a{x}",
            #"'{' does not start a quantifier '{n}', '{n,}' or '{n,m}'; write '\{' for a literal brace"#,
            1
        ),
        RejectedCase(
            "a{,}",
            #"'{' does not start a quantifier '{n}', '{n,}' or '{n,m}'; write '\{' for a literal brace"#,
            1
        ),
        RejectedCase(
            "a{ 2}",
            #"'{' does not start a quantifier '{n}', '{n,}' or '{n,m}'; write '\{' for a literal brace"#,
            1
        ),
        RejectedCase(
            "{",
            #"'{' does not start a quantifier '{n}', '{n,}' or '{n,m}'; write '\{' for a literal brace"#,
            0
        ),
        RejectedCase(#"\u12"#, #"invalid escape '\u12'; expected '\uXXXX' or '\u{X…}' with hexadecimal digits"#, 0),
        RejectedCase(#"\u{}"#, #"invalid escape '\u{}'; expected '\uXXXX' or '\u{X…}' with hexadecimal digits"#, 0),
        RejectedCase(#"\u{12"#, #"invalid escape '\u{12'; expected '\uXXXX' or '\u{X…}' with hexadecimal digits"#, 0),
        RejectedCase(#"\xg"#, #"invalid escape '\x'; expected '\xXX' or '\x{X…}' with hexadecimal digits"#, 0),
        RejectedCase(#"\uD800"#, #"'\uD800' is not a Unicode scalar value"#, 0),
        RejectedCase(#"\u{110000}"#, #"'\u{110000}' is not a Unicode scalar value"#, 0),
        RejectedCase("(?<1x>a)", "invalid group name in '(?<1x>'; expected letters, digits or '_' and then '>'", 0),
        RejectedCase("(?<x a)", "invalid group name in '(?<x '; expected letters, digits or '_' and then '>'", 0),
        RejectedCase(
            "(?:a{1000}){11}",
            "pattern too large: its repetitions expand it to more than 10000 instructions",
            11
        ),
        RejectedCase("好的(呀))", "unbalanced ')'", 5),
        RejectedCase(
            "(((((a?)*)*)*)*)*",
            "repetitions of groups that can match empty are nested more than 4 deep",
            8
        ),
    ]

    @Test(arguments: rejected) func rejects(_ c: RejectedCase) throws {
        let error = try #require(throws: LinearRegex.SyntaxError.self) { try LinearRegex(c.pattern) }
        #expect(error.message == c.message)
        #expect(error.offset == c.offset)
        #expect(error.description == "\(c.message) at offset \(c.offset)")
    }

    // MARK: - Linear time

    static let pathological: [(pattern: String, input: String, expected: Range<Int>?)] = {
        let a = String(repeating: "a", count: 100_000)
        return [
            ("(a+)+$", a, 0..<100_000),
            ("(a+)+b", a, nil),
            ("(a|aa)*b", a, nil),
            ("(a|aa)*$", a, 0..<100_000),
            ("(x*)*y", a, nil),
            ("(a*)*c", a, nil),
            ("(?:a?){1000}a{1000}", String(repeating: "a", count: 1_000), 0..<1_000),
            ("(a|a)*?b", a, nil),
            (".*.*.*=", a, nil),
            ("(\\w+\\s?)+$", a + "!", nil),
        ]
    }()

    @Test func pathologicalPatternsRunInLinearTime() throws {
        for (pattern, input, expected) in Self.pathological {
            let regex = try LinearRegex(pattern)
            #expect(regex.firstMatch(in: input) == expected, "\(pattern)")
        }
    }

    @Test func theBacktrackerNeverRevisitsAState() throws {
        // Short texts go to the bounded backtracker, whose visited set keeps these linear too (a plain
        // backtracker takes 2^60 steps on the first).
        let a60 = String(repeating: "a", count: 60)
        for (pattern, expected) in [("(a|aa)*b", nil), ("(a+)+b", nil), ("(a|a)+$", 0..<60), ("(a*)*$", 0..<60)]
            as [(String, Range<Int>?)]
        {
            let regex = try LinearRegex(pattern)
            let units = Array(a60.utf16)
            #expect(regex.firstMatch(in: units, strategy: .backtracker) == expected, "\(pattern)")
            #expect(regex.firstMatch(in: units, strategy: .pikeVM) == expected, "\(pattern)")
        }
        // The backtracker ran (rather than handing the text to the Pike VM): no loop can match empty.
        let regex = try LinearRegex("(a|aa)*b")
        let ran = Array(a60.utf16).withUnsafeBufferPointer { units in
            regex.engine.classes.withTable { regex.engine.backtrackingMatch(in: units, table: $0) }
        }
        #expect(ran != nil)
    }

    @Test func aTooLongPatternIsRejected() throws {
        let pattern = String(repeating: "好", count: 10_001)
        let error = try #require(throws: LinearRegex.SyntaxError.self) { try LinearRegex(pattern) }
        #expect(error.message == "pattern too long: 10001 characters, over the limit of 10000")
        #expect(try LinearRegex(String(repeating: "好", count: 9_000)).firstMatch(in: pattern) == 0..<9_000)
    }

    @Test func aPatternTooBigForTheDFAStillMatches() throws {
        // (a|b)*a(a|b){12}: the DFA needs 2^13 rows, over the cap, so the Pike VM runs alone.
        let regex = try LinearRegex("(a|b)*a(a|b){12}")
        #expect(regex.engine.dfa == nil)
        let text = "bb" + String(repeating: "ab", count: 10)
        #expect(regex.firstMatch(in: text) == (try SwiftRegexReference.firstMatch(regex.pattern, in: text)))
        #expect(regex.firstMatch(in: String(repeating: "b", count: 30)) == nil)
    }
}

/// The engine against Swift `Regex` on many patterns and inputs: the same `firstMatch` range, in
/// UTF-16 offsets.
@Suite struct LinearRegexDifferentialTests {
    /// Compares the engine with Swift `Regex` on every input, recording each disagreement.
    static func disagreements(_ pattern: String, _ inputs: [String]) throws -> [String] {
        let ours = try LinearRegex(pattern)
        let theirs = try Regex(pattern)
        var found: [String] = []
        for input in inputs {
            let expected = try SwiftRegexReference.firstMatch(theirs, in: input)
            let units = Array(input.utf16)
            let contains = units.withUnsafeBufferPointer { ours.containsMatch(in: $0) }
            if contains != (expected != nil) {
                found.append("/\(pattern)/ in \(input.debugDescription): containsMatch \(contains)")
            }
            for strategy in LinearRegex.Strategy.allCases {
                let actual = ours.firstMatch(in: units, strategy: strategy)
                if actual != expected {
                    found.append(
                        "/\(pattern)/ in \(input.debugDescription): \(actual.map { "\($0)" } ?? "nil") "
                            + "(\(strategy)), Swift Regex \(expected.map { "\($0)" } ?? "nil")"
                    )
                }
            }
        }
        return found
    }

    static let patterns: [String] = [
        "好", "好的", "^好", "好$", "^好$", "好|的", "好的?", "好+", "好*", "好{2}", "好{1,2}", "好{2,}",
        "(好|好的)呀", "(好的|好)呀", "[好的]+", "[^好的]+", #"\d+"#, #"\d{2,3}"#, #"\w+"#, #"\W+"#, #"\s+"#, #"\S+"#,
        #"[^\w?]"#, #"[^\w\s]"#, #"[?!.~]*$"#, "[!~.]*$", ".", ".*", ".+?", ".*好", ".*?好", "(.)好", "好.",
        #"\d{2,3} ?(cm|厘米|公分|斤|kg|公斤|/\d)|脚\d{2}"#, #"(\d+)(kg|斤)"#, #"\d+\.\d+"#, #"1[3-9]\d{9}"#,
        "^(在|人呢|在马)[?!.~]*$", "(老板|店家|掌柜的?)(你?好|在)", "你?在(不|没|吗|么|嘛)?", "(嗯|哦)+",
        "(a|ab)(c|bcd)(d*)", "(a+|b+)*c", "(a|b)*?$", "(a*)*b", "(a?)*?b", "(|a)*b", "(a|)+?b", "a*?$",
        "(a|b|)+?c", "(?:a|b)??b", "(x+x+)+y", "(a*)+$", "(?:a{2}|b)+", "a{2,3}?b", "(ab|a)(bc|c)?",
        "^$", "^", "$", "", "a|", "|a", "(^a|b)+", "(a|^b)+", "(a$|b)+", "x$|y", "(好|$)", "(^|嗯)好",
        "[a-c]+[^a-c]", #"[\u4e00-\u9fa5]+"#, #"\u597d\u7684"#, "[😊😍]+", ".😊", "😊.", "(?:😊|好)+",
    ]

    static let inputs: [String] = [
        "", "好", "好的", "好的呀", "好好好", "嗯嗯好的", "哦哦", "在吗", "在吗???", "在马", "人呢!", "老板你好",
        "老板在不在", "店家你在吗~", "掌柜的好", "身高165cm", "175 cm 65kg", "脚42穿多大", "120斤穿什么码",
        "一百二十斤", "1/2", "13812345678", "3.5kg", "好?。", "好!", "好 ", " 好", "亲,好的", "a", "ab", "abc",
        "abcd", "aab", "aabbc", "abab", "ba", "xxy", "xxxxxxxxy", "aaaa", "😊好", "好😊", "😊😍😊", "𠀀好的",
        "ｘ好１", "①②", "hello world", "a\tb", "好\n的",
    ]

    @Test func patternsAgreeWithSwiftRegexOnEveryInput() throws {
        var problems: [String] = []
        for pattern in Self.patterns { problems += try Self.disagreements(pattern, Self.inputs) }
        #expect(problems.isEmpty, "\(problems.count) disagreements:\n\(problems.prefix(40).joined(separator: "\n"))")
    }

    @Test func shippedPatternsAgreeWithSwiftRegexOnTheTrainingCorpus() throws {
        let patterns = try RepositoryFiles.shippedPatterns()
        let messages = try RepositoryFiles.trainingMessages()
        #expect(patterns.count >= 3)
        #expect(messages.count >= 1000)
        var problems: [String] = []
        var matched = 0
        for pattern in patterns {
            problems += try Self.disagreements(pattern, messages)
            let regex = try LinearRegex(pattern)
            matched += messages.filter { regex.firstMatch(in: $0) != nil }.count
        }
        #expect(matched > 0)
        #expect(problems.isEmpty, "\(problems.count) disagreements:\n\(problems.prefix(40).joined(separator: "\n"))")
    }

    /// A small deterministic generator (SplitMix64), so a failure can be reproduced.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A random pattern over a small alphabet, with every supported construct.
    static func randomPattern(_ g: inout Generator, depth: Int = 0) -> String {
        let atoms = ["a", "b", "好", ".", "[ab]", "[^a]", #"\d"#, #"\w"#, #"\W"#, "😊", "^", "$", "(?:)"]
        var result = ""
        for _ in 0..<Int.random(in: 1...3, using: &g) {
            var atom: String
            if depth < 3, Int.random(in: 0..<4, using: &g) == 0 {
                var branches = [randomPattern(&g, depth: depth + 1)]
                while Int.random(in: 0..<3, using: &g) == 0 { branches.append(randomPattern(&g, depth: depth + 1)) }
                if Int.random(in: 0..<5, using: &g) == 0 { branches.append("") }
                atom = (Bool.random(using: &g) ? "(" : "(?:") + branches.joined(separator: "|") + ")"
            } else {
                atom = atoms.randomElement(using: &g) ?? "a"
            }
            if atom != "^" && atom != "$" && Int.random(in: 0..<3, using: &g) == 0 {
                atom += ["?", "*", "+", "{2}", "{0,2}", "{1,}", "{1,3}"].randomElement(using: &g) ?? "?"
                if Int.random(in: 0..<3, using: &g) == 0 { atom += "?" }
            }
            result += atom
        }
        return Int.random(in: 0..<6, using: &g) == 0 ? result + "|" + randomPattern(&g, depth: depth + 1) : result
    }

    @Test func randomPatternsAgreeWithSwiftRegex() throws {
        var g = Generator(state: 2024)
        let alphabet: [Character] = ["a", "b", "好", "1", " ", "😊"]
        var inputs = ["", "a", "b", "ab", "ba", "aab", "好", "a好b"]
        for _ in 0..<24 {
            inputs.append(
                String((0..<Int.random(in: 1...8, using: &g)).map { _ in alphabet.randomElement(using: &g) ?? "a" })
            )
        }
        var problems: [String] = []
        for _ in 0..<Self.randomPatternCount {
            problems += try Self.disagreements(Self.randomPattern(&g), inputs)
        }
        #expect(problems.isEmpty, "\(problems.count) disagreements:\n\(problems.prefix(40).joined(separator: "\n"))")
    }

    static let randomPatternCount = 1500

    /// `\d`, `\w`, `\s` and `.` hold the same scalars as Swift `Regex`'s: every scalar of the BMP and
    /// plane 1, and every 16th above (planes 2–16).
    @Test func builtInClassesAgreeWithSwiftRegexOnEveryScalar() throws {
        let patterns = [#"\d"#, #"\w"#, #"\s"#, "."]
        let ours = try patterns.map { try LinearRegex($0) }
        let theirs = try patterns.map { try Regex($0) }
        var problems: [String] = []
        var value: UInt32 = 0
        while value <= 0x10FFFF {
            defer { value += value < 0x20000 ? 1 : 16 }
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            let units = Array(text.utf16)
            for index in patterns.indices {
                let expected = try theirs[index].wholeMatch(in: text) != nil
                let actual = ours[index].firstMatch(in: units) == 0..<units.count
                if actual != expected { problems.append("\(patterns[index]) U+\(String(value, radix: 16))") }
            }
        }
        #expect(problems.isEmpty, "\(problems.count) disagreements: \(problems.prefix(40))")
    }
}
