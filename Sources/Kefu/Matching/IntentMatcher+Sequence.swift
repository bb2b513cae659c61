extension IntentMatcher {
    /// The most candidate positions a sequence search tries before it gives up on a message.
    static let sequenceSearchBudget = 4_096

    /// Finds the earliest chain of hits that satisfies an ordered sequence with bounded gaps.
    ///
    /// Each step's hits are tried in token order (the slice is sorted by first token); a step must
    /// start after the previous step ends, in the same clause, with at most `gap` counted tokens
    /// between them. Optional steps may be skipped. The search backtracks, bounded by
    /// ``sequenceSearchBudget``, and allocates nothing but the chain it returns.
    func sequence(
        _ hits: UnsafeBufferPointer<Hit>, matcher: Matcher, counted: UnsafeBufferPointer<Int32>,
        clause: UnsafeBufferPointer<Int32>
    ) -> [Int32]? {
        var budget = Self.sequenceSearchBudget
        var chain: [Hit] = []
        chain.reserveCapacity(matcher.stepCount)

        func search(_ step: Int, after previous: Hit?) -> Bool {
            if step == matcher.stepCount { return !chain.isEmpty }
            budget -= 1
            if budget < 0 { return false }
            for hit in hits where Int(hit.step) == step {
                if let previous {
                    guard hit.first > previous.last, clause[Int(hit.first)] == clause[Int(previous.last)],
                        counted[Int(hit.first)] - counted[Int(previous.last) + 1] <= matcher.gap
                    else { continue }
                }
                chain.append(hit)
                if search(step + 1, after: hit) { return true }
                chain.removeLast()
            }
            if matcher.optionalSteps & (1 << UInt64(step)) != 0 { return search(step + 1, after: previous) }
            return false
        }

        guard search(0, after: nil) else { return nil }
        var tokens: [Int32] = []
        for hit in chain { tokens.append(contentsOf: hit.first...hit.last) }
        return tokens
    }
}
