/// Picks a size from a shopper's body and a product's size chart, and says why.
///
/// Height and weight each point at the sizes whose ranges hold them; when they agree that is the
/// advice, when they point at neighbouring sizes the advice is the larger with a note that the
/// shopper is between the two, and when the body is outside the chart there is no size, only an
/// honest note. Shoes use foot length the same way.
public struct SizeAdvisor: Sendable {
    /// The advice.
    public struct Advice: Sendable, Hashable {
        /// The size to take, or `nil` when the body is outside the chart.
        public var size: String?
        /// Why (`按您165cm、110斤`).
        public var reason: String
        /// Between sizes or outside the chart, what to weigh (`介于M和L之间…`).
        public var note: String?
    }

    /// Creates an advisor.
    public init() {}

    /// Advice for a body on a chart, or `nil` when the chart has no ranges for what is known.
    public func advise(chart: SizeChart, height: Double?, weight: Double?, footLength: Double?) -> Advice? {
        if let footLength, chart.rows.contains(where: { $0.footLength != nil }) {
            let reason = "按您脚长\(Fact.number(footLength))cm"
            return pick(chart.rows.map(\.footLength), chart, [footLength], reason: reason, slack: 0.5)
        }
        var reasonParts: [String] = []
        if let height { reasonParts.append("\(Fact.number(height))cm") }
        if let weight { reasonParts.append("\(Fact.number(weight))斤") }
        guard !reasonParts.isEmpty else { return nil }
        let reason = "按您" + reasonParts.joined(separator: "、")
        let byHeight = height.flatMap { h in position(chart.rows.map(\.height), h, slack: 3) }
        let byWeight = weight.flatMap { w in position(chart.rows.map(\.weight), w, slack: 8) }
        switch (byHeight, byWeight) {
        case (nil, nil):
            return nil
        case (let one?, nil), (nil, let one?):
            return advice(one, chart, reason: reason)
        case (let h?, let w?):
            // On a boundary shared by two sizes, take the size the other measure agrees with.
            if let height, let weight {
                let heights = containing(chart.rows.map(\.height), height)
                let weights = Set(containing(chart.rows.map(\.weight), weight))
                if let both = heights.first(where: weights.contains) {
                    return Advice(size: chart.rows[both].size, reason: reason, note: nil)
                }
            }
            if case .inside(let a) = h, case .inside(let b) = w, a != b {
                let (small, large) = (min(a, b), max(a, b))
                if large - small == 1 {
                    let s = chart.rows[small].size, l = chart.rows[large].size
                    return Advice(size: l, reason: reason, note: "介于\(s)和\(l)之间，喜欢宽松选\(l)，喜欢合身选\(s)")
                }
                // Height and weight far apart: weight decides the fit of the body.
                return Advice(size: chart.rows[b].size, reason: reason, note: "按体重选的码，身高对应\(chart.rows[a].size)")
            }
            if case .inside = h { return advice(w, chart, reason: reason) }
            return advice(h, chart, reason: reason)
        }
    }

    enum Position: Equatable {
        case inside(Int)
        case below
        case above
    }

    private func pick(_ ranges: [ClosedRange<Double>?], _ chart: SizeChart, _ values: [Double], reason: String,
                      slack: Double) -> Advice? {
        guard let value = values.first, let found = position(ranges, value, slack: slack) else { return nil }
        return advice(found, chart, reason: reason)
    }

    private func advice(_ position: Position, _ chart: SizeChart, reason: String) -> Advice {
        switch position {
        case .inside(let index): return Advice(size: chart.rows[index].size, reason: reason, note: nil)
        case .below:
            return Advice(size: nil, reason: reason,
                          note: "这款从\(chart.rows.first?.size ?? "")码起，按您的身材可能偏大，建议看看小一些的款")
        case .above:
            return Advice(size: nil, reason: reason,
                          note: "这款只做到\(chart.rows.last?.size ?? "")码，按您的身材可能偏小，建议看看更宽松的款")
        }
    }

    /// Every size whose range holds the value.
    func containing(_ ranges: [ClosedRange<Double>?], _ value: Double) -> [Int] {
        ranges.indices.filter { ranges[$0]?.contains(value) == true }
    }

    /// The first size whose range holds the value (within `slack` of the chart's ends).
    func position(_ ranges: [ClosedRange<Double>?], _ value: Double, slack: Double) -> Position? {
        let known = ranges.enumerated().compactMap { index, range in range.map { (index, $0) } }
        guard let first = known.first, let last = known.last else { return nil }
        if let inside = containing(ranges, value).first { return .inside(inside) }
        if value < first.1.lowerBound { return value >= first.1.lowerBound - slack ? .inside(first.0) : .below }
        if value > last.1.upperBound { return value <= last.1.upperBound + slack ? .inside(last.0) : .above }
        // In a gap between two ranges: the larger size.
        let next = known.first { $0.1.lowerBound > value }
        return next.map { .inside($0.0) }
    }
}
