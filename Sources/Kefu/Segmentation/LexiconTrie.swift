/// A trie over UTF-16 code units, flat and index-based, built once.
///
/// The first step is a direct table indexed by the code unit; later steps look up
/// `(node, unit)` in one open-addressing hash table. Hand-written rather than a
/// `Dictionary<UInt64, Int32>`: the segmenter walks it at every position of every message, and
/// the standard dictionary's hashing costs several times this multiplicative hash.
struct LexiconTrie: Sendable {
    /// Child of the root for each code unit, or -1.
    private let rootChildren: [Int32]
    /// Hash table slots: `node << 16 | unit`, or `emptySlot`.
    private let slotKeys: [UInt64]
    private let slotValues: [Int32]
    private let slotShift: UInt64
    /// The word id ending at each node, or -1.
    private let terminals: [Int32]
    /// The longest word, in code units.
    let maximumLength: Int

    private static let emptySlot = UInt64.max

    init(_ words: [[UInt16]]) {
        var root = [Int32](repeating: -1, count: 0x10000)
        var edges: [UInt64: Int32] = [:]
        edges.reserveCapacity(words.reduce(0) { $0 + max(0, $1.count - 1) })  // at most one edge a unit past the first
        var terminals: [Int32] = [-1]  // node 0 is the root
        var longest = 0
        for (id, word) in words.enumerated() {
            longest = max(longest, word.count)
            var node: Int32 = 0
            for (depth, unit) in word.enumerated() {
                if depth == 0 {
                    if root[Int(unit)] < 0 {
                        root[Int(unit)] = Int32(terminals.count)
                        terminals.append(-1)
                    }
                    node = root[Int(unit)]
                } else {
                    let key = UInt64(node) << 16 | UInt64(unit)
                    if let child = edges[key] {
                        node = child
                    } else {
                        let child = Int32(terminals.count)
                        terminals.append(-1)
                        edges[key] = child
                        node = child
                    }
                }
            }
            if terminals[Int(node)] < 0 { terminals[Int(node)] = Int32(id) }
        }
        var capacity = 16
        while capacity < edges.count * 2 { capacity <<= 1 }
        var keys = [UInt64](repeating: Self.emptySlot, count: capacity)
        var values = [Int32](repeating: -1, count: capacity)
        let shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        for (key, child) in edges {
            var slot = Self.slot(of: key, shift: shift)
            while keys[slot] != Self.emptySlot { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = child
        }
        self.rootChildren = root
        self.slotKeys = keys
        self.slotValues = values
        self.slotShift = shift
        self.terminals = terminals
        self.maximumLength = longest
    }

    @inline(__always)
    private static func slot(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    private func child(of node: Int32, _ unit: UInt16) -> Int32 {
        if node == 0 { return rootChildren[Int(unit)] }
        let key = UInt64(node) << 16 | UInt64(unit)
        let mask = slotKeys.count - 1
        var slot = Self.slot(of: key, shift: slotShift)
        while true {
            let k = slotKeys[slot]
            if k == key { return slotValues[slot] }
            if k == Self.emptySlot { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// Calls `body(end, wordID)` for every word that starts at `start`, shortest first.
    @inline(__always)
    func forEachMatch(_ text: UnsafeBufferPointer<UInt16>, from start: Int, _ body: (Int, Int32) -> Void) {
        var node: Int32 = 0
        var i = start
        while i < text.count {
            node = child(of: node, text[i])
            if node < 0 { return }
            i += 1
            let id = terminals[Int(node)]
            if id >= 0 { body(i, id) }
        }
    }

    /// The id of the word that is exactly `text[range]`, or -1.
    func exactMatch(_ text: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Int32 {
        var node: Int32 = 0
        for i in range {
            node = child(of: node, text[i])
            if node < 0 { return -1 }
        }
        return range.isEmpty ? -1 : terminals[Int(node)]
    }
}
