import ArgumentParser
import Foundation
import Kefu
import KefuRules

/// `kefu suggest`: the filter. One JSON answer a line for every message a line.
struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Suggest intents and slots for messages, one a line, from stdin or files.",
        discussion: """
            Each input line is plain text or a JSON object {"id", "text", "product", "conversation"}. \
            Each output line is one JSON object: {"id", "text", "intents": [{"id", "score"}], "slots": {…}}, \
            intents best first. A line that cannot be read gets {"id", "error": {"code", "message"}} and \
            the stream goes on. Lines longer than \(SuggestRequest.maximumCharacters) characters (Unicode scalars) are answered \
            on their first \(SuggestRequest.maximumCharacters), with a "truncated" warning. A line that starts \
            with '{' is read as JSON. Answers are \
            flushed whenever the input would block, so an interactive caller sees each one at once.
            """
    )

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(help: "Add the normalized text, tokens and the evidence behind each intent.")
    var explain = false

    /// How answers are written.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text
    }

    @Option(help: "json: one JSON object a line; text: a readable block per message.")
    var format: Format = .json

    @Flag(help: "Print messages/s on stderr while reading.")
    var progress = false

    @Option(help: ArgumentHelp("Replies to return per message (products: --products).", valueName: "n"))
    var top: Int = 3

    @Option(help: ArgumentHelp("Products to recommend per message.", valueName: "n"))
    var products: Int = 2

    func validate() throws {
        guard top >= 0, products >= 0 else { throw ValidationError("--top and --products must be 0 or more") }
    }

    @Argument(help: "Files to read (default: standard input).")
    var files: [String] = []

    func run() throws {
        let inputs = try InputSources(paths: files)
        let rules = try ruleOptions.loadRules()
        var json = JSONLine()
        let store = ConversationStore(capacity: 100_000, idleSeconds: 30 * 60)
        var output = OutputWriter(fd: 1)
        var meter = ProgressMeter(isEnabled: progress)
        // The options once, not per line: each read of an ArgumentParser property wrapper cost
        // about 500 instructions (callgrind), a tenth of what the filter spends outside suggest.
        let settings = Settings(
            limits: SuggestionLimits(replies: top, products: products), explain: explain, format: format)
        for (_, fd) in inputs.sources {
            var reader = LineReader(fd: fd, maximumLineBytes: 1 << 20)
            while let line = reader.next() {
                Self.answer(line, rules: rules, store: store, settings: settings) { record in
                    switch settings.format {
                    case .json:
                        json.reset()
                        record.write(to: &json)
                        json.newline()
                        json.withBytes { output.write($0) }
                    case .text:
                        output.writeLine(record.readable())
                    }
                }
                meter.count()
                if reader.willBlock { output.flush() }
            }
            if fd != 0 { close(fd) }
        }
        output.flush()
        meter.finish()
    }

    /// What the options ask of every line.
    struct Settings {
        var limits: SuggestionLimits
        var explain: Bool
        var format: Format
    }

    /// Answers a line and hands the answer to `body`.
    ///
    /// Lent to `body` rather than returned: a returned record (the whole ``Suggestion`` inline) was
    /// copied into the caller and the original destroyed, about 1,500 instructions a line (callgrind).
    private static func answer(
        _ line: InputLine, rules: RuleSet, store: ConversationStore, settings: Settings,
        _ body: (borrowing SuggestResponse) -> Void
    ) {
        var warnings: [SuggestResponse.Problem] = []
        let request: SuggestRequest
        let text: String
        do throws(SuggestRequest.Problem) {
            request = try Self.request(in: line, warnings: &warnings)
            if line.isTruncated {
                warnings.append(.init(code: "truncated",
                                      message: "line of \(line.fullLength) bytes cut to its first \(line.bytes.count)"))
            }
            let (prepared, isTruncated) = try request.prepared(for: rules)
            text = prepared
            if isTruncated { warnings.append(.messageTruncated) }
        } catch {
            body(SuggestResponse(error))
            return
        }
        let time = request.time ?? Date().timeIntervalSince1970
        let suggestion = store.suggest(text, rules: rules, product: request.product, conversation: request.conversation,
                                       limits: settings.limits, time: time)
        body(SuggestResponse(id: request.id, text: text, suggestion: suggestion, explain: settings.explain,
                             warnings: warnings))
    }

    /// The request on a line: a JSON object when the line's first character after spaces and tabs is
    /// `{`, else the whole line as the message. Invalid UTF-8 is repaired to U+FFFD first, with a warning.
    ///
    /// A JSON line in valid UTF-8 (nearly every one) is read from the line's bytes where they are,
    /// without making a `String` of the line or a `Data` for the reader.
    static func request(in line: InputLine, warnings: inout [SuggestResponse.Problem]) throws(SuggestRequest.Problem)
        -> SuggestRequest
    {
        let bytes = line.bytes
        var start = bytes.startIndex
        while start < bytes.endIndex, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") {
            start += 1
        }
        // `{` followed by ASCII is a character of its own; before a non-ASCII byte (a combining
        // mark would make "{́" one character, and no JSON) the slow path below decides on characters.
        if start < bytes.endIndex, bytes[start] == UInt8(ascii: "{"),
            start + 1 == bytes.endIndex || bytes[start + 1] < 0x80,
            (try? UTF8Span(validating: bytes.span)) != nil
        {
            let json = bytes[start...]
            return try SuggestRequest.decode(json.span, isKnownUTF8: true)
        }
        let (decoded, repaired) = line.decoded()
        if repaired {
            warnings.append(.init(code: "invalid-utf8", message: "invalid UTF-8 repaired to U+FFFD"))
        }
        // Plain text, decided on the bytes: a "{" character starts with the byte "{", and what the
        // loop above skipped, spaces and tabs, are the characters dropped below, or the start of a
        // longer one (a space and a combining mark) that stops both at a byte that is not "{". The
        // characters' way cost 1,700 instructions a plain line (callgrind) for the same answer.
        guard start < bytes.endIndex, bytes[start] == UInt8(ascii: "{") else { return SuggestRequest(text: decoded) }
        let trimmed = decoded.drop { $0 == " " || $0 == "\t" }
        guard trimmed.first == "{" else { return SuggestRequest(text: decoded) }
        let json = Array(trimmed.utf8)
        return try SuggestRequest.decode(json.span)
    }
}
