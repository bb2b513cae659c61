import Foundation
import KefuBenchmarkSupport
@_spi(Reference) import KefuRules

/// Nanoseconds per request to read `kefu suggest`'s JSON lines: Foundation's `JSONDecoder` (the
/// reader before issue 5, kept as `SuggestRequest.decodeWithFoundation`) against the hand-written
/// `RequestReader` behind `SuggestRequest.decode`.
///
/// The requests are the corpus's messages as `{"id":N,"text":"…"}` (and, a second time, with every
/// field: `{"id":"c-N","text":…,"product":…,"conversation":…,"time":…}`). Each figure is the fastest
/// of at least 5 passes over the whole file and 1 s of timed work:
///
///     decode {"id","text"}: JSONDecoder 2960.1 ns/request, reader 139.2 ns/request (21.3×), 12000 requests
///
/// The JSONDecoder figure includes the `Data` the filter made of each line for it; the reader reads
/// the line's bytes where they are.
///
/// With `--once`, each reader reads each `{"id","text"}` line once and nothing is timed: for counting instructions,
/// `valgrind --tool=callgrind KefuRequestDecode --once` (callgrind_annotate --inclusive=yes, the
/// rows of `SuggestRequest.decodeWithFoundation` and `SuggestRequest.decode`).
///
/// Usage: `KefuRequestDecode [--once] [MESSAGES_FILE]`; build it in release mode:
/// `swift run -c release --package-path Benchmarks --scratch-path Benchmarks/.build KefuRequestDecode`.
@main
struct KefuRequestDecode {
    static let minimumPasses = 5
    static let minimumSeconds = 1.0

    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let once = arguments.first == "--once"
        if once { arguments.removeFirst() }
        let corpus = try Corpus(contentsOf: arguments.first ?? Corpus.defaultPath)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var simple: [[UInt8]] = []
        var full: [[UInt8]] = []
        for (number, message) in corpus.messages.enumerated() {
            let text = String(decoding: try encoder.encode(message), as: UTF8.self)
            simple.append(Array(#"{"id":\#(number),"text":\#(text)}"#.utf8))
            full.append(
                Array(
                    #"{"id":"c-\#(number)","text":\#(text),"product":"vest-cotton-01","conversation":"chat-\#(number % 97)","time":1763900000.\#(number % 10)}"#
                        .utf8
                )
            )
        }
        for (name, lines) in [(#"{"id","text"}"#, simple), ("every field", full)] {
            try check(lines)
            if once { break }
            var checksum = 0
            let foundation = best {
                for line in lines {
                    checksum &+= (try? SuggestRequest.decodeWithFoundation(Data(line)))?.text.utf8.count ?? 0
                }
            }
            let reader = best {
                for line in lines { checksum &+= (try? SuggestRequest.decode(line.span))?.text.utf8.count ?? 0 }
            }
            let before = foundation / Double(lines.count) * 1e9
            let after = reader / Double(lines.count) * 1e9
            print(
                "decode \(name): JSONDecoder \(format(before)) ns/request, reader \(format(after)) ns/request "
                    + "(\(format(before / after))×), \(lines.count) requests (checksum \(checksum))"
            )
        }
    }

    /// Both readers must give the same request for every line, or the figures compare nothing.
    @inline(never)
    static func check(_ lines: [[UInt8]]) throws {
        for line in lines {
            let old = try SuggestRequest.decodeWithFoundation(Data(line))
            let new = try SuggestRequest.decode(line.span)
            precondition(old == new, "the readers disagree on \(String(decoding: line, as: UTF8.self))")
        }
    }

    /// The fastest pass, after one warm-up pass.
    static func best(_ body: () -> Void) -> Double {
        body()
        var fastest = Double.infinity
        var total = 0.0
        var passes = 0
        while passes < minimumPasses || total < minimumSeconds {
            let start = ContinuousClock.now
            body()
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            fastest = min(fastest, seconds)
            total += seconds
            passes += 1
        }
        return fastest
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
