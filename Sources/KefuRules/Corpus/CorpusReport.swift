import Foundation
import Kefu

/// The machine-readable and the HTML forms of a ``CorpusEvaluation``.
public enum CorpusReport {
    /// One failure, as reports list it.
    public struct FailureRecord: Codable, Sendable {
        /// `file:line`.
        public var position: String
        /// The main gold intent.
        public var expected: String
        /// The top intent found.
        public var got: String
        /// Every intent found, best first, with scores.
        public var found: [String]
        /// The message.
        public var message: String
    }

    /// The summary `kefu test --json` prints.
    public struct Summary: Codable, Sendable {
        /// Lines evaluated.
        public var lines: Int
        /// Top-intent accuracy.
        public var accuracy: Double
        /// Recall of the gold labels of multi-intent lines.
        public var multiIntentRecall: Double
        /// Per intent (and `none`).
        public var intents: [String: CorpusEvaluation.Figures]
        /// Gold main intent → top intent found → lines.
        public var confusion: [String: [String: Int]]
        /// Lines whose top intent is wrong.
        public var failures: [FailureRecord]
        /// Matchers that never fired.
        public var unusedMatchers: [String]
    }

    /// The summary of an evaluation.
    public static func summary(_ evaluation: CorpusEvaluation) -> Summary {
        Summary(
            lines: evaluation.count, accuracy: evaluation.accuracy, multiIntentRecall: evaluation.multiIntentRecall,
            intents: evaluation.figures, confusion: evaluation.confusion,
            failures: evaluation.failures.map {
                FailureRecord(position: $0.line.position, expected: $0.expected, got: $0.got,
                              found: $0.predicted.map { "\($0.id) \(String(format: "%.2f", $0.score))" },
                              message: $0.line.message)
            },
            unusedMatchers: evaluation.unusedMatchers)
    }

    /// Escapes text for HTML: everything from the corpus and the rules goes through this.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// One self-contained HTML page: the figures, the confusion matrix as a heatmap, and a
    /// failure table filtered as you type. No external resources; every corpus and rule text is escaped.
    public static func html(_ evaluation: CorpusEvaluation, title: String) -> String {
        let labels = evaluation.intentIDs + [CorpusEvaluation.none]
        let maximum = max(1, evaluation.confusion.values.flatMap(\.values).max() ?? 1)
        var page = """
            <!doctype html>
            <html lang="zh"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>
            body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:24px;color:#222}
            h1{font-size:20px} h2{font-size:16px;margin-top:28px}
            table{border-collapse:collapse;font-size:13px} td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}
            th{background:#f4f4f4} td.l,th.l{text-align:left}
            .heat td{width:34px;height:26px;text-align:center;padding:0}
            .heat th.rot{writing-mode:vertical-rl;transform:rotate(180deg);height:110px}
            input{font-size:14px;padding:4px 8px;width:320px;margin-bottom:8px}
            .bad{color:#b00020}
            </style></head><body>
            <h1>\(escape(title))</h1>
            <p>\(evaluation.count) lines · top-intent accuracy <b>\(String(format: "%.3f", evaluation.accuracy))</b>
            (\(evaluation.correct)/\(evaluation.count)) · multi-intent recall \(String(format: "%.3f", evaluation.multiIntentRecall))</p>
            <h2>Per intent</h2>
            <table><tr><th class="l">intent</th><th>support</th><th>precision</th><th>recall</th><th>F1</th></tr>

            """
        for id in labels {
            guard let f = evaluation.figures[id] else { continue }
            page += "<tr><td class=\"l\">\(escape(id))</td><td>\(f.support)</td><td>\(String(format: "%.3f", f.precision))</td>"
                + "<td>\(String(format: "%.3f", f.recall))</td><td>\(String(format: "%.3f", f.f1))</td></tr>\n"
        }
        page += "</table>\n<h2>Confusion matrix (rows: expected main intent; columns: top intent found)</h2>\n"
        page += "<table class=\"heat\"><tr><th class=\"l\"></th>"
        for label in labels { page += "<th class=\"rot\">\(escape(label))</th>" }
        page += "</tr>\n"
        for expected in labels {
            page += "<tr><th class=\"l\">\(escape(expected))</th>"
            for got in labels {
                let n = evaluation.confusion[expected]?[got] ?? 0
                let strength = Double(n) / Double(maximum)
                let colour = expected == got
                    ? "rgba(46,125,50,\(String(format: "%.2f", 0.15 + 0.85 * strength)))"
                    : "rgba(198,40,40,\(String(format: "%.2f", n == 0 ? 0 : 0.2 + 0.8 * strength)))"
                page += "<td style=\"background:\(colour)\" title=\"\(escape(expected)) → \(escape(got)): \(n)\">\(n == 0 ? "" : String(n))</td>"
            }
            page += "</tr>\n"
        }
        page += "</table>\n<h2>Failures (\(evaluation.failures.count))</h2>\n"
        page += "<input id=\"q\" placeholder=\"filter: intent, file or words\" oninput=\"f()\">\n"
        page += "<table id=\"t\"><tr><th class=\"l\">line</th><th class=\"l\">expected</th><th class=\"l\">got</th>"
            + "<th class=\"l\">found</th><th class=\"l\">message</th></tr>\n"
        for failure in evaluation.failures {
            let found = failure.predicted.map { "\($0.id) \(String(format: "%.2f", $0.score))" }.joined(separator: ", ")
            page += "<tr><td class=\"l\">\(escape(failure.line.position))</td><td class=\"l\">\(escape(failure.expected))</td>"
                + "<td class=\"l bad\">\(escape(failure.got))</td><td class=\"l\">\(escape(found))</td>"
                + "<td class=\"l\">\(escape(failure.line.message))</td></tr>\n"
        }
        page += """
            </table>
            <h2>Matchers that never fired (\(evaluation.unusedMatchers.count) of \(evaluation.matcherLabels.count))</h2>
            <p>\(evaluation.unusedMatchers.map(escape).joined(separator: ", "))</p>
            <script>
            function f(){var q=document.getElementById('q').value.toLowerCase();
            var rows=document.getElementById('t').rows;
            for(var i=1;i<rows.length;i++){rows[i].style.display=rows[i].textContent.toLowerCase().indexOf(q)>=0?'':'none';}}
            </script>
            </body></html>

            """
        return page
    }
}
