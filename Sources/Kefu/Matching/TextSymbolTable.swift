/// Symbols of tokens that are not lexicon words (`yh`, `xl`, `37码`, `😡`), found by a hash of
/// their UTF-16 units so that a lookup builds no string.
struct TextSymbolTable: Sendable {
    private let buckets: [UInt64: [(units: [UInt16], symbol: Int32)]]

    init(_ symbols: [String: Int32]) {
        var buckets: [UInt64: [(units: [UInt16], symbol: Int32)]] = [:]
        for (text, symbol) in symbols.sorted(by: { $0.value < $1.value }) {
            let units = Array(text.utf16)
            let hash = units.withUnsafeBufferPointer { Self.hash($0, 0..<$0.count) }
            buckets[hash, default: []].append((units, symbol))
        }
        self.buckets = buckets
    }

    var isEmpty: Bool { buckets.isEmpty }

    /// The symbol of `units[range]`, or -1.
    func symbol(of units: [UInt16], _ range: Range<Int>) -> Int32 {
        units.withUnsafeBufferPointer { buffer in
            guard let entries = buckets[Self.hash(buffer, range)] else { return -1 }
            for entry in entries where entry.units.count == range.count {
                if entry.units.elementsEqual(buffer[range]) { return entry.symbol }
            }
            return -1
        }
    }

    /// FNV-1a over the units.
    static func hash(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in range {
            hash = (hash ^ UInt64(units[i])) &* 0x100_0000_01b3
        }
        return hash
    }
}
