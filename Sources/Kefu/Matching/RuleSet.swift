/// A compiled rule set: the lexicon, the intents and their matcher, ready to analyze messages.
///
/// Immutable and `Sendable`: share one across every task of a server. Build one with the
/// `KefuRules` loader (from a `Rules/` directory or rule text).
///
/// ```swift
/// let analysis = rules.analyze("這件背心L號多長？能包郵嗎")
/// analysis.intents.map(\.id)   // ["size", "shipping"]
/// ```
public final class RuleSet: Sendable {
    /// The intents, in declaration order.
    public let intents: [Intent]
    /// The lexicon the segmenter uses: the shipped words plus every term a rule names.
    public let lexicon: Lexicon
    /// The authored intents (for the author tools: examples, labels).
    package let definitions: [IntentDefinition]
    let normalizer: Normalizer
    let segmenter: Segmenter
    let matcher: IntentMatcher
    let slotExtractor: SlotExtractor
    /// The shop's profile: name, shipping, returns, bargaining, payment.
    public let shop: ShopProfile
    /// The shop's products.
    public let catalog: Catalog
    /// The scripted replies, in file order.
    public let replies: [ReplyDefinition]
    /// Where each intent id stands in ``intents``.
    private let intentPositions: IntentIndex
    /// Reply indices per intent, parallel to ``intents``, by priority (highest first).
    private let repliesByIntent: [[Int]]
    /// Each reply's facts and conditions, resolved for ranking (parallel to ``replies``).
    let replyPlans: [ReplyPlan]
    /// The last step of the bargaining ladder (it also covers later requests).
    let lastBargainTurn: Int
    /// The learned intent model (`model.tsv`), which weighs the rules' intents.
    package let model: IntentModel?

    init(intents: [Intent], definitions: [IntentDefinition], lexicon: Lexicon, matcher: IntentMatcher,
         shop: ShopProfile, catalog: Catalog, replies: [ReplyDefinition], model: IntentModel? = nil) {
        self.model = model
        self.intents = intents
        self.definitions = definitions
        self.lexicon = lexicon
        self.normalizer = Normalizer()
        self.segmenter = Segmenter(lexicon: lexicon)
        self.matcher = matcher
        self.slotExtractor = SlotExtractor(lexicon: lexicon)
        self.shop = shop
        self.catalog = catalog
        self.replies = replies
        var byIntent: [String: [Int]] = [:]
        for (index, reply) in replies.enumerated() { byIntent[reply.intent, default: []].append(index) }
        for key in byIntent.keys {
            byIntent[key]?.sort { replies[$0].priority != replies[$1].priority ? replies[$0].priority > replies[$1].priority : $0 < $1 }
        }
        self.intentPositions = IntentIndex(intents.map(\.id))
        self.repliesByIntent = intents.map { byIntent[$0.id] ?? [] }
        self.replyPlans = replies.map { ReplyPlan($0, shop: shop) }
        self.lastBargainTurn = replies.compactMap(\.conditions.bargainTurn).max() ?? 0
    }

    /// The indices of an intent's replies, by priority (highest first).
    func replies(for intentID: String) -> [Int] {
        intentPositions.position(of: intentID).map { repliesByIntent[$0] } ?? []
    }

    /// The number of compiled matchers (evidence, vetoes and lowering).
    public var matcherCount: Int { matcher.matchers.count }

    /// The label of a compiled matcher (see ``Analysis/firedMatchers``).
    package func label(ofMatcher index: Int32) -> String { matcher.labels[Int(index)] }

    /// Normalizes, segments and matches one message.
    ///
    /// - Parameter message: The text as the shopper typed it.
    /// - Returns: The intents at or above their threshold, best first, and the slots.
    /// - Complexity: O(*n* + *h* log *h*) for *n* tokens and *h* postings hit, plus the regular
    ///   expressions; independent of the number of rules that do not match.
    public func analyze(_ message: String) -> Analysis {
        let text = normalizer.normalize(message)
        let tokens = segmenter.segment(text)
        var (intents, candidates, fired) = matcher.withFirings(in: text, tokens: tokens) { firings in
            let (intents, candidates) = score(firings, text: text, tokens: tokens)
            return (intents, candidates, (0..<firings.count).map { firings.matcher($0) })
        }
        if model != nil { (intents, candidates) = combine(rules: intents, candidates: candidates, text: text, tokens: tokens) }
        let slots = slotExtractor.extract(from: text, tokens: tokens)
        return Analysis(text: text, tokens: tokens, intents: intents, candidates: candidates, slots: slots,
                        firedMatchers: fired)
    }

    /// An intent the rules scored, with its index and the first token of its evidence. A struct,
    /// not a tuple: an array of tuples is destroyed through the runtime's generic witnesses.
    private struct ScoredIntent {
        let intent: Int
        let match: IntentMatch
        let first: Int32
    }

    /// Turns firings into scored intents: vetoes, weights, lowering, thresholds, ranking.
    private func score(
        _ firings: IntentMatcher.Firings, text: NormalizedText, tokens: [Token]
    ) -> (intents: [IntentMatch], candidates: [IntentMatch]) {
        guard !firings.isEmpty else { return ([], []) }
        // Firings come ordered by matcher index, and matchers are grouped by intent.
        // Each array is made once: growing one costs a malloc and a free. Each intent has at least
        // one firing, so the firings bound the intents.
        var results: [ScoredIntent] = []
        results.reserveCapacity(firings.count)
        var start = 0
        while start < firings.count {
            let intent = matcher.matchers[Int(firings.matcher(start))].intent
            var end = start + 1
            while end < firings.count, matcher.matchers[Int(firings.matcher(end))].intent == intent { end += 1 }
            if let scored = scoreIntent(Int(intent), firings, start..<end, text: text, tokens: tokens) {
                results.append(ScoredIntent(intent: Int(intent), match: scored.0, first: scored.1))
            }
            start = end
        }
        if results.count > 1 {
            results.sort { a, b in
                let sa = intents[a.intent].isSecondary, sb = intents[b.intent].isSecondary
                if sa != sb { return !sa }
                if a.match.score != b.match.score { return a.match.score > b.match.score }
                if a.first != b.first { return a.first < b.first }
                return a.intent < b.intent
            }
        }
        var acceptedCount = 0
        for result in results where result.match.score >= intents[result.intent].threshold { acceptedCount += 1 }
        var accepted: [IntentMatch] = []
        accepted.reserveCapacity(acceptedCount)
        var below: [IntentMatch] = []
        below.reserveCapacity(results.count - acceptedCount)
        for result in results {
            if result.match.score >= intents[result.intent].threshold {
                accepted.append(result.match)
            } else {
                below.append(result.match)
            }
        }
        return (accepted, below)
    }

    private func scoreIntent(
        _ intent: Int, _ firings: IntentMatcher.Firings, _ range: Range<Int>, text: NormalizedText, tokens: [Token]
    ) -> (IntentMatch, Int32)? {
        var vetoed: [ClosedRange<Int32>] = []
        var vetoesAll = false
        var factor = 1.0
        for i in range {
            switch matcher.matchers[Int(firings.matcher(i))].role {
            case .veto(let wholeMessage):
                if wholeMessage { vetoesAll = true }
                let used = firings.tokens(i)
                if let first = used.first, let last = used.last { vetoed.append(first...last) }
            case .lower(let by): factor *= 1 - by
            case .evidence: break
            }
        }
        if vetoesAll { return nil }
        var evidence: [Evidence] = []
        evidence.reserveCapacity(range.count)
        var remaining = 1.0
        for i in range {
            let index = firings.matcher(i)
            let compiled = matcher.matchers[Int(index)]
            guard case .evidence(let weight) = compiled.role else { continue }
            let fired = firings.tokens(i)
            let used: [Int]
            if vetoed.isEmpty {
                used = fired.map { Int($0) }
            } else {
                if compiled.kind == .any {
                    used = fired.lazy.filter { t in !vetoed.contains { $0.contains(t) } }.map { Int($0) }
                } else if fired.contains(where: { t in vetoed.contains { $0.contains(t) } }) {
                    continue
                } else {
                    used = fired.map { Int($0) }
                }
                if used.isEmpty { continue }
            }
            remaining *= 1 - weight
            let span: Range<Int>
            if let first = used.first, let last = used.last {
                span = tokens[first].range.lowerBound..<tokens[last].range.upperBound
            } else {
                span = 0..<text.units.count  // a regular expression that matched no token
            }
            evidence.append(Evidence(matcher: matcher.labels[Int(index)], weight: weight, tokens: used, range: span))
        }
        guard !evidence.isEmpty else { return nil }
        let score = ((1 - remaining) * factor * 10_000).rounded() / 10_000
        guard score > 0 else { return nil }
        // Firings come in matcher order; a stable sort by start keeps that order for ties
        // (insertion sort: a few evidences, sorted in place).
        for i in 1..<evidence.count {
            var j = i
            while j > 0, evidence[j - 1].range.lowerBound > evidence[j].range.lowerBound {
                evidence.swapAt(j - 1, j)
                j -= 1
            }
        }
        let first = evidence[0].tokens.first.map { Int32($0) } ?? Int32.max / 2
        return (IntentMatch(id: intents[intent].id, score: min(1, max(0, score)), evidence: evidence), first)
    }
}
