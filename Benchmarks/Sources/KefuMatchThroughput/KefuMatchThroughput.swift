import Foundation
import Kefu
import KefuBenchmarkSupport
import KefuRules

/// Per-message cost of matching and of the whole suggest path, and the compile time of a rule set.
///
///     KefuMatchThroughput [--once] [RULES_DIR] [MESSAGES_FILE]
///
/// Prints, for the rules (default: the shipped Rules/): load-and-compile time (best of 3), then
/// µs/message for `analyze` (normalize + segment + match + slots) and `suggest` (plus replies and
/// products, with a product in view) over the benchmark corpus, and for one 15-character message.
/// Run it on the shipped rules and on the synthetic set (Benchmarks/run.sh does both) to see that
/// the per-message cost stays flat as the rules grow.
///
/// `--once` analyzes and suggests each message once and stops: a run to count instructions with
/// `valgrind --tool=callgrind`, which a busy machine does not skew as it skews the clock.
@main
struct KefuMatchThroughput {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let once = arguments.contains("--once")
        arguments.removeAll { $0 == "--once" }
        let rulesDirectory = arguments.first ?? Corpus.benchmarksDirectory.deletingLastPathComponent()
            .appendingPathComponent("Rules").path
        let corpus = try Corpus(contentsOf: arguments.count > 1 ? arguments[1] : Corpus.defaultPath)
        _ = Normalizer()  // the shared ICU tables, built once per process, outside the timing

        var rules: RuleSet?
        var compile = Double.infinity
        for _ in 0..<(once ? 1 : 3) {  // --once: one load, so that a profile shows the messages
            let start = ContinuousClock.now
            rules = try RuleSetLoader.load(directory: rulesDirectory)
            compile = min(compile, seconds(ContinuousClock.now - start))
        }
        guard let rules else { return }
        let productID = rules.catalog.products.first?.id
        print("kefu rules: \(rulesDirectory): \(rules.intents.count) intents, \(rules.matcherCount) matchers, "
              + "\(rules.lexicon.count) lexicon words, \(rules.catalog.products.count) products, "
              + "\(rules.replies.count) replies")
        print("kefu compile: \(format(compile * 1000, 1)) ms (load and compile, best of 3)")

        let messages = corpus.messages
        var checksum = 0
        if once {
            for message in messages { checksum &+= rules.analyze(message).intents.count }
            for message in messages { checksum &+= rules.suggest(message, product: productID).0.replies.count }
            print("kefu checksum: \(checksum)")
            return
        }
        let analyze = best {
            for message in messages { checksum &+= rules.analyze(message).intents.count }
        }
        print("kefu analyze: \(messages.count) messages, \(format(analyze / Double(messages.count) * 1e6, 2)) µs/message")
        let suggest = best {
            for message in messages { checksum &+= rules.suggest(message, product: productID).0.replies.count }
        }
        print("kefu suggest: \(messages.count) messages, \(format(suggest / Double(messages.count) * 1e6, 2)) "
              + "µs/message (product in view: \(productID ?? "none"))")
        let short = Corpus.fifteenCharacterMessage
        let calls = 200_000
        for _ in 0..<10_000 { checksum &+= rules.analyze(short).intents.count }
        let shortAnalyze = time { for _ in 0..<calls { checksum &+= rules.analyze(short).intents.count } }
        let shortSuggest = time { for _ in 0..<calls { checksum &+= rules.suggest(short, product: productID).0.replies.count } }
        print("kefu 15-char message: analyze \(format(shortAnalyze / Double(calls) * 1e6, 2)) µs, "
              + "suggest \(format(shortSuggest / Double(calls) * 1e6, 2)) µs (average of \(calls) calls)")
        let recommend = "老板我想要一件连衣裙，你推荐一下"
        let recommendTime = time { for _ in 0..<20_000 { checksum &+= rules.suggest(recommend).0.products.count } }
        print("kefu recommendation message: suggest \(format(recommendTime / 20_000 * 1e6, 2)) µs")
        print("kefu checksum: \(checksum)")
    }

    static func best(_ body: () -> Void) -> Double {
        body()
        var fastest = Double.infinity
        for _ in 0..<3 { fastest = min(fastest, time(body)) }
        return fastest
    }

    static func time(_ body: () -> Void) -> Double {
        let start = ContinuousClock.now
        body()
        return seconds(ContinuousClock.now - start)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
