import Foundation
@_spi(Measurement) import Kefu
import KefuBenchmarkSupport

/// Per-message cost and MB/s of Kefu's normalizer and segmenter over the benchmark corpus.
///
/// package-benchmark reports time per iteration (one iteration = the whole file); this prints the
/// figures that compare with `jieba-compare.sh`, in the same shape and with the same counting
/// (the fastest timed pass after one warm-up pass; MB/s = UTF-8 bytes without newlines / 10^6 s):
///
///     kefu normalize: 12000 messages, 1.23 µs/message, 34.56 MB/s, best of 62 passes
///
/// A pass over the file takes tens of milliseconds, so passes are repeated until at least
/// ``minimumPasses`` and ``minimumSeconds`` of timed work (jieba's 5 passes take about as long);
/// the fastest pass is the one least disturbed by other processes on a busy machine.
///
/// Usage: `KefuThroughput [MESSAGES_FILE]` (default: Benchmarks/Data/messages.txt). Build it in
/// release mode: `swift run -c release --package-path Benchmarks KefuThroughput`.
@main
struct KefuThroughput {
    static let minimumPasses = 5
    static let minimumSeconds = 1.0
    static let maximumPasses = 1_000
    static let shortMessageCalls = 10_000

    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        let corpus = try Corpus(contentsOf: arguments.first ?? Corpus.defaultPath)
        let lexicon = try Corpus.lexicon()
        let normalizer = Normalizer()
        let segmenter = Segmenter(lexicon: lexicon)
        let messages = corpus.messages
        let texts = messages.map(normalizer.normalize)
        var checksum = 0

        print("kefu corpus: \(corpus.path): \(messages.count) messages, \(corpus.utf8Count) bytes")

        let normalize = best {
            for message in messages { checksum &+= normalizer.normalize(message).units.count }
        }
        report("normalize", normalize, messages: messages.count, bytes: corpus.utf8Count)

        let segment = best {
            for text in texts { checksum &+= segmenter.segment(text).count }
        }
        report("segment", segment, messages: messages.count, bytes: corpus.utf8Count)

        let both = best {
            for message in messages { checksum &+= segmenter.segment(normalizer.normalize(message)).count }
        }
        report("normalize+segment", both, messages: messages.count, bytes: corpus.utf8Count)

        // One short message, many times: the per-call overhead that the corpus averages away.
        let short = Corpus.fifteenCharacterMessage
        precondition(short.count == 15, "the short message must be 15 characters")
        let shortTimes = best {
            for _ in 0..<shortMessageCalls { checksum &+= segmenter.segment(normalizer.normalize(short)).count }
        }
        print(
            "kefu normalize+segment 15-char message: "
                + "\(format(shortTimes.seconds / Double(shortMessageCalls) * 1e6, 3)) µs/message, "
                + "best of \(shortTimes.passes) passes of \(shortMessageCalls) calls"
        )

        // Traditional→Simplified: an ICU transliterator per message vs the normalizer's table.
        let traditional = corpus.traditionalMessages
        let traditionalBytes = traditional.reduce(0) { $0 + $1.utf8.count }
        let utrans = best {
            for message in traditional { checksum &+= Normalizer.simplifiedByTransliterator(message).utf8.count }
        }
        report("t2s utrans", utrans, messages: traditional.count, bytes: traditionalBytes)
        let table = best {
            for message in traditional { checksum &+= Normalizer.simplifiedByTable(message).utf8.count }
        }
        report("t2s table", table, messages: traditional.count, bytes: traditionalBytes)

        // Printing the checksum keeps the optimizer from dropping the work.
        print("kefu checksum: \(checksum)")
    }

    /// The fastest timed run of `body`, after one untimed warm-up run.
    ///
    /// Runs at least ``minimumPasses`` times and until ``minimumSeconds`` of timed work (at most
    /// ``maximumPasses`` times).
    static func best(_ body: () -> Void) -> (seconds: Double, passes: Int) {
        body()
        var fastest = Double.infinity
        var total = 0.0
        var passes = 0
        while passes < maximumPasses && (passes < minimumPasses || total < minimumSeconds) {
            let seconds = time(body)
            fastest = min(fastest, seconds)
            total += seconds
            passes += 1
        }
        return (fastest, passes)
    }

    static func time(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        let (seconds, attoseconds) = elapsed.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }

    static func report(_ name: String, _ timing: (seconds: Double, passes: Int), messages: Int, bytes: Int) {
        let perMessage = timing.seconds / Double(messages) * 1e6
        let megabytes = Double(bytes) / timing.seconds / 1e6
        print(
            "kefu \(name): \(messages) messages, \(format(perMessage, 2)) µs/message, "
                + "\(format(megabytes, 2)) MB/s, best of \(timing.passes) passes"
        )
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
