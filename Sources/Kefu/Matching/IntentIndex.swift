/// Intent ids to their position in a rule set, the first of a repeated id.
///
/// A few dozen ids are scanned: intent ids are short strings, which compare in a couple of
/// instructions where hashing one for a dictionary costs hundreds. A larger set (the synthetic
/// benchmark has ten thousand intents) is looked up in a dictionary.
struct IntentIndex: Sendable {
    /// The most ids that are scanned rather than hashed.
    static let scanLimit = 64

    private let ids: [String]
    private let positions: [String: Int]

    init(_ ids: [String]) {
        self.ids = ids
        var positions: [String: Int] = [:]
        if ids.count > Self.scanLimit {
            for (i, id) in ids.enumerated() where positions[id] == nil { positions[id] = i }
        }
        self.positions = positions
    }

    /// The position of an intent id, or `nil` for an id the rule set lacks.
    @inline(__always)
    func position(of id: String) -> Int? {
        guard ids.count <= Self.scanLimit else { return positions[id] }
        for i in ids.indices where ids[i] == id { return i }
        return nil
    }
}
