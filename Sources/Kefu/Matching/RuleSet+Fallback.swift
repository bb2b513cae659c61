extension RuleSet {
    /// The label of the evidence the learned fallback gives (see ``Evidence/matcher``).
    package static let fallbackLabel = "fallback"
    /// The highest score a fallback intent gets: below a single rule matcher's usual weight, so
    /// that it reads as a guess.
    package static let fallbackCeiling = 0.7
    /// How many of the strongest features the fallback's evidence points at.
    static let fallbackEvidenceFeatures = 3

    /// The intent the learned fallback finds in a message no rule intent was found in.
    ///
    /// The model's best class must be an intent (not `none`) with a posterior at or above the
    /// model's confidence. Its score is the posterior mapped from [confidence, 1] onto
    /// [threshold, ``fallbackCeiling``], and its one evidence, labelled `fallback`, covers the
    /// tokens of the features that favour the intent most.
    ///
    /// - Parameters:
    ///   - text: The normalized message.
    ///   - tokens: Its tokens.
    /// - Returns: The intent, or `nil` when there is no model or it is not confident.
    /// - Complexity: O(*n* · *c*) for *n* units and *c* classes.
    func fallbackMatch(text: NormalizedText, tokens: [Token]) -> IntentMatch? {
        guard let fallback, !text.units.isEmpty, let prediction = fallback.predict(text.units),
            prediction.posterior >= fallback.confidence,
            let intent = intents.first(where: { $0.id == fallback.classes[prediction.classIndex] })
        else { return nil }
        let span = max(1e-9, 1 - fallback.confidence)
        let ceiling = max(intent.threshold, Self.fallbackCeiling)
        let raw = intent.threshold + (ceiling - intent.threshold) * (prediction.posterior - fallback.confidence) / span
        let score = min(ceiling, (raw * 10_000).rounded(.up) / 10_000)
        let ranges = fallback.strongestFeatures(
            for: prediction.classIndex, in: text.units, limit: Self.fallbackEvidenceFeatures)
        var used: [Int] = []
        for (index, token) in tokens.enumerated()
        where ranges.contains(where: { $0.overlaps(token.range) }) {
            used.append(index)
        }
        let range: Range<Int>
        if let first = used.first, let last = used.last {
            range = tokens[first].range.lowerBound..<tokens[last].range.upperBound
        } else {
            range = 0..<text.units.count
        }
        return IntentMatch(
            id: intent.id, score: score,
            evidence: [Evidence(matcher: Self.fallbackLabel, weight: score, tokens: used, range: range)])
    }
}
