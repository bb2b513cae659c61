/// The compiled form of every matcher of a rule set: one pass over a message's tokens.
///
/// Each token maps to a symbol (its lexicon word, through synonyms to the canonical term) and
/// each symbol to a list of postings: the matchers and steps that name it, concepts already
/// expanded. A message's cost is the tokens plus the postings they hit, then the evaluation of the
/// matchers that were hit: it does not grow with the number of rules beyond the matches found.
/// Regular expressions are the exception (each runs on every message), which is why they are rare.
final class IntentMatcher: Sendable {
    /// A matcher's step named by a symbol or a token kind.
    struct Posting: Sendable {
        let matcher: Int32
        /// The step index, or ``noneStep`` for a `none` term.
        let step: UInt8
        /// Whether a hit on this posting wakes its matcher. Only woken matchers get hits and are
        /// evaluated: an `all` or `sequence` matcher anchors on one required step (the rarest,
        /// by a guess), so the common words of its other steps (吗, 多少) cost a look-up and no
        /// evaluation in the many messages without the anchor.
        let anchor: Bool
    }

    static let noneStep: UInt8 = .max

    enum Kind: UInt8, Sendable {
        case any, all, sequence, regex
    }

    /// One compiled matcher. Plain data (its label lives in ``labels``), so reading one from the
    /// array copies a few words and retains nothing.
    struct Matcher: Sendable {
        let intent: Int32
        let kind: Kind
        let role: MatcherRole
        let stepCount: Int
        /// Bit *i* set: step *i* is optional (sequences).
        let optionalSteps: UInt64
        let gap: Int32
        let hasNone: Bool
    }

    /// A matcher step hit by a token or a phrase.
    struct Hit: Sendable {
        let matcher: Int32
        let step: UInt8
        let first: Int32
        let last: Int32
    }

    let matchers: [Matcher]
    /// Each matcher's label (`size.matchers[2]`), parallel to ``matchers``.
    let labels: [String]
    /// Postings of symbol *s*: `postings[postingStart[s]..<postingStart[s + 1]]`.
    let postingStart: [Int32]
    let postings: [Posting]
    /// Postings of built-in concepts: those of the kind ``kindIndex(_:)`` *k* are
    /// `kindPostingList[kindPostingStart[k]..<kindPostingStart[k + 1]]`.
    let kindPostingList: [Posting]
    let kindPostingStart: [Int32]
    /// Raw symbol → canonical symbol (synonyms).
    let canonical: [Int32]
    /// Symbols of Latin, number and size tokens that are not lexicon words (`yh`, `xl`, `37码`).
    let textSymbols: TextSymbolTable
    /// Phrases (several tokens) by their first raw symbol: the rest of the raw symbols and the phrase's symbol.
    let phrases: [Int32: [(rest: [Int32], symbol: Int32)]]
    /// Per raw symbol: whether a phrase starts with it (most tokens need no look into ``phrases``).
    let startsPhrase: [Bool]
    /// Per canonical symbol: a particle, not counted in sequence gaps.
    let isParticle: [Bool]
    /// Regular-expression matchers.
    let regexes: [(matcher: Int32, regex: LinearRegex)]

    init(
        matchers: [Matcher], labels: [String], postingStart: [Int32], postings: [Posting], kindPostings: [[Posting]],
        canonical: [Int32], textSymbols: TextSymbolTable, phrases: [Int32: [(rest: [Int32], symbol: Int32)]],
        startsPhrase: [Bool], isParticle: [Bool], regexes: [(matcher: Int32, regex: LinearRegex)]
    ) {
        self.matchers = matchers
        self.labels = labels
        self.postingStart = postingStart
        self.postings = postings
        self.kindPostingList = kindPostings.flatMap { $0 }
        var start: [Int32] = [0]
        for list in kindPostings { start.append(start[start.count - 1] + Int32(list.count)) }
        self.kindPostingStart = start
        self.canonical = canonical
        self.textSymbols = textSymbols
        self.phrases = phrases
        self.startsPhrase = startsPhrase
        self.isParticle = isParticle
        self.regexes = regexes
    }

    static func kindIndex(_ kind: Token.Kind) -> Int {
        switch kind {
        case .word: 0
        case .number: 1
        case .latin: 2
        case .sizeLabel: 3
        case .emoji: 4
        case .punctuation: 5
        }
    }

    /// The matchers that fire on a message, ordered by matcher index; valid only inside the body
    /// of ``withFirings(in:tokens:_:)``, which keeps them on the stack.
    struct Firings {
        /// Each fired matcher, ascending, with its tokens: `pool[start..<end]`.
        struct Record {
            let matcher: Int32
            let start: Int32
            let end: Int32
        }

        let records: UnsafeBufferPointer<Record>
        let pool: UnsafeBufferPointer<Int32>

        var count: Int { records.count }
        var isEmpty: Bool { records.isEmpty }
        func matcher(_ i: Int) -> Int32 { records[i].matcher }
        /// The tokens firing *i* used, ascending.
        func tokens(_ i: Int) -> UnsafeBufferPointer<Int32> {
            UnsafeBufferPointer(rebasing: pool[Int(records[i].start)..<Int(records[i].end)])
        }
    }

    /// Calls `body` with the matchers that fire on a message.
    ///
    /// Every per-message buffer (symbols, gap counts, hits, sort keys, the tokens each firing
    /// used) is sized by a first pass (the hits of every posting, a bound on those of the woken
    /// matchers) and lives on the stack (up to 1 KB each; a long message's go to the heap),
    /// and no closure captures mutable state (which would cost a dynamic exclusivity check per
    /// access).
    func withFirings<R>(in text: NormalizedText, tokens: [Token], _ body: (Firings) -> R) -> R {
        let n = tokens.count
        if n == 0 && regexes.isEmpty {
            return body(Firings(records: UnsafeBufferPointer(start: nil, count: 0), pool: UnsafeBufferPointer(start: nil, count: 0)))
        }
        // Symbols, counted tokens before each token (the gap measure, one more entry than
        // tokens) and the clause each token is in.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * n + 1) { scratch in
            let symbols = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
            let counted = UnsafeMutableBufferPointer(rebasing: scratch[n..<(2 * n + 1)])
            let clause = UnsafeMutableBufferPointer(rebasing: scratch[(2 * n + 1)...])
            let (hitCount, poolSize) = scan(text, tokens, symbols: symbols, counted: counted, clause: clause)
            let measures = Measures(counted: UnsafeBufferPointer(counted), clause: UnsafeBufferPointer(clause))
            // Separate buffers, each sized as tightly as known when it is made: a temporary
            // allocation over 1 KB goes to the heap (a malloc and a free a message).
            return withUnsafeTemporaryAllocation(of: Hit.self, capacity: hitCount) { hitScratch in
                let found = collectHits(tokens, symbols: UnsafeBufferPointer(symbols), into: hitScratch)
                let hits = UnsafeBufferPointer(rebasing: hitScratch[0..<found])
                return withUnsafeTemporaryAllocation(of: Hit.self, capacity: found) { sorted in
                    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: found) { keys in
                        Self.sort(hits, keys: keys, into: sorted, tokenCount: n, matcherCount: matchers.count)
                    }
                    return withUnsafeTemporaryAllocation(of: Int32.self, capacity: poolSize + regexes.count * n) { pool in
                        withUnsafeTemporaryAllocation(of: Firings.Record.self, capacity: found + regexes.count) { records in
                            let count = fire(hits, sorted: UnsafeBufferPointer(sorted), text: text,
                                             tokens: tokens, measures: measures, pool: pool, records: records)
                            return body(Firings(records: UnsafeBufferPointer(rebasing: records[0..<count]),
                                                pool: UnsafeBufferPointer(pool)))
                        }
                    }
                }
            }
        }
    }

    /// Where each token stands for the gap and clause rules of sequences.
    struct Measures {
        /// Counted tokens before token *i* (one more entry than tokens).
        let counted: UnsafeBufferPointer<Int32>
        /// The clause token *i* is in.
        let clause: UnsafeBufferPointer<Int32>
    }

    /// The first pass: each token's symbol, the gap and clause measures, the number of hits and
    /// the tokens they span.
    private func scan(
        _ text: NormalizedText, _ tokens: [Token], symbols: UnsafeMutableBufferPointer<Int32>,
        counted: UnsafeMutableBufferPointer<Int32>, clause: UnsafeMutableBufferPointer<Int32>
    ) -> (hits: Int, spanned: Int) {
        var hitCount = 0
        var clauseIndex: Int32 = 0
        if !counted.isEmpty { counted[0] = 0 }
        for (i, token) in tokens.enumerated() {
            var raw: Int32 = token.lexeme
            if raw < 0, !textSymbols.isEmpty, token.kind != .punctuation {
                // Latin, numbers, sizes, emoji and stickers, and ICU's words inside phrases:
                // looked up by a hash of the units, without building a string.
                raw = textSymbols.symbol(of: text.units, token.range)
            }
            symbols[i] = raw
            var isCounted = token.kind != .punctuation && token.kind != .emoji
            if raw >= 0 {
                let symbol = Int(canonical[Int(raw)])
                if isParticle[symbol] { isCounted = false }
                hitCount += Int(postingStart[symbol + 1] - postingStart[symbol])
            }
            let k = Self.kindIndex(token.kind)
            hitCount += Int(kindPostingStart[k + 1] - kindPostingStart[k])
            counted[i + 1] = counted[i] + (isCounted ? 1 : 0)
            clause[i] = clauseIndex
            if token.kind == .punctuation, Self.endsClause(text.units[Int(token.start)]) { clauseIndex += 1 }
        }
        var spanned = hitCount
        var phrases = PhraseMatches(self, symbols: UnsafeBufferPointer(symbols))
        while let phrase = phrases.next() {
            let count = Int(postingStart[Int(phrase.symbol) + 1] - postingStart[Int(phrase.symbol)])
            hitCount += count
            spanned += count * (phrase.last - phrase.first + 1)
        }
        return (hitCount, spanned)
    }

    /// The phrases (several tokens) in a message, by first token.
    private struct PhraseMatches {
        let matcher: IntentMatcher
        let symbols: UnsafeBufferPointer<Int32>
        var position = -1
        /// The phrases that start with the symbol at `position`, and the next one to try.
        var candidates: [(rest: [Int32], symbol: Int32)] = []
        var candidate = 0

        init(_ matcher: IntentMatcher, symbols: UnsafeBufferPointer<Int32>) {
            self.matcher = matcher
            self.symbols = symbols
            if matcher.phrases.isEmpty { position = symbols.count }
        }

        /// The next phrase: its canonical symbol, first and last token.
        mutating func next() -> (symbol: Int32, first: Int, last: Int)? {
            while true {
                while candidate < candidates.count {
                    let phrase = candidates[candidate]
                    candidate += 1
                    guard position + phrase.rest.count < symbols.count else { continue }
                    var isMatch = true
                    for (offset, symbol) in phrase.rest.enumerated() where symbols[position + 1 + offset] != symbol {
                        isMatch = false
                        break
                    }
                    if isMatch { return (matcher.canonical[Int(phrase.symbol)], position, position + phrase.rest.count) }
                }
                guard position + 1 < symbols.count else { return nil }
                position += 1
                candidate = 0
                let first = symbols[position]
                if first >= 0, matcher.startsPhrase[Int(first)], let found = matcher.phrases[first] {
                    candidates = found
                } else if !candidates.isEmpty {
                    candidates = []
                }
            }
        }
    }

    /// The second pass: the hits of the woken matchers (see ``Posting/anchor``), in the order
    /// found (by token; phrases after words). Returns how many there are.
    ///
    /// The woken matchers are a bitmap over all matchers when clearing it costs little next to
    /// the postings hit; with tens of thousands of matchers (clearing 30,000 bits was 3,800 of a
    /// 15-character message's 31,000 instructions) they are a small hash set sized by the
    /// postings hit instead, which costs nothing per matcher that was not hit.
    private func collectHits(
        _ tokens: [Token], symbols: UnsafeBufferPointer<Int32>, into hits: UnsafeMutableBufferPointer<Hit>
    ) -> Int {
        guard !hits.isEmpty else { return 0 }
        let words = (matchers.count + 63) / 64
        let h: Int
        if words <= max(32, hits.count) {
            h = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { woken in
                woken.initialize(repeating: 0)
                forEachPosting(tokens, symbols: symbols) { posting, _, _ in
                    if posting.anchor { woken[Int(posting.matcher) >> 6] |= 1 << UInt64(posting.matcher & 63) }
                }
                return collect(tokens, symbols: symbols, into: hits) { matcher in
                    woken[Int(matcher) >> 6] & 1 << UInt64(matcher & 63) != 0
                }
            }
        } else {
            // Open addressing, at most half full: one slot per posting hit, twice over.
            let bits = max(4, Int.bitWidth - (2 * hits.count - 1).leadingZeroBitCount)
            h = withUnsafeTemporaryAllocation(of: Int32.self, capacity: 1 << bits) { woken in
                woken.initialize(repeating: -1)
                let mask = woken.count - 1
                forEachPosting(tokens, symbols: symbols) { posting, _, _ in
                    guard posting.anchor else { return }
                    var slot = Self.slot(of: posting.matcher, bits: bits)
                    while woken[slot] >= 0 && woken[slot] != posting.matcher { slot = (slot + 1) & mask }
                    woken[slot] = posting.matcher
                }
                return collect(tokens, symbols: symbols, into: hits) { matcher in
                    var slot = Self.slot(of: matcher, bits: bits)
                    while woken[slot] >= 0 {
                        if woken[slot] == matcher { return true }
                        slot = (slot + 1) & mask
                    }
                    return false
                }
            }
        }
        precondition(h <= hits.count, "the hit count of the first pass")
        return h
    }

    /// A matcher's home slot in a table of 2^`bits` (Fibonacci hashing).
    @inline(__always)
    private static func slot(of matcher: Int32, bits: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: matcher)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }

    /// Writes the hits of the postings whose matcher `isWoken` says is woken; returns how many.
    @inline(__always)
    private func collect(
        _ tokens: [Token], symbols: UnsafeBufferPointer<Int32>, into hits: UnsafeMutableBufferPointer<Hit>,
        isWoken: (Int32) -> Bool
    ) -> Int {
        var h = 0
        forEachPosting(tokens, symbols: symbols) { posting, first, last in
            guard isWoken(posting.matcher) else { return }
            hits.initializeElement(at: h, to: Hit(matcher: posting.matcher, step: posting.step, first: first, last: last))
            h += 1
        }
        return h
    }

    /// Calls `body` with every posting a message hits and its first and last token: each token's
    /// symbol and kind postings in token order, then those of the phrases.
    @inline(__always)
    private func forEachPosting(_ tokens: [Token], symbols: UnsafeBufferPointer<Int32>, _ body: (Posting, Int32, Int32) -> Void) {
        postings.withUnsafeBufferPointer { postings in
            postingStart.withUnsafeBufferPointer { starts in
                canonical.withUnsafeBufferPointer { canonical in
                    kindPostingList.withUnsafeBufferPointer { kindPostings in
                        for (i, token) in tokens.enumerated() {
                            let t = Int32(i)
                            if symbols[i] >= 0 {
                                let s = Int(canonical[Int(symbols[i])])
                                for p in Int(starts[s])..<Int(starts[s + 1]) { body(postings[p], t, t) }
                            }
                            let k = Self.kindIndex(token.kind)
                            for p in Int(kindPostingStart[k])..<Int(kindPostingStart[k + 1]) { body(kindPostings[p], t, t) }
                        }
                    }
                    var phrases = PhraseMatches(self, symbols: symbols)
                    while let phrase = phrases.next() {
                        let s = Int(phrase.symbol)
                        for p in Int(starts[s])..<Int(starts[s + 1]) {
                            body(postings[p], Int32(phrase.first), Int32(phrase.last))
                        }
                    }
                }
            }
        }
    }

    /// Evaluates the matchers that were hit, and the regular expressions, in matcher order.
    /// Returns the number of records written.
    private func fire(
        _ hits: UnsafeBufferPointer<Hit>, sorted: UnsafeBufferPointer<Hit>, text: NormalizedText, tokens: [Token],
        measures: Measures, pool: UnsafeMutableBufferPointer<Int32>, records: UnsafeMutableBufferPointer<Firings.Record>
    ) -> Int {
        var poolEnd = 0
        // Regular expressions first (each runs on every message), their records at the end of
        // `records`, to be merged in matcher order below.
        var nextRegex = records.count
        for r in regexes.indices.reversed() {
            let matcher = regexes[r].matcher
            if matchers[Int(matcher)].hasNone, hits.contains(where: { $0.matcher == matcher && $0.step == Self.noneStep }) {
                continue
            }
            // One DFA pass answers a message without a match; no prefilter is needed.
            guard let range = regexes[r].regex.firstMatch(in: text.units) else { continue }
            let start = poolEnd
            for t in tokens.indices where tokens[t].range.overlaps(range) || tokens[t].range == range {
                pool[poolEnd] = Int32(t)
                poolEnd += 1
            }
            nextRegex -= 1
            records[nextRegex] = Firings.Record(matcher: matcher, start: Int32(start), end: Int32(poolEnd))
        }
        var count = 0
        var start = 0
        while start < sorted.count || nextRegex < records.count {
            let matcher = start < sorted.count ? sorted[start].matcher : .max
            while nextRegex < records.count, records[nextRegex].matcher < matcher {
                records[count] = records[nextRegex]
                count += 1
                nextRegex += 1
            }
            guard start < sorted.count else { break }
            var end = start + 1
            while end < sorted.count, sorted[end].matcher == matcher { end += 1 }
            let used = evaluate(UnsafeBufferPointer(rebasing: sorted[start..<end]), measures: measures,
                                into: UnsafeMutableBufferPointer(rebasing: pool[poolEnd...]))
            if used >= 0 {
                records[count] = Firings.Record(matcher: matcher, start: Int32(poolEnd), end: Int32(poolEnd + used))
                count += 1
                poolEnd += used
            }
            start = end
        }
        return count
    }

    /// The most matchers for which hits are sorted into one bucket per matcher.
    static let bucketSortLimit = 1_024

    /// Sorts hits by matcher, then first token, hits with equal keys in the order found.
    static func sort(
        _ hits: UnsafeBufferPointer<Hit>, keys: UnsafeMutableBufferPointer<UInt64>, into sorted: UnsafeMutableBufferPointer<Hit>,
        tokenCount: Int, matcherCount: Int
    ) {
        guard hits.count > 1 else {
            if let hit = hits.first { sorted.initializeElement(at: 0, to: hit) }
            return
        }
        guard hits.count < 1 << 20, tokenCount < 1 << 20, matcherCount < 1 << 24 else {
            // More than the packed keys hold: sort the structs (stable).
            let order = hits.enumerated().sorted {
                ($0.element.matcher, $0.element.first, $0.offset) < ($1.element.matcher, $1.element.first, $1.offset)
            }
            for (k, hit) in order.enumerated() { sorted.initializeElement(at: k, to: hit.element) }
            return
        }
        if matcherCount <= Self.bucketSortLimit, hits.count <= Int(UInt16.max) {
            // A rule set of a few hundred matchers: count hits per matcher, walk the matchers
            // that were hit in order through a bitmap of them, and place the hits in found order
            // (a stable bucket sort), then order each matcher's few hits by first token. No
            // comparisons, and no pass over the matchers that were not hit.
            let words = (matcherCount + 63) / 64
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { hit in
                // Counts, then offsets, per matcher: 16 bits, so that up to 512 matchers stay
                // within the 1 KB a temporary allocation gets on the stack.
                withUnsafeTemporaryAllocation(of: UInt16.self, capacity: matcherCount) { next in
                    // `next[m]` is written when matcher m is first hit, and read only after.
                    hit.initialize(repeating: 0)
                    for found in hits {
                        let m = Int(found.matcher)
                        let bit: UInt64 = 1 << UInt64(m & 63)
                        if hit[m >> 6] & bit == 0 {
                            hit[m >> 6] |= bit
                            next[m] = 1
                        } else {
                            next[m] += 1
                        }
                    }
                    var offset: UInt16 = 0
                    for w in 0..<words {
                        var word = hit[w]
                        while word != 0 {
                            let m = w << 6 | word.trailingZeroBitCount
                            word &= word &- 1
                            let count = next[m]
                            next[m] = offset
                            offset += count
                        }
                    }
                    for found in hits {
                        let m = Int(found.matcher)
                        sorted.initializeElement(at: Int(next[m]), to: found)
                        next[m] += 1
                    }
                }
            }
            for i in 1..<sorted.count where sorted[i].matcher == sorted[i - 1].matcher && sorted[i].first < sorted[i - 1].first {
                let hit = sorted[i]
                var j = i
                while j > 0, sorted[j - 1].matcher == hit.matcher, sorted[j - 1].first > hit.first {
                    sorted[j] = sorted[j - 1]
                    j -= 1
                }
                sorted[j] = hit
            }
            return
        }
        // Packed keys (matcher, first token, position found) are unique, so any sort gives the
        // one order; sorting them on the stack is several times faster than sorting the structs
        // with a closure, and allocates nothing.
        for i in hits.indices {
            keys[i] = UInt64(hits[i].matcher) << 40 | UInt64(hits[i].first) << 20 | UInt64(i)
        }
        Self.sortKeys(keys, 0, hits.count)
        for k in 0..<hits.count { sorted.initializeElement(at: k, to: hits[Int(keys[k] & 0xF_FFFF)]) }
    }

    /// Sorts `keys[low..<high]` (unique): quicksort on a median of three, insertion sort for a
    /// few dozen keys, where it beats the library's merge sort; hand-written because the library
    /// sort of a message's keys cost more than the rest of matching.
    private static func sortKeys(_ keys: UnsafeMutableBufferPointer<UInt64>, _ low: Int, _ high: Int) {
        var low = low
        var high = high
        while high - low > 32 {
            let mid = low + (high - low) / 2
            let a = keys[low], b = keys[mid], c = keys[high - 1]
            let pivot = max(min(a, b), min(max(a, b), c))
            var i = low
            var j = high - 1
            while i <= j {
                while keys[i] < pivot { i += 1 }
                while keys[j] > pivot { j -= 1 }
                if i <= j {
                    keys.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Recurse on the smaller side, loop on the larger: the stack stays logarithmic.
            if j + 1 - low < high - i {
                sortKeys(keys, low, j + 1)
                low = i
            } else {
                sortKeys(keys, i, high)
                high = j + 1
            }
        }
        if high - low > 1 {
            for i in (low + 1)..<high {
                let key = keys[i]
                var j = i
                while j > low, keys[j - 1] > key {
                    keys[j] = keys[j - 1]
                    j -= 1
                }
                keys[j] = key
            }
        }
    }

    /// Sentence-ending punctuation: a sequence never reaches across it.
    static func endsClause(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x3F, 0x21, 0x3B, 0x2E, 0x3002, 0xFF1F, 0xFF01, 0xFF1B, 0x2026: true  // ? ! ; . 。 ？ ！ ； …
        default: false
        }
    }

    /// Whether a matcher fires on these hits (all of one matcher, by token order): the number of
    /// tokens it used, written to `tokens` in ascending order, or -1.
    private func evaluate(
        _ hits: UnsafeBufferPointer<Hit>, measures: Measures, into tokens: UnsafeMutableBufferPointer<Int32>
    ) -> Int {
        let matcher = matchers[Int(hits[0].matcher)]
        if matcher.hasNone, hits.contains(where: { $0.step == Self.noneStep }) { return -1 }
        switch matcher.kind {
        case .any:
            var k = 0
            for hit in hits where hit.step != Self.noneStep {
                for t in hit.first...hit.last where k == 0 || tokens[k - 1] < t {
                    tokens[k] = t
                    k += 1
                }
            }
            return k == 0 ? -1 : k
        case .all:
            var seen: UInt64 = 0
            var k = 0
            for hit in hits where hit.step != Self.noneStep && seen & (1 << UInt64(hit.step)) == 0 {
                seen |= 1 << UInt64(hit.step)
                for t in hit.first...hit.last {
                    tokens[k] = t
                    k += 1
                }
            }
            let required: UInt64 = matcher.stepCount == 64 ? .max : (1 << UInt64(matcher.stepCount)) - 1
            guard seen | matcher.optionalSteps == required else { return -1 }
            // A few tokens: insertion sort.
            for i in 1..<max(1, k) {
                let t = tokens[i]
                var j = i
                while j > 0, tokens[j - 1] > t {
                    tokens[j] = tokens[j - 1]
                    j -= 1
                }
                tokens[j] = t
            }
            return k
        case .sequence:
            return sequence(hits, matcher: matcher, measures: measures, into: tokens)
        case .regex:
            return -1
        }
    }
}
