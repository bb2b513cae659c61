import ArgumentParser
import Foundation
import Kefu
import KefuRules

/// `kefu diff OLD NEW [CORPUS…]`: what an edit to the rules does to the corpus.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which corpus lines change top intent or top reply between two rule sets.",
        discussion: """
            Runs both rule sets over the corpus (default: the Corpus/ beside NEW) and prints the lines \
            whose top intent or top reply changed, grouped by change ('size → stock: 3 lines'), with \
            whether each change fixed or broke the line against its gold label.
            """
    )

    @Argument(help: "The rules before the edit.")
    var old: String

    @Argument(help: "The rules after the edit.")
    var new: String

    @Argument(help: "Corpus files or directories.")
    var corpus: [String] = []

    func run() throws {
        let before = try RuleOptions.loadRules(from: old)
        let after = try RuleOptions.loadRules(from: new)
        let paths = corpus.isEmpty
            ? [RuleOptions.corpusDirectory(besides: new)] : corpus
        let ids = Set(before.intents.map(\.id)).union(after.intents.map(\.id))
        let (lines, problems) = CorpusReader.read(paths, intents: ids)
        for problem in problems { printError(problem.description) }
        var groups: [String: [String]] = [:]
        var order: [String] = []
        var fixed = 0
        var broken = 0
        for line in lines {
            let a = before.suggest(line.message).0
            let b = after.suggest(line.message).0
            let intentA = a.intents.first?.id ?? "none", intentB = b.intents.first?.id ?? "none"
            let replyA = a.replies.first?.id ?? "-", replyB = b.replies.first?.id ?? "-"
            guard intentA != intentB || replyA != replyB else { continue }
            let key = intentA != intentB ? "intent \(intentA) → \(intentB)" : "reply \(replyA) → \(replyB)"
            let gold = line.intents.first ?? "none"
            var verdict = ""
            if intentA != intentB {
                if intentB == gold {
                    verdict = "  (fixed)"
                    fixed += 1
                } else if intentA == gold {
                    verdict = "  (broken)"
                    broken += 1
                }
            }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append("  \(line.position): \(line.message)\(verdict)")
        }
        var out = OutputWriter(fd: 1)
        for key in order.sorted(by: { (groups[$0]?.count ?? 0, $1) > (groups[$1]?.count ?? 0, $0) }) {
            let members = groups[key] ?? []
            out.writeLine("\(key): \(members.count) line\(members.count == 1 ? "" : "s")")
            for member in members { out.writeLine(member) }
        }
        let changed = groups.values.reduce(0) { $0 + $1.count }
        out.writeLine("\(changed) of \(lines.count) lines changed; \(fixed) fixed, \(broken) broken")
        out.flush()
    }
}
