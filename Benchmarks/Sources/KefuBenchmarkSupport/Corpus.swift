import Foundation
@_spi(Measurement) import Kefu

/// The benchmark input: real-length shopper messages, one a line, read once before any timing.
///
/// Lines are split on `\n` (a trailing `\r` is dropped) and empty lines are skipped, exactly as
/// `Benchmarks/jieba_bench.py` reads the same file, so message and byte counts agree with jieba's.
public struct Corpus: Sendable {
    /// The file the messages were read from.
    public let path: String
    /// The messages, in file order.
    public let messages: [String]
    /// UTF-8 bytes of all messages, newlines excluded (the MB/s denominator).
    public let utf8Count: Int

    /// The `Benchmarks/` folder of the Kefu repository, found from this source file.
    public static let benchmarksDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // KefuBenchmarkSupport
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()  // Benchmarks

    /// `Benchmarks/Data/messages.txt`.
    public static var defaultPath: String {
        benchmarksDirectory.appendingPathComponent("Data/messages.txt").path
    }

    /// `Rules/lexicon.txt`, the lexicon Kefu ships.
    public static var lexiconPath: String {
        benchmarksDirectory.deletingLastPathComponent().appendingPathComponent("Rules/lexicon.txt").path
    }

    /// A 15-character message with a size, a full-width question mark and lexicon words.
    public static let fifteenCharacterMessage = "这件背心XL号多长？能包邮吗亲"

    /// Reads a file of messages.
    ///
    /// - Parameter path: A UTF-8 file with one message a line.
    /// - Throws: ``CorpusError`` when the file cannot be read, is not UTF-8 or holds no message.
    public init(contentsOf path: String = Corpus.defaultPath) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CorpusError("\(path): cannot read file")
        }
        var messages: [String] = []
        var bytes = 0
        for var line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            if line.last == 0x0D { line = line.dropLast() }
            guard !line.isEmpty else { continue }
            guard let message = String(bytes: line, encoding: .utf8) else {
                throw CorpusError("\(path):\(messages.count + 1): line is not valid UTF-8")
            }
            messages.append(message)
            bytes += line.count
        }
        guard !messages.isEmpty else { throw CorpusError("\(path): no messages") }
        self.path = path
        self.messages = messages
        self.utf8Count = bytes
    }

    /// The messages that ICU's Traditional→Simplified transliterator changes.
    public var traditionalMessages: [String] {
        messages.filter { Normalizer.simplifiedByTransliterator($0) != $0 }
    }

    /// Kefu's lexicon, read from ``lexiconPath``.
    ///
    /// - Throws: ``CorpusError`` when the file cannot be read or parsed.
    public static func lexicon() throws -> Lexicon {
        let path = lexiconPath
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(bytes: data, encoding: .utf8)
        else {
            throw CorpusError("\(path): cannot read file")
        }
        do {
            return try Lexicon(parsing: text)
        } catch let error as Lexicon.ParseError {
            throw CorpusError("\(path):\(error)")
        }
    }
}

/// Why the benchmark input could not be loaded; the message names the file.
public struct CorpusError: Error, Sendable, CustomStringConvertible {
    /// `path[:line]: problem`.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
