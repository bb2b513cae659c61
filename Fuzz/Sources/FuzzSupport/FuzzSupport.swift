import Foundation
import Kefu
import KefuRules

/// What the fuzz targets share: the shipped rules, loaded once, and the invariant checks.
public enum FuzzSupport {
    /// The shipped `Rules/` directory: `$KEFU_FUZZ_RULES`, or `Rules/` at the root of the checkout
    /// this file was compiled from (Fuzz/Sources/FuzzSupport/ → ../../../Rules).
    public static let rulesDirectory: String = {
        if let path = ProcessInfo.processInfo.environment["KEFU_FUZZ_RULES"], !path.isEmpty { return path }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // FuzzSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // Fuzz
            .deletingLastPathComponent()  // the checkout
            .appendingPathComponent("Rules").path
    }()

    /// The shipped rules, compiled once per process.
    public static let shippedRules: RuleSet = {
        do {
            return try RuleSetLoader.load(directory: rulesDirectory)
        } catch {
            fatalError("fuzz setup: cannot load the shipped rules from \(rulesDirectory):\n\(error)")
        }
    }()

    /// The shipped `lexicon.txt`, as a rule file.
    public static let shippedLexicon: RuleSetLoader.File = {
        let path = rulesDirectory + "/" + RuleSetLoader.lexiconFileName
        guard let data = FileManager.default.contents(atPath: path) else {
            fatalError("fuzz setup: cannot read \(path)")
        }
        return RuleSetLoader.File(name: path, text: String(decoding: data, as: UTF8.self))
    }()

    /// The input as text, the way the CLI repairs a line (invalid UTF-8 becomes U+FFFD).
    public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }

    /// Stops the process (libFuzzer then saves the input) when an invariant does not hold.
    @inline(__always)
    public static func require(
        _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        if !condition() { fatalError("fuzz invariant violated: \(message())", file: file, line: line) }
    }

    /// A score must be a number in [0, 1].
    public static func requireUnitScore(_ score: Double, _ what: @autoclosure () -> String) {
        require(score.isFinite && score >= 0 && score <= 1, "\(what()) has score \(score), outside [0, 1]")
    }

    /// The checks every suggestion must pass: every score in [0, 1]; no unfilled template
    /// placeholder (`{`) in a reply unless one of `messages` had a `{` to echo.
    public static func check(_ suggestion: Suggestion, messages: [String]) {
        for intent in suggestion.intents { requireUnitScore(intent.score, "intent '\(intent.id)'") }
        for intent in suggestion.analysis.intents { requireUnitScore(intent.score, "analysis intent '\(intent.id)'") }
        for reply in suggestion.replies { requireUnitScore(reply.score, "reply '\(reply.id)'") }
        for product in suggestion.products { requireUnitScore(product.score, "product '\(product.id)'") }
        if !messages.contains(where: { $0.contains("{") }) {
            for reply in suggestion.replies {
                require(!reply.text.contains("{"), "reply '\(reply.id)' has an unfilled placeholder: \(reply.text)")
            }
        }
    }
}

extension FuzzSupport {
    /// Runs a target once on `sample` so that lazily built tables (the rules, ICU's, the Swift
    /// runtime's metadata) exist before fuzzing starts and are not reported as leaks of an input.
    public static func warmUp(_ target: (UnsafePointer<UInt8>, Int) -> Int32, _ samples: [String]) {
        for sample in samples {
            var bytes = Array(sample.utf8)
            bytes.append(0)
            _ = bytes.withUnsafeBufferPointer { target($0.baseAddress!, $0.count - 1) }
        }
    }
}
