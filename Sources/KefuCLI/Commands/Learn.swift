import ArgumentParser
import Foundation
import Kefu
import KefuRules

/// `kefu learn`: train the learned fallback on a labelled corpus and write `fallback.yaml`.
struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the learned fallback on a labelled corpus and write it as fallback.yaml.",
        discussion: """
            Trains a multinomial naive Bayes over the character unigrams and bigrams of the normalized \
            messages (main label only, none included) and writes it, pruned and sorted, to the rules \
            directory's fallback.yaml (or --output). The same corpus and options give the same file, \
            byte for byte. With --evaluate, also prints how the rules plus the new model would do on a \
            corpus at several confidences (use Corpus/dev to choose --confidence, never Corpus/test).
            """
    )

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: ArgumentHelp("Where to write the model (default: fallback.yaml in the rules directory).",
                               valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("The least posterior at which the fallback reports its intent.", valueName: "fraction"))
    var confidence = FallbackTrainer.Options().confidence

    @Option(help: ArgumentHelp("Keep features seen in at least this many messages.", valueName: "n"))
    var minCount = FallbackTrainer.Options().minimumCount

    @Option(help: ArgumentHelp("Keep at most this many features, by information gain.", valueName: "n"))
    var features = FallbackTrainer.Options().maximumFeatures

    @Option(help: ArgumentHelp("Additive smoothing of the feature counts.", valueName: "alpha"))
    var smoothing = FallbackTrainer.Options().smoothing

    @Option(help: ArgumentHelp("Also report rules + model on this corpus at several confidences (repeatable).",
                               valueName: "path"))
    var evaluate: [String] = []

    @Argument(help: "Training corpus files or directories (default: Corpus/train beside the rules).")
    var paths: [String] = []

    func validate() throws {
        guard confidence > 0, confidence <= 1 else { throw ValidationError("--confidence must be above 0 up to 1") }
        guard minCount >= 1, features >= 1, smoothing > 0 else {
            throw ValidationError("--min-count and --features must be at least 1, --smoothing above 0")
        }
    }

    func run() throws {
        let directory = ruleOptions.directory()
        let rules = try Self.rulesWithoutFallback(in: directory)
        let ids = rules.intents.map(\.id)
        let corpusPaths = paths.isEmpty
            ? [RuleOptions.corpusDirectory(besides: directory) + "/train"] : paths
        let (lines, problems) = CorpusReader.read(corpusPaths, intents: Set(ids))
        for problem in problems { printError(problem.description) }
        guard !lines.isEmpty else {
            printError("kefu: no corpus lines in \(corpusPaths.joined(separator: ", "))")
            throw ExitCode(2)
        }
        var options = FallbackTrainer.Options()
        options.confidence = confidence
        options.minimumCount = minCount
        options.maximumFeatures = features
        options.smoothing = smoothing
        let normalizer = Normalizer()
        let examples = lines.map {
            FallbackTrainer.Example(units: normalizer.normalize($0.message).units,
                                    label: $0.intents.first ?? FallbackDefinition.noneClass)
        }
        let source = FallbackTrainer.source(
            corpus: paths.isEmpty ? "Corpus/train" : paths.joined(separator: ", "), lines: lines.count,
            options: options)
        let definition = FallbackTrainer.train(
            examples, classes: [FallbackDefinition.noneClass] + ids, options: options, source: source)
        let text = definition.render()
        let destination = output ?? directory + "/" + RuleSetLoader.fallbackFileName
        do {
            try text.write(toFile: destination, atomically: true, encoding: .utf8)
        } catch {
            throw ValidationError("cannot write '\(destination)': \(error)")
        }
        var out = OutputWriter(fd: 1)
        out.writeLine("wrote \(destination): \(definition.classes.count) classes, \(definition.features.count) "
                      + "features, \(text.utf8.count) bytes, from \(lines.count) lines")
        let model = definition.compiled()
        for path in evaluate {
            let (evaluationLines, problems) = CorpusReader.read([path], intents: Set(ids))
            for problem in problems { printError(problem.description) }
            let sweep = FallbackSweep(rules: rules, model: model, lines: evaluationLines)
            out.writeLine("\(path): \(evaluationLines.count) lines; the model alone: accuracy "
                          + format(sweep.standaloneAccuracy))
            let confidences = [1.01] + stride(from: 0.3, through: 0.99, by: 0.05).map { $0 } + [0.99]
            for row in sweep.rows(at: confidences) {
                out.writeLine("  confidence \(row.confidence > 1 ? "off " : format(row.confidence)): accuracy "
                              + "\(format(row.accuracy))  none precision \(format(row.nonePrecision))  none recall "
                              + "\(format(row.noneRecall))  fired \(row.fired), right \(row.right)")
            }
        }
        out.flush()
    }

    /// The rules of a directory without its fallback file (the one being replaced).
    static func rulesWithoutFallback(in directory: String) throws -> RuleSet {
        do {
            let files = try RuleSetLoader.files(in: directory).filter {
                !$0.name.hasSuffix("/" + RuleSetLoader.fallbackFileName)
            }
            return try RuleSetLoader.load(files: files)
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            printError("kefu: cannot load the rules in '\(directory)'")
            throw ExitCode(2)
        }
    }
}
