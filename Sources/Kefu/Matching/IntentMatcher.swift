/// The compiled form of every matcher of a rule set: one pass over a message's tokens.
///
/// Each token maps to a symbol (its lexicon word, through synonyms to the canonical term) and
/// each symbol to a list of postings: the matchers and steps that name it, concepts already
/// expanded. A message's cost is the tokens plus the postings they hit, then the evaluation of the
/// matchers that were hit: it does not grow with the number of rules beyond the matches found.
/// Regular expressions are the exception (each runs on every message), which is why they are rare.
struct IntentMatcher: Sendable {
    /// A matcher's step named by a symbol or a token kind.
    struct Posting: Sendable {
        let matcher: Int32
        /// The step index, or ``noneStep`` for a `none` term.
        let step: UInt8
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

    /// A matcher that fired, with the tokens it used.
    struct Firing: Sendable {
        let matcher: Int32
        var tokens: [Int32]
    }

    let matchers: [Matcher]
    /// Each matcher's label (`size.matchers[2]`), parallel to ``matchers``.
    let labels: [String]
    /// Postings of symbol *s*: `postings[postingStart[s]..<postingStart[s + 1]]`.
    let postingStart: [Int32]
    let postings: [Posting]
    /// Postings of built-in concepts, indexed by ``kindIndex(_:)``.
    let kindPostings: [[Posting]]
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

    /// The matchers that fire on a message, ordered by matcher index.
    func firings(in text: NormalizedText, tokens: [Token]) -> [Firing] {
        if tokens.isEmpty && regexes.isEmpty { return [] }
        // Per-token scratch on the stack: symbols, counted tokens before each token (the gap
        // measure, one more entry than tokens) and the clause each token is in.
        let n = tokens.count
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * n + 1) { scratch in
            let symbols = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
            let counted = UnsafeMutableBufferPointer(rebasing: scratch[n..<(2 * n + 1)])
            let clause = UnsafeMutableBufferPointer(rebasing: scratch[(2 * n + 1)...])
            return firings(in: text, tokens: tokens, symbols: symbols, counted: counted, clause: clause)
        }
    }

    private func firings(
        in text: NormalizedText, tokens: [Token], symbols: UnsafeMutableBufferPointer<Int32>,
        counted: UnsafeMutableBufferPointer<Int32>, clause: UnsafeMutableBufferPointer<Int32>
    ) -> [Firing] {
        var hits: [Hit] = []
        hits.reserveCapacity(32)
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
                let symbol = canonical[Int(raw)]
                if isParticle[Int(symbol)] { isCounted = false }
                appendHits(of: symbol, first: i, last: i, to: &hits)
            }
            for posting in kindPostings[Self.kindIndex(token.kind)] {
                hits.append(Hit(matcher: posting.matcher, step: posting.step, first: Int32(i), last: Int32(i)))
            }
            counted[i + 1] = counted[i] + (isCounted ? 1 : 0)
            clause[i] = clauseIndex
            if token.kind == .punctuation, Self.endsClause(text.units[Int(token.start)]) { clauseIndex += 1 }
        }
        if !phrases.isEmpty {
            for i in tokens.indices where symbols[i] >= 0 && startsPhrase[Int(symbols[i])] {
                guard let candidates = phrases[symbols[i]] else { continue }
                for phrase in candidates where i + phrase.rest.count < tokens.count {
                    var isMatch = true
                    for (offset, symbol) in phrase.rest.enumerated() where symbols[i + 1 + offset] != symbol {
                        isMatch = false
                        break
                    }
                    if isMatch {
                        appendHits(of: canonical[Int(phrase.symbol)], first: i, last: i + phrase.rest.count, to: &hits)
                    }
                }
            }
        }
        var firings: [Firing] = []
        if !hits.isEmpty {
            Self.withSortedHits(hits, tokenCount: tokens.count, matcherCount: matchers.count) { sorted in
                var start = 0
                while start < sorted.count {
                    var end = start + 1
                    while end < sorted.count, sorted[end].matcher == sorted[start].matcher { end += 1 }
                    if let tokens = evaluate(UnsafeBufferPointer(rebasing: sorted[start..<end]),
                                             counted: UnsafeBufferPointer(counted), clause: UnsafeBufferPointer(clause))
                    {
                        firings.append(Firing(matcher: sorted[start].matcher, tokens: tokens))
                    }
                    start = end
                }
            }
        }
        if !regexes.isEmpty {
            for r in regexes.indices {
                let matcher = regexes[r].matcher
                if matchers[Int(matcher)].hasNone,
                    hits.contains(where: { $0.matcher == matcher && $0.step == Self.noneStep })
                {
                    continue
                }
                // One DFA pass answers a message without a match; no prefilter is needed.
                guard let range = regexes[r].regex.firstMatch(in: text.units) else { continue }
                let covered = tokens.indices.filter { tokens[$0].range.overlaps(range) || tokens[$0].range == range }
                firings.append(Firing(matcher: matcher, tokens: covered.map { Int32($0) }))
            }
            firings.sort { $0.matcher < $1.matcher }
        }
        return firings
    }

    /// Calls `body` with the hits sorted by matcher, then first token, hits with equal keys in the
    /// order found.
    static func withSortedHits(
        _ hits: [Hit], tokenCount: Int, matcherCount: Int, _ body: (UnsafeBufferPointer<Hit>) -> Void
    ) {
        if hits.count == 1 { return hits.withUnsafeBufferPointer(body) }
        guard hits.count < 1 << 20, tokenCount < 1 << 20, matcherCount < 1 << 24 else {
            // More than the packed keys hold: sort the structs (stable).
            let sorted = hits.enumerated().sorted {
                ($0.element.matcher, $0.element.first, $0.offset) < ($1.element.matcher, $1.element.first, $1.offset)
            }.map(\.element)
            sorted.withUnsafeBufferPointer(body)
            return
        }
        // Sorting packed keys (matcher, first token, position found) on the stack is several times
        // faster than sorting the structs with a closure, allocates nothing, and keeps equal keys in
        // their found order.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: hits.count) { buffer in
            var keys = buffer
            for i in hits.indices {
                keys[i] = UInt64(hits[i].matcher) << 40 | UInt64(hits[i].first) << 20 | UInt64(i)
            }
            if hits.count <= 64 {
                // A message's few dozen keys: insertion sort beats the library's merge sort here.
                for i in 1..<hits.count {
                    let key = keys[i]
                    var j = i
                    while j > 0, keys[j - 1] > key {
                        keys[j] = keys[j - 1]
                        j -= 1
                    }
                    keys[j] = key
                }
            } else {
                keys.sort()
            }
            withUnsafeTemporaryAllocation(of: Hit.self, capacity: hits.count) { sorted in
                for k in 0..<hits.count { sorted.initializeElement(at: k, to: hits[Int(keys[k] & 0xF_FFFF)]) }
                body(UnsafeBufferPointer(sorted))
            }
        }
    }

    private func appendHits(of symbol: Int32, first: Int, last: Int, to hits: inout [Hit]) {
        let s = Int(symbol)
        var p = Int(postingStart[s])
        let end = Int(postingStart[s + 1])
        while p < end {
            let posting = postings[p]
            hits.append(Hit(matcher: posting.matcher, step: posting.step, first: Int32(first), last: Int32(last)))
            p += 1
        }
    }

    /// Sentence-ending punctuation: a sequence never reaches across it.
    static func endsClause(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x3F, 0x21, 0x3B, 0x2E, 0x3002, 0xFF1F, 0xFF01, 0xFF1B, 0x2026: true  // ? ! ; . 。 ？ ！ ； …
        default: false
        }
    }

    /// The tokens a matcher used, if it fires on these hits (all of one matcher, by token order).
    private func evaluate(
        _ hits: UnsafeBufferPointer<Hit>, counted: UnsafeBufferPointer<Int32>, clause: UnsafeBufferPointer<Int32>
    ) -> [Int32]? {
        let matcher = matchers[Int(hits[0].matcher)]
        if matcher.hasNone, hits.contains(where: { $0.step == Self.noneStep }) { return nil }
        switch matcher.kind {
        case .any:
            var tokens: [Int32] = []
            for hit in hits where hit.step != Self.noneStep {
                for t in hit.first...hit.last where tokens.last.map({ $0 < t }) ?? true { tokens.append(t) }
            }
            return tokens.isEmpty ? nil : tokens
        case .all:
            var seen: UInt64 = 0
            var tokens: [Int32] = []
            for hit in hits where hit.step != Self.noneStep && seen & (1 << UInt64(hit.step)) == 0 {
                seen |= 1 << UInt64(hit.step)
                tokens.append(contentsOf: hit.first...hit.last)
            }
            let required: UInt64 = matcher.stepCount == 64 ? .max : (1 << UInt64(matcher.stepCount)) - 1
            guard seen | matcher.optionalSteps == required else { return nil }
            return tokens.sorted()
        case .sequence:
            return sequence(hits, matcher: matcher, counted: counted, clause: clause)
        case .regex:
            return nil
        }
    }
}
