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
        var builder = Builder()
        builder.add(entries, normalizing: true)
        self.init(builder)
    }

    private init(_ builder: Builder) {
        self.words = builder.words
        self.kinds = builder.kinds
        self.trie = LexiconTrie(builder.keys)
    }

    /// Words added in order.
    private struct Builder {
        var ids: [[UInt16]: Int32] = [:]
        var words: [String] = []
        var kinds: [String?] = []
        var keys: [[UInt16]] = []

        init() {}

        /// Starts from a lexicon's words, which are normalized already.
        init(_ lexicon: Lexicon) {
            words = lexicon.words
            kinds = lexicon.kinds
            keys = words.map { Array($0.utf16) }
            ids.reserveCapacity(keys.count)
            for (id, key) in keys.enumerated() { ids[key] = Int32(id) }
        }

        /// Adds entries, normalizing their words unless they are normalized already.
        mutating func add(_ entries: some Sequence<Entry>, normalizing: Bool) {
            let normalizer = Normalizer()
            ids.reserveCapacity(ids.count + entries.underestimatedCount)
            for entry in entries {
                let units = normalizing ? normalizer.normalize(entry.word).units : Array(entry.word.utf16)
                guard !units.isEmpty else { continue }
                // One lookup: a new word gets the next id.
                let next = Int32(words.count)
                let id = Self.value(&ids[units, default: next])
                if id == next {
                    words.append(normalizing ? String(utf16Units: units) : entry.word)
                    kinds.append(nil)
                    keys.append(units)
                }
                if kinds[Int(id)] == nil { kinds[Int(id)] = entry.kind }
            }
        }

        private static func value(_ value: inout Int32) -> Int32 { value }
    }

    /// A lexicon with the words of both, `self`'s first.
    ///
    /// The same lexicon as `Lexicon(entries + other)`: `self`'s words are normalized already, and
    /// normalizing is idempotent, so only `other`'s are normalized.
    ///
    /// - Parameter other: More entries, such as every term a rule names.
    /// - Returns: The merged lexicon.
    public func adding(_ other: some Sequence<Entry>) -> Lexicon {
        var builder = Builder(self)
        builder.add(other, normalizing: true)
        return Lexicon(builder)
    }

    /// A lexicon with the words of both, `self`'s first, where `other`'s words are normalized
    /// already (as ``Normalizer/normalize(_:)`` gives them): the same lexicon as
    /// ``adding(_:)``, since normalizing is idempotent, without normalizing again.
    ///
    /// - Parameter other: Normalized entries.
    /// - Returns: The merged lexicon.
    package func adding(normalized other: some Sequence<Entry>) -> Lexicon {
        var builder = Builder(self)
        builder.add(other, normalizing: false)
        return Lexicon(builder)
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
