import ArgumentParser
import Foundation
import Kefu
import KefuRules

/// `kefu test`: run the rules over a labelled corpus and report how they do.
struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the rules over a labelled corpus: accuracy, per-intent figures, failures.",
        discussion: """
            Reads corpus files (LABELS[ @tags]<TAB>MESSAGE, see Corpus/README.md) from the files and \
            directories given (default: Corpus/ next to the rules). Prints top-intent accuracy, \
            per-intent precision, recall and F1, none precision and recall, multi-intent recall, a \
            confusion matrix, each failure as 'file:line: expected X, got Y' with the evidence that \
            fired, and the matchers that never fired. Exit status 1 when a gate \
            (--min-accuracy, --min-none-precision) is not met, 2 when the rules cannot be loaded.
            """
    )

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: ArgumentHelp("Fail (exit 1) when top-intent accuracy is below this.", valueName: "fraction"))
    var minAccuracy: Double?

    @Option(help: ArgumentHelp("Fail (exit 1) when none precision is below this.", valueName: "fraction"))
    var minNonePrecision: Double?

    @Flag(help: "Print the summary only, without the failures.")
    var quiet = false

    @Flag(help: "Print the figures, confusions and failures as one JSON object.")
    var json = false

    @Option(help: ArgumentHelp("Also write a self-contained HTML report to this file.", valueName: "file"))
    var html: String?

    @Option(
        name: .customLong("min-intent"),
        help: ArgumentHelp("A per-intent F1 floor, as intent=fraction (repeatable).", valueName: "intent=fraction"))
    var intentFloors: [String] = []

    @Argument(help: "Corpus files or directories (default: the Corpus/ beside the rules).")
    var paths: [String] = []

    func run() throws {
        let rules = try ruleOptions.loadRules()
        let corpusPaths = paths.isEmpty ? [RuleOptions.corpusDirectory(besides: ruleOptions.directory())] : paths
        let (lines, problems) = CorpusReader.read(corpusPaths, intents: Set(rules.intents.map(\.id)))
        for problem in problems { printError(problem.description) }
        guard !lines.isEmpty else {
            printError("kefu: no corpus lines in \(corpusPaths.joined(separator: ", "))")
            throw ExitCode(2)
        }
        let evaluation = CorpusEvaluation(rules: rules, lines: lines)
        var out = OutputWriter(fd: 1)
        if let html {
            let page = CorpusReport.html(evaluation, title: "kefu test: " + corpusPaths.joined(separator: ", "))
            do {
                try page.write(toFile: html, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write '\(html)': \(error)")
            }
        }
        if json {
            out.write(try JSONEncoder.sorted.encode(CorpusReport.summary(evaluation)))
            out.write([0x0A])
        } else if !quiet {
            for failure in evaluation.failures {
                out.writeLine("\(failure.line.position): expected \(failure.expected), got \(failure.got)"
                              + "  \(failure.line.message)")
                for match in failure.predicted {
                    let evidence = match.evidence.map { "\($0.matcher)" }.joined(separator: ", ")
                    out.writeLine("    \(match.id) \(format(match.score)): \(evidence)")
                }
            }
            if !evaluation.failures.isEmpty { out.writeLine("") }
        }
        if !json { report(evaluation, to: &out) }
        out.flush()
        var failed = false
        if let minAccuracy, evaluation.accuracy < minAccuracy {
            printError("kefu: accuracy \(format(evaluation.accuracy)) is below --min-accuracy \(format(minAccuracy))")
            failed = true
        }
        if let minNonePrecision, let none = evaluation.figures[CorpusEvaluation.none], none.precision < minNonePrecision {
            printError("kefu: none precision \(format(none.precision)) is below --min-none-precision "
                       + "\(format(minNonePrecision))")
            failed = true
        }
        for floor in intentFloors {
            let parts = floor.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Double(parts[1]) else {
                throw ValidationError("--min-intent takes intent=fraction, found '\(floor)'")
            }
            guard let figures = evaluation.figures[String(parts[0])] else {
                throw ValidationError("--min-intent: no intent '\(parts[0])' in the rules")
            }
            if figures.f1 < value {
                printError("kefu: \(parts[0]) F1 \(format(figures.f1)) is below --min-intent \(format(value))")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    private func report(_ evaluation: CorpusEvaluation, to out: inout OutputWriter) {
        out.writeLine("lines: \(evaluation.count)   top-intent accuracy: \(format(evaluation.accuracy)) "
                      + "(\(evaluation.correct)/\(evaluation.count))   multi-intent recall: "
                      + format(evaluation.multiIntentRecall))
        out.writeLine("")
        out.writeLine(pad("intent", 16) + pad("support", 9) + pad("precision", 11) + pad("recall", 9) + "f1")
        for id in evaluation.intentIDs + [CorpusEvaluation.none] {
            guard let f = evaluation.figures[id] else { continue }
            out.writeLine(pad(id, 16) + pad(String(f.support), 9) + pad(format(f.precision), 11)
                          + pad(format(f.recall), 9) + format(f.f1))
        }
        out.writeLine("")
        out.writeLine("confusion (rows: expected main intent, columns: top intent found; off-diagonal only):")
        let labels = evaluation.intentIDs + [CorpusEvaluation.none]
        for expected in labels {
            guard let row = evaluation.confusion[expected] else { continue }
            let off = labels.compactMap { got -> String? in
                guard got != expected, let n = row[got], n > 0 else { return nil }
                return "\(got) \(n)"
            }
            if !off.isEmpty { out.writeLine("  \(pad(expected, 16))→ " + off.joined(separator: ", ")) }
        }
        let unused = evaluation.unusedMatchers
        out.writeLine("")
        out.writeLine("matchers that never fired: \(unused.count) of \(evaluation.matcherLabels.count)"
                      + (unused.isEmpty ? "" : ": " + unused.joined(separator: ", ")))
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
