#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One product of a shop's catalog, with its stock and size chart.
public struct Product: Sendable, Hashable, Identifiable {
    /// The product's id (`vest-cotton-01`).
    public var id: String
    /// Its name (`纯棉宽松背心`).
    public var name: String
    /// Its category (`背心`), as shoppers name it.
    public var category: String
    /// The price in yuan.
    public var price: Double
    /// The lowest price the shop accepts.
    public var floorPrice: Double?
    /// Materials (`棉`, `羊毛`).
    public var materials: [String]
    /// Colours.
    public var colours: [String]
    /// Stock: size → colour → count; a size without colours keeps its count under `""`.
    public var stock: [String: [String: Int]]
    /// Care instructions.
    public var care: String?
    /// Selling points, the strongest first.
    public var sellingPoints: [String]
    /// The size chart, if the product has sizes.
    public var sizeChart: SizeChart?

    /// Creates a product.
    public init(
        id: String, name: String, category: String, price: Double, floorPrice: Double? = nil,
        materials: [String] = [], colours: [String] = [], stock: [String: [String: Int]] = [:], care: String? = nil,
        sellingPoints: [String] = [], sizeChart: SizeChart? = nil
    ) {
        self.id = id
        self.name = name
        self.category = category
        self.price = price
        self.floorPrice = floorPrice
        self.materials = materials
        self.colours = colours
        self.stock = stock
        self.care = care
        self.sellingPoints = sellingPoints
        self.sizeChart = sizeChart
    }

    /// Units in stock of a size (and colour), or of everything when both are `nil`.
    public func stockCount(size: String?, colour: String?) -> Int {
        // No intermediate arrays, and colours compared byte for byte: a recommendation counts
        // the stock of each of up to 64 candidates.
        func units(_ colours: [String: Int]) -> Int {
            var sum = 0
            for (key, value) in colours {
                if let colour, !key.isEmpty, !key.hasSameUTF8(as: colour) { continue }
                sum += value
            }
            return sum
        }
        guard let size else { return stock.values.reduce(0) { $0 + units($1) } }
        if let exact = stock[size] { return units(exact) }
        var total = 0
        for (key, colours) in stock where key.caseInsensitiveEquals(size) { total += units(colours) }
        return total
    }

    /// The sizes with stock, in size-chart order when there is one.
    public var sizesInStock: [String] {
        let order = sizeChart?.rows.map(\.size) ?? stock.keys.sorted()
        return order.filter { stockCount(size: $0, colour: nil) > 0 }
    }
}

extension String {
    /// Equal ignoring ASCII case (`l` and `L`).
    func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        // Sizes are ASCII (`XL`, `160/84A`): compared byte by byte, without two new strings.
        for (a, b) in zip(utf8, other.utf8) {
            guard a < 0x80, b < 0x80 else { return lowercased() == other.lowercased() }
            if Self.asciiLower(a) != Self.asciiLower(b) { return false }
        }
        return true
    }

    /// Equal byte for byte. Swift's `==` on two distinct non-ASCII strings checks their
    /// normalization on the way (about 460 instructions for two short Chinese names, and 1,200 to
    /// hash one as a dictionary key; callgrind), where the names a rule set compares (a category,
    /// a material, a size chart's measurement) all come through its loader in one form.
    @inline(__always)
    func hasSameUTF8(as other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        let same = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in
                a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
            }
        }
        return (same ?? nil) ?? utf8.elementsEqual(other.utf8)
    }

    @inline(__always)
    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
