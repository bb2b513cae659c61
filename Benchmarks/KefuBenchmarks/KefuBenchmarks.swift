import Benchmark
import Foundation
@_spi(Measurement) import Kefu
import KefuBenchmarkSupport
import KefuRules

// One iteration of a "/file" benchmark is the whole of Benchmarks/Data/messages.txt (12,000
// messages); divide by the message count for per-message figures, or run KefuThroughput
// (Benchmarks/run.sh does), which prints µs/message and MB/s directly.
let benchmarks: @Sendable () -> Void = {
    let file = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(3)
    )
    let perMessage = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(3)
    )

    Benchmark("Normalize/file", configuration: file) { (_: Benchmark, messages: [String]) in
        let normalizer = Normalizer()
        for message in messages {
            blackHole(normalizer.normalize(message))
        }
    } setup: { () throws -> [String] in
        let messages = try Corpus().messages
        _ = Normalizer()  // builds the shared tables outside the measurement
        return messages
    }

    Benchmark("Segment/file", configuration: file) { (_: Benchmark, input: (Segmenter, [NormalizedText])) in
        let (segmenter, texts) = input
        for text in texts {
            blackHole(segmenter.segment(text))
        }
    } setup: { () throws -> (Segmenter, [NormalizedText]) in
        let normalizer = Normalizer()
        let texts = try Corpus().messages.map(normalizer.normalize)
        return (Segmenter(lexicon: try Corpus.lexicon()), texts)
    }

    Benchmark("NormalizeSegment/file", configuration: file) { (_: Benchmark, input: (Segmenter, [String])) in
        let (segmenter, messages) = input
        let normalizer = Normalizer()
        for message in messages {
            blackHole(segmenter.segment(normalizer.normalize(message)))
        }
    } setup: { () throws -> (Segmenter, [String]) in
        (Segmenter(lexicon: try Corpus.lexicon()), try Corpus().messages)
    }

    Benchmark("NormalizeSegment/15-char message", configuration: perMessage) {
        (benchmark: Benchmark, segmenter: Segmenter) in
        let normalizer = Normalizer()
        let message = Corpus.fifteenCharacterMessage
        for _ in benchmark.scaledIterations {
            blackHole(segmenter.segment(normalizer.normalize(message)))
        }
    } setup: { () throws -> Segmenter in
        precondition(Corpus.fifteenCharacterMessage.count == 15, "the short message must be 15 characters")
        return Segmenter(lexicon: try Corpus.lexicon())
    }

    // The whole pipeline on the shipped rules, per call: the malloc count is the figure to watch
    // (each allocation and its release cost about 100 instructions).
    Benchmark("Analyze/15-char message", configuration: perMessage) { (benchmark: Benchmark, rules: RuleSet) in
        let message = Corpus.fifteenCharacterMessage
        for _ in benchmark.scaledIterations {
            blackHole(rules.analyze(message))
        }
    } setup: { () throws -> RuleSet in
        try shippedRules()
    }

    Benchmark("Suggest/15-char message", configuration: perMessage) { (benchmark: Benchmark, rules: RuleSet) in
        let message = Corpus.fifteenCharacterMessage
        let product = rules.catalog.products.first?.id
        for _ in benchmark.scaledIterations {
            blackHole(rules.suggest(message, product: product))
        }
    } setup: { () throws -> RuleSet in
        try shippedRules()
    }

    Benchmark("TraditionalToSimplified/utrans", configuration: file) { (_: Benchmark, messages: [String]) in
        for message in messages {
            blackHole(Normalizer.simplifiedByTransliterator(message))
        }
    } setup: { () throws -> [String] in
        try Corpus().traditionalMessages
    }

    Benchmark("TraditionalToSimplified/table", configuration: file) { (_: Benchmark, messages: [String]) in
        for message in messages {
            blackHole(Normalizer.simplifiedByTable(message))
        }
    } setup: { () throws -> [String] in
        let messages = try Corpus().traditionalMessages
        _ = Normalizer.foldedCodePointCount  // builds the table outside the measurement
        return messages
    }
}

/// The shipped rule set (the repository's Rules/), loaded and compiled once per benchmark.
private func shippedRules() throws -> RuleSet {
    try RuleSetLoader.load(
        directory: Corpus.benchmarksDirectory.deletingLastPathComponent().appendingPathComponent("Rules").path)
}
