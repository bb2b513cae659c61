#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RuleSet {
    /// The label of the evidence the learned model adds (see ``Evidence/matcher``).
    package static let modelLabel = "model"
    /// How many of the strongest features the model's evidence points at.
    static let modelEvidenceFeatures = 3

    /// The rules' intents as the learned model ranks them.
    ///
    /// The model reads the message and what the rules made of it, and picks the main intent (or
    /// `none`):
    ///
    /// 1. Its best intent, unless `none` beats that by ``IntentModel/Decision/noneMargin`` in
    ///    log-odds.
    /// 2. A secondary intent (greeting, closing) gives way to the likeliest main intent the rules
    ///    accepted, or else to the model's likeliest main intent with a posterior of at least
    ///    ``IntentModel/Decision/secondary``.
    /// 3. When the rules found an intent, the pick replaces their first only with a posterior of at
    ///    least ``IntentModel/Decision/override``.
    ///
    /// A pick that agrees with the rules changes nothing. Otherwise the picked intent goes first
    /// (an intent the rules accepted moves up, one they scored below threshold or not at all is
    /// added) and the rules' other intents follow; its evidence gains one labelled `model`, with
    /// its posterior as weight, over the tokens of the features that favour it most. A pick of
    /// `none` moves the rules' intents to the candidates, each with a `model` evidence weighing
    /// its (low) posterior.
    ///
    /// - Parameters:
    ///   - accepted: The rules' intents at or above their threshold, best first.
    ///   - candidates: The rules' intents below their threshold.
    ///   - text: The normalized message.
    ///   - tokens: Its tokens.
    /// - Returns: The intents and candidates to report.
    /// - Complexity: O((*n* + *k*) · *c*) for *n* units, *k* rule intents and *c* classes; no
    ///   allocation unless the model changes the answer.
    func combine(
        rules accepted: [IntentMatch],
        candidates: [IntentMatch],
        text: NormalizedText,
        tokens: [Token]
    ) -> (intents: [IntentMatch], candidates: [IntentMatch]) {
        guard let model, !text.units.isEmpty, !model.classes.isEmpty else { return (accepted, candidates) }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: model.classes.count) { p in
            model.posteriors(units: text.units, tokens: tokens, intents: accepted, candidates: candidates, into: p)
            let pick = choose(model, p, rules: accepted)
            let rulesTop = accepted.first.flatMap { model.intentIndex(of: $0.id) }.map { model.classOfIntent[$0] } ?? -1
            if pick == rulesTop || (pick == model.noneClass && accepted.isEmpty) { return (accepted, candidates) }
            if pick == model.noneClass {
                let demoted = accepted.map { match in
                    let c = model.intentIndex(of: match.id).map { model.classOfIntent[$0] } ?? -1
                    let weight = c >= 0 ? Self.rounded(p[c]) : 0
                    return IntentMatch(
                        id: match.id,
                        score: match.score,
                        evidence: match.evidence + [
                            Evidence(matcher: Self.modelLabel, weight: weight, tokens: [], range: 0..<text.units.count)
                        ]
                    )
                }
                return ([], demoted + candidates)
            }
            let intent = intents[model.intentOfClass[pick]]
            let posterior = Self.rounded(p[pick])
            let evidence = modelEvidence(model, pick, posterior: posterior, text: text, tokens: tokens)
            var rest = accepted
            var below = candidates
            var previous: IntentMatch?
            if let at = rest.firstIndex(where: { $0.id == intent.id }) {
                previous = rest.remove(at: at)
            } else if let at = below.firstIndex(where: { $0.id == intent.id }) {
                previous = below.remove(at: at)
            }
            let score = max(previous?.score ?? 0, posterior, intent.threshold)
            let promoted = IntentMatch(
                id: intent.id,
                score: min(1, score),
                evidence: (previous?.evidence ?? []) + [evidence]
            )
            return ([promoted] + rest, below)
        }
    }

    /// The class the model picks (see ``combine(rules:candidates:text:tokens:)``).
    private func choose(_ model: IntentModel, _ p: UnsafeMutableBufferPointer<Double>, rules accepted: [IntentMatch])
        -> Int
    {
        let decision = model.decision
        var best = -1
        for c in model.classes.indices where c != model.noneClass && model.intentOfClass[c] >= 0 {
            if best < 0 || p[c] > p[best] { best = c }
        }
        guard best >= 0 else { return model.noneClass }
        var pick = best
        if model.noneClass >= 0, log(max(p[model.noneClass], 1e-300)) - log(max(p[best], 1e-300)) > decision.noneMargin
        {
            pick = model.noneClass
        } else if intents[model.intentOfClass[best]].isSecondary {
            var main = -1
            for match in accepted {
                guard let i = model.intentIndex(of: match.id), !intents[i].isSecondary else { continue }
                let c = model.classOfIntent[i]
                if c >= 0, main < 0 || p[c] > p[main] { main = c }
            }
            if main < 0 {
                for c in model.classes.indices where c != model.noneClass && model.intentOfClass[c] >= 0 {
                    guard !intents[model.intentOfClass[c]].isSecondary else { continue }
                    if main < 0 || p[c] > p[main] { main = c }
                }
                if main >= 0, p[main] < decision.secondary { main = -1 }
            }
            if main >= 0 { pick = main }
        }
        if let first = accepted.first {
            let rulesTop = model.intentIndex(of: first.id).map { model.classOfIntent[$0] } ?? -1
            if rulesTop < 0 || (pick != rulesTop && p[pick] < decision.override) { return rulesTop }
        }
        return pick
    }

    /// The model's evidence for a class: the tokens of its strongest features.
    private func modelEvidence(
        _ model: IntentModel,
        _ classIndex: Int,
        posterior: Double,
        text: NormalizedText,
        tokens: [Token]
    ) -> Evidence {
        let ranges = model.strongestFeatures(
            for: classIndex,
            units: text.units,
            tokens: tokens,
            limit: Self.modelEvidenceFeatures
        )
        var used: [Int] = []
        for (index, token) in tokens.enumerated() where ranges.contains(where: { $0.overlaps(token.range) }) {
            used.append(index)
        }
        let range: Range<Int>
        if let first = used.first, let last = used.last {
            range = tokens[first].range.lowerBound..<tokens[last].range.upperBound
        } else {
            range = 0..<text.units.count
        }
        return Evidence(matcher: Self.modelLabel, weight: posterior, tokens: used, range: range)
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }
}
