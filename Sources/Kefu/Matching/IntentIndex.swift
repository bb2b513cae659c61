/// Intent ids to their position in a rule set, the first of a repeated id.
///
/// A few dozen ids are scanned, a larger set (the synthetic benchmark has ten thousand intents)
/// is looked up in a dictionary. The scan first compares the strings' bits: an id the engine
/// hands back (an ``IntentMatch/id``) is the rule set's own string, so its bits equal those of
/// one entry, and the other entries are told apart in two comparisons each, where `==` calls
/// into the library for every id that differs. Only an id from elsewhere (another copy of a
/// long id) needs the second, full scan.
struct IntentIndex: Sendable {
    /// The most ids that are scanned rather than hashed.
    static let scanLimit = 64

    private let ids: [String]
    /// The bits of each id's `String` value, parallel to `ids`.
    private let bits: [Bits]
    private let positions: [String: Int]

    /// The two words of a `String` value: equal bits are the same string (the same small
    /// string, or the same storage); different bits may still be equal strings.
    private struct Bits: Equatable {
        let low: UInt64
        let high: UInt64

        /// Bits no string has (a string's second word is never zero): for the later copies of a
        /// repeated id.
        static let none = Bits(low: 0, high: 0)

        init(low: UInt64, high: UInt64) {
            self.low = low
            self.high = high
        }

        @inline(__always)
        init(_ string: String) {
            (low, high) = withUnsafeBytes(of: string) { ($0.load(as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
        }
    }

    init(_ ids: [String]) {
        self.ids = ids
        var positions: [String: Int] = [:]
        var bits: [Bits] = []
        if ids.count > Self.scanLimit {
            for (i, id) in ids.enumerated() where positions[id] == nil { positions[id] = i }
        } else {
            // A repeated id keeps the first position: later copies get bits no string has.
            for (i, id) in ids.enumerated() {
                bits.append(ids[..<i].contains(id) ? .none : Bits(id))
            }
        }
        self.bits = bits
        self.positions = positions
    }

    /// The position of an intent id, or `nil` for an id the rule set lacks.
    @inline(__always)
    func position(of id: String) -> Int? {
        guard ids.count <= Self.scanLimit else { return positions[id] }
        let key = Bits(id)
        for i in bits.indices where bits[i] == key { return i }
        for i in ids.indices where ids[i] == id { return i }
        return nil
    }
}

