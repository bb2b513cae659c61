import Foundation
import Kefu

@testable import KefuRules

/// The rules and corpus this repository ships, found from this source file.
enum Shipped {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let rulesDirectory = root.appendingPathComponent("Rules").path
    static let corpusDirectory = root.appendingPathComponent("Corpus").path

    /// Loaded once for every test.
    static let rules = Result { try RuleSetLoader.load(directory: rulesDirectory) }

    static func corpus(_ split: String) throws -> [CorpusLine] {
        let ids = Set(try rules.get().intents.map(\.id))
        let (lines, problems) = CorpusReader.read([corpusDirectory + "/" + split], intents: ids)
        if let problem = problems.first { throw problem }
        return lines
    }
}
