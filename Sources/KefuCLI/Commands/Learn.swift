import ArgumentParser
import Foundation
import Kefu
import KefuRules

/// `kefu learn`: train the learned intent model on a labelled corpus and write `model.tsv`.
struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the learned intent model on a labelled corpus and write it as model.tsv.",
        discussion: """
            Runs the rules (without a model) over the corpus and trains a softmax regression over the \
            characters and words of each message and what the rules made of it (main label only, none \
            included), then writes it to the rules directory's model.tsv (or --output). The same corpus, \
            rules and options give the same file, byte for byte. --cross-validate K prints K-fold \
            figures on the training corpus; --evaluate prints rules alone and rules + the new model on \
            another corpus (use Corpus/dev, never Corpus/test).
            """
    )

    @OptionGroup var ruleOptions: RuleOptions

    @Option(
        help: ArgumentHelp(
            "Where to write the model (default: model.tsv in the rules directory).",
            valueName: "file"
        )
    )
    var output: String?

    @Option(help: ArgumentHelp("Keep characters and words seen in at least this many messages.", valueName: "n"))
    var minCount = IntentModelTrainer.Options().minimumCount

    @Option(help: ArgumentHelp("Inverse L2 penalty (C).", valueName: "c"))
    var regularization = IntentModelTrainer.Options().regularization

    @Option(help: ArgumentHelp("Weight of each message seen without the rules.", valueName: "w"))
    var textOnlyWeight = IntentModelTrainer.Options().textOnlyWeight

    @Option(
        help: ArgumentHelp(
            "Weight of each message seen with its own intents' rules taken away.",
            valueName: "w"
        )
    )
    var missedRuleWeight = IntentModelTrainer.Options().missedRuleWeight

    @Option(help: ArgumentHelp("L-BFGS iterations.", valueName: "n"))
    var iterations = IntentModelTrainer.Options().iterations

    @Option(help: ArgumentHelp("Log-odds by which none must beat the best intent (when negative, by which it may trail it).", valueName: "m"))
    var noneMargin = IntentModelTrainer.Options().decision.noneMargin

    @Option(
        help: ArgumentHelp(
            "Least posterior at which the model replaces the rules' first intent.",
            valueName: "p"
        )
    )
    var override = IntentModelTrainer.Options().decision.override

    @Option(help: ArgumentHelp("Least posterior of a main intent that goes before a secondary one.", valueName: "p"))
    var secondary = IntentModelTrainer.Options().decision.secondary

    @Option(
        help: ArgumentHelp(
            "Also report rules alone and rules + model on this corpus (repeatable).",
            valueName: "path"
        )
    )
    var evaluate: [String] = []

    @Option(help: ArgumentHelp("Print k-fold cross-validation figures on the training corpus.", valueName: "k"))
    var crossValidate: Int?

    @Flag(help: "With --evaluate, also time the model: its parse and compile, and its cost per message.")
    var timing = false

    @Argument(help: "Training corpus files or directories (default: Corpus/train beside the rules).")
    var paths: [String] = []

    func validate() throws {
        guard minCount >= 1, iterations >= 1, regularization > 0 else {
            throw ValidationError("--min-count and --iterations must be at least 1, --regularization above 0")
        }
        guard textOnlyWeight >= 0, missedRuleWeight >= 0 else { throw ValidationError("weights must be at least 0") }
        if let crossValidate, crossValidate < 2 { throw ValidationError("--cross-validate needs at least 2 folds") }
    }

    var options: IntentModelTrainer.Options {
        var options = IntentModelTrainer.Options()
        options.minimumCount = minCount
        options.regularization = regularization
        options.textOnlyWeight = textOnlyWeight
        options.missedRuleWeight = missedRuleWeight
        options.iterations = iterations
        options.decision = IntentModel.Decision(noneMargin: noneMargin, override: override, secondary: secondary)
        return options
    }

    func run() throws {
        let directory = ruleOptions.directory()
        let (files, rules) = try Self.rulesWithoutModel(in: directory)
        let ids = rules.intents.map(\.id)
        let corpusPaths = paths.isEmpty ? [RuleOptions.corpusDirectory(besides: directory) + "/train"] : paths
        let (lines, problems) = CorpusReader.read(corpusPaths, intents: Set(ids))
        for problem in problems { printError(problem.description) }
        guard !lines.isEmpty else {
            printError("kefu: no corpus lines in \(corpusPaths.joined(separator: ", "))")
            throw ExitCode(2)
        }
        var out = OutputWriter(fd: 1)
        if let crossValidate {
            let result = try IntentModelEvaluation.crossValidate(
                ruleFiles: files,
                lines: lines,
                folds: crossValidate,
                options: options
            )
            for (index, fold) in result.folds.enumerated() {
                out.writeLine(
                    "fold \(index + 1): rules \(Self.describe(fold.rules)); rules + model \(Self.describe(fold.model))"
                )
            }
            out.writeLine(
                "\(crossValidate)-fold: rules \(Self.describe(result.pooledRules)); rules + model "
                    + Self.describe(result.pooled)
            )
        }
        let source = IntentModelTrainer.source(
            corpus: paths.isEmpty ? "Corpus/train" : paths.joined(separator: ", "),
            lines: lines.count,
            options: options
        )
        let definition = IntentModelTrainer.train(
            IntentModelEvaluation.examples(lines, rules: rules),
            classes: [IntentModelDefinition.noneClass] + ids,
            intentIDs: ids,
            options: options,
            source: source
        )
        let text = definition.render()
        let destination = output ?? directory + "/" + RuleSetLoader.modelFileName
        do {
            try text.write(toFile: destination, atomically: true, encoding: .utf8)
        } catch {
            throw ValidationError("cannot write '\(destination)': \(error)")
        }
        out.writeLine(
            "wrote \(destination): \(definition.classes.count) classes, \(definition.rows.count) rows, "
                + "\(text.utf8.count) bytes, from \(lines.count) lines"
        )
        let combined = try IntentModelEvaluation.rules(files, with: definition)
        for path in evaluate {
            let (evaluationLines, problems) = CorpusReader.read([path], intents: Set(ids))
            for problem in problems { printError(problem.description) }
            let alone = IntentModelEvaluation.Figures(CorpusEvaluation(rules: rules, lines: evaluationLines))
            let with = IntentModelEvaluation.Figures(CorpusEvaluation(rules: combined, lines: evaluationLines))
            out.writeLine("\(path): rules \(Self.describe(alone)); rules + model \(Self.describe(with))")
            if timing {
                out.writeLine(Self.timing(rules: rules, combined: combined, text: text, lines: evaluationLines))
            }
        }
        out.flush()
    }

    /// The model's load time (parse and compile, best of 5) and per-message cost (the scoring alone,
    /// and `analyze` with the model against without it, best of 3) on some lines.
    static func timing(rules: RuleSet, combined: RuleSet, text: String, lines: [CorpusLine]) -> String {
        let clock = ContinuousClock()
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        let ids = rules.intents.map(\.id)
        var load = Double.infinity
        for _ in 0..<5 {
            let start = clock.now
            let (definition, _, _) = IntentModelFileParser.parse(text, file: RuleSetLoader.modelFileName)
            _ = definition?.compiled(intentIDs: ids)
            load = min(load, seconds(clock.now - start))
        }
        guard let model = combined.model, !lines.isEmpty else { return "timing: no model or no lines" }
        let analyses = lines.map { rules.analyze($0.message) }
        let rounds = max(1, 200_000 / analyses.count)
        var checksum = 0.0
        func best(_ body: () -> Void) -> Double {
            var fastest = Double.infinity
            for _ in 0..<3 {
                let start = clock.now
                body()
                fastest = min(fastest, seconds(clock.now - start))
            }
            return fastest / Double(rounds * analyses.count) * 1e6
        }
        let scoring = withUnsafeTemporaryAllocation(of: Double.self, capacity: model.classes.count) { p in
            best {
                for _ in 0..<rounds {
                    for a in analyses {
                        model.posteriors(
                            units: a.text.units,
                            tokens: a.tokens,
                            intents: a.intents,
                            candidates: a.candidates,
                            into: p
                        )
                        checksum += p[0]
                    }
                }
            }
        }
        let messages = lines.map(\.message)
        let with = best {
            for _ in 0..<rounds { for m in messages { checksum += Double(combined.analyze(m).intents.count) } }
        }
        let without = best {
            for _ in 0..<rounds { for m in messages { checksum += Double(rules.analyze(m).intents.count) } }
        }
        return "timing: model parse and compile \(format(load * 1000)) ms; scoring \(format(scoring)) µs/message; "
            + "analyze \(format(with)) µs/message with the model, \(format(without)) without (checksum \(Int(checksum) % 10))"
    }

    static func describe(_ figures: IntentModelEvaluation.Figures) -> String {
        "accuracy \(format(figures.accuracy)) (\(figures.correct)/\(figures.lines)), none precision "
            + "\(format(figures.nonePrecision)), none recall \(format(figures.noneRecall))"
    }

    /// The rule files of a directory without its model file (the one being replaced), and their rules.
    static func rulesWithoutModel(in directory: String) throws -> ([RuleSetLoader.File], RuleSet) {
        do {
            let files = try RuleSetLoader.files(in: directory).filter {
                !$0.name.hasSuffix("/" + RuleSetLoader.modelFileName)
            }
            return (files, try RuleSetLoader.load(files: files))
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            printError("kefu: cannot load the rules in '\(directory)'")
            throw ExitCode(2)
        }
    }
}
