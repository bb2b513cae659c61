import ArgumentParser
import Foundation
import Kefu
import KefuRules

/// `kefu segment`: normalize and segment messages, one a line.
struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Normalize and segment messages, one a line, from stdin or files.",
        discussion: """
            Prints the tokens of each line separated by spaces, or with --json one object a line: \
            the normalized text and the tokens with UTF-16 offsets (into the normalized text and \
            into the original line) and kinds. One output line for every input line, in order. \
            Invalid UTF-8 is repaired (U+FFFD) and reported on stderr with its line number.
            """
    )

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(help: "One JSON object a line, with offsets and kinds.")
    var json = false

    @Argument(help: "Files to read (default: standard input).")
    var files: [String] = []

    func run() throws {
        let inputs = try InputSources(paths: files)
        let lexicon = try loadLexicon()
        let segmenter = Segmenter(lexicon: lexicon)
        let normalizer = Normalizer()
        let encoder = JSONEncoder.sorted
        var output = OutputWriter(fd: 1)
        for (name, fd) in inputs.sources {
            var reader = LineReader(fd: fd)
            while let line = reader.next() {
                let (message, repaired) = line.decoded()
                if repaired {
                    output.flush()
                    printError("kefu: \(InputSources.position(name, line.number)): invalid UTF-8 repaired (U+FFFD)")
                }
                let text = normalizer.normalize(message)
                let tokens = segmenter.segment(text)
                if json {
                    let record = SegmentRecord(text: text, tokens: tokens)
                    output.write(try encoder.encode(record))
                    output.write([0x0A])
                } else {
                    output.writeLine(tokens.map(text.text(of:)).joined(separator: " "))
                }
                if reader.willBlock { output.flush() }
            }
            if fd != 0 { close(fd) }
        }
        output.flush()
    }

    private func loadLexicon() throws -> Lexicon {
        let path = ruleOptions.directory() + "/lexicon.txt"
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("kefu: cannot read the lexicon '\(path)' (use --rules DIR or KEFU_RULES)")
            throw ExitCode(2)
        }
        do {
            return try Lexicon(parsing: String(decoding: data, as: UTF8.self))
        } catch let error as Lexicon.ParseError {
            printError("\(path):\(error.line):\(error.column): error: \(error.message)")
            throw ExitCode(2)
        }
    }
}

/// The JSON form of a segmented line.
struct SegmentRecord: Encodable {
    struct TokenRecord: Encodable {
        var text: String
        var kind: String
        var start: Int
        var end: Int
        var original: [Int]
    }

    var text: String
    var tokens: [TokenRecord]

    init(text: NormalizedText, tokens: [Token]) {
        self.text = text.text
        self.tokens = tokens.map { token in
            let original = text.originalRange(of: token.range)
            return TokenRecord(
                text: text.text(of: token), kind: token.kind.rawValue, start: token.range.lowerBound,
                end: token.range.upperBound, original: [original.lowerBound, original.upperBound])
        }
    }
}
