/// The domain words that the segmenter keeps whole, whatever ICU's dictionary would do with them.
///
/// ICU's dictionary splits most shop vocabulary (包/邮, 码/数, 连/衣裙) and sometimes cuts across a
/// word (退/货运/费), so lexicon words are matched first and ICU only segments the gaps between
/// them. Every word is normalized on the way in, so a Traditional or full-width entry (`碼數`,
/// `ＸＬ`) matches what the normalizer produces.
///
/// The plain-text form, one word a line with an optional kind, `#` starting a comment:
/// ```text
/// 包邮
/// 顺丰 courier
/// 均码 size
/// ```
/// Words of kind `size` come out of the segmenter as ``Token/Kind-swift.enum/sizeLabel`` tokens.
public struct Lexicon: Sendable {
    /// One word of the lexicon.
    public struct Entry: Sendable, Hashable {
        /// The word as it was written.
        public var word: String
        /// An optional kind, such as `courier`, `material` or `size`.
        public var kind: String?

        /// Creates an entry.
        ///
        /// - Parameters:
        ///   - word: The word; it is normalized when the lexicon is built.
        ///   - kind: An optional kind.
        public init(_ word: String, kind: String? = nil) {
            self.word = word
            self.kind = kind
        }
    }

    /// A line of lexicon text that could not be read.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        /// The 1-based line number.
        public var line: Int
        /// The 1-based column (in Unicode scalars) where the problem starts.
        public var column: Int
        /// What is wrong.
        public var message: String
        /// `line:column: message`, to be prefixed by the file name.
        public var description: String { "\(line):\(column): \(message)" }
    }

    let trie: LexiconTrie
    /// The normalized words, indexed by word id.
    let words: [String]
    /// The kind of each word, indexed by word id.
    let kinds: [String?]

    /// Builds a lexicon from entries. Duplicate words keep their first kind.
    ///
    /// - Parameter entries: The words; empty ones (after normalization) are skipped.
    public init(_ entries: some Sequence<Entry>) {
        let normalizer = Normalizer()
        var ids: [[UInt16]: Int32] = [:]
        var words: [String] = []
        var kinds: [String?] = []
        var keys: [[UInt16]] = []
        for entry in entries {
            let units = normalizer.normalize(entry.word).units
            guard !units.isEmpty else { continue }
            if let id = ids[units] {
                if kinds[Int(id)] == nil { kinds[Int(id)] = entry.kind }
                continue
            }
            ids[units] = Int32(words.count)
            words.append(String(decoding: units, as: UTF16.self))
            kinds.append(entry.kind)
            keys.append(units)
        }
        self.words = words
        self.kinds = kinds
        self.trie = LexiconTrie(keys)
    }

    /// Reads the plain-text lexicon format.
    ///
    /// - Parameter text: The contents of a lexicon file.
    /// - Throws: ``ParseError`` for a line with more than a word and a kind.
    public init(parsing text: String) throws {
        var entries: [Entry] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            switch fields.count {
            case 0: continue
            case 1: entries.append(Entry(String(fields[0])))
            case 2: entries.append(Entry(String(fields[0]), kind: String(fields[1])))
            default:
                let column = rawLine.unicodeScalars.distance(
                    from: rawLine.unicodeScalars.startIndex, to: fields[2].startIndex) + 1
                throw ParseError(
                    line: index + 1, column: column,
                    message: "expected a word and an optional kind, found \(fields.count) fields")
            }
        }
        self.init(entries)
    }

    /// A lexicon with the words of both, `self`'s first.
    ///
    /// - Parameter other: More entries, such as every term a rule names.
    /// - Returns: The merged lexicon.
    public func adding(_ other: some Sequence<Entry>) -> Lexicon {
        Lexicon(entries + Array(other))
    }

    /// The entries, normalized, in id order.
    public var entries: [Entry] { zip(words, kinds).map { Entry($0, kind: $1) } }

    /// The number of words.
    public var count: Int { words.count }

    /// The id of a word, if the lexicon holds it.
    ///
    /// - Parameter word: A word, normalized here first.
    /// - Returns: The word's id, or `nil`.
    public func id(of word: String) -> Int? {
        let units = Normalizer().normalize(word).units
        return units.withUnsafeBufferPointer { buffer in
            let id = trie.exactMatch(buffer, 0..<buffer.count)
            return id < 0 ? nil : Int(id)
        }
    }
}
