extension IntentMatcher {
    /// The most candidate positions a sequence search tries before it gives up on a message.
    static let sequenceSearchBudget = 4_096

    /// Finds the earliest chain of hits that satisfies an ordered sequence with bounded gaps.
    ///
    /// Each step's hits are tried in token order (the slice is sorted by first token); a step must
    /// start after the previous step ends, in the same clause, with at most `gap` counted tokens
    /// between them. Optional steps may be skipped. The search backtracks, bounded by
    /// ``sequenceSearchBudget``, and allocates nothing: the chain lives on the stack.
    ///
    /// - Returns: The number of tokens of the chain, written to `tokens`, or -1.
    func sequence(
        _ hits: UnsafeBufferPointer<Hit>, matcher: Matcher, measures: Measures, into tokens: UnsafeMutableBufferPointer<Int32>
    ) -> Int {
        // Most matchers hit on a message saw only some of their steps (a particle, one word of
        // several): without every required step there is no chain to search for.
        var seen: UInt64 = 0
        for hit in hits where hit.step != Self.noneStep { seen |= 1 << UInt64(hit.step) }
        let required: UInt64 = matcher.stepCount == 64 ? .max : (1 << UInt64(matcher.stepCount)) - 1
        guard seen | matcher.optionalSteps == required, seen != 0 else { return -1 }
        return withUnsafeTemporaryAllocation(of: Hit.self, capacity: matcher.stepCount) { chain in
            var search = SequenceSearch(hits: hits, matcher: matcher, measures: measures, chain: chain)
            guard search.search(0, after: nil) else { return -1 }
            var k = 0
            for hit in chain[0..<search.length] {
                for t in hit.first...hit.last {
                    tokens[k] = t
                    k += 1
                }
            }
            return k
        }
    }

    /// The backtracking search of ``sequence(_:matcher:measures:into:)``: a struct with mutating
    /// methods rather than a nested function, whose captured variables would be checked for
    /// exclusive access at run time.
    private struct SequenceSearch {
        let hits: UnsafeBufferPointer<Hit>
        let matcher: Matcher
        let measures: Measures
        let chain: UnsafeMutableBufferPointer<Hit>
        var budget = IntentMatcher.sequenceSearchBudget
        var length = 0

        init(hits: UnsafeBufferPointer<Hit>, matcher: Matcher, measures: Measures, chain: UnsafeMutableBufferPointer<Hit>) {
            self.hits = hits
            self.matcher = matcher
            self.measures = measures
            self.chain = chain
        }

        mutating func search(_ step: Int, after previous: Hit?) -> Bool {
            if step == matcher.stepCount { return length > 0 }
            budget -= 1
            if budget < 0 { return false }
            for hit in hits where Int(hit.step) == step {
                if let previous {
                    guard hit.first > previous.last,
                        measures.clause[Int(hit.first)] == measures.clause[Int(previous.last)],
                        measures.counted[Int(hit.first)] - measures.counted[Int(previous.last) + 1] <= matcher.gap
                    else { continue }
                }
                chain[length] = hit
                length += 1
                if search(step + 1, after: hit) { return true }
                length -= 1
            }
            if matcher.optionalSteps & (1 << UInt64(step)) != 0 { return search(step + 1, after: previous) }
            return false
        }
    }
}
