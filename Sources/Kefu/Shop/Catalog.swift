/// A shop's products, indexed by id, category, material and colour.
///
/// Recommendations look products up through the indexes, so their cost depends on the products
/// that share a category (or material, colour) with the request, not on the catalog's size.
public struct Catalog: Sendable {
    /// The products, in file order.
    public let products: [Product]
    /// The products as references, parallel to ``products``.
    let items: [CatalogItem]
    let byID: [String: Int]
    let byCategory: [String: [Int]]
    let byMaterial: [String: [Int]]
    let byColour: [String: [Int]]

    /// Builds the indexes.
    public init(_ products: [Product]) {
        self.products = products
        self.items = products.map(CatalogItem.init)
        var byID: [String: Int] = [:]
        var byCategory: [String: [Int]] = [:]
        var byMaterial: [String: [Int]] = [:]
        var byColour: [String: [Int]] = [:]
        for (index, product) in products.enumerated() {
            if byID[product.id] == nil { byID[product.id] = index }
            byCategory[product.category, default: []].append(index)
            // Each material and colour once (a product has a few: no set needed to tell repeats).
            for (position, material) in product.materials.enumerated()
            where !product.materials[..<position].contains(material) {
                byMaterial[material, default: []].append(index)
            }
            for (position, colour) in product.colours.enumerated() where !product.colours[..<position].contains(colour) {
                byColour[colour, default: []].append(index)
            }
        }
        // Each list leads with what is best to show: products in stock, more stock first, then file
        // order; a recommendation scores only the head of a list (see Recommender).
        func ranked(_ lists: [String: [Int]]) -> [String: [Int]] {
            lists.mapValues { list in
                let stock = list.map { products[$0].stockCount(size: nil, colour: nil) }
                return list.indices.sorted { stock[$0] != stock[$1] ? stock[$0] > stock[$1] : list[$0] < list[$1] }
                    .map { list[$0] }
            }
        }
        self.byID = byID
        self.byCategory = ranked(byCategory)
        self.byMaterial = ranked(byMaterial)
        self.byColour = ranked(byColour)
    }

    /// The product with an id.
    public func product(id: String) -> Product? {
        byID[id].map { products[$0] }
    }

    /// The product with this id, as a reference, or `nil`.
    func item(id: String) -> CatalogItem? {
        byID[id].map { items[$0] }
    }
}
