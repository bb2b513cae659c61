/// Ranks catalog products for what a shopper asked: category, material, colour, size in stock, budget.
struct Recommender: Sendable {
    /// The most products scored per request: the head of the index list, which the catalog keeps
    /// ordered best-stocked first, so a category of 100,000 products costs what one of 64 does.
    static let maximumCandidates = 64

    let catalog: Catalog

    func recommend(slots: Slots, size: String?, excluding excluded: String?, category fallback: String?,
                   limit: Int) -> [ProductSuggestion] {
        guard limit > 0 else { return [] }
        let category = slots.category ?? fallback
        var candidates: [Int] = []
        if let category { candidates = Array(indices(forCategory: category).prefix(Self.maximumCandidates)) }
        if candidates.isEmpty, let material = slots.material { candidates = catalog.byMaterial[material] ?? [] }
        if candidates.isEmpty, let colour = slots.colour { candidates = catalog.byColour[colour] ?? [] }
        if candidates.isEmpty, category == nil { candidates = Array(catalog.products.indices.prefix(Self.maximumCandidates)) }
        // Whether a product's category holds the asked category's stem, worked out once per
        // category name: a Unicode `contains` costs about a microsecond, and the candidates of a
        // large catalog mostly share one category.
        var stem = CategoryStem(category)
        var scored: [(index: Int, score: Double)] = []
        scored.reserveCapacity(min(candidates.count, Self.maximumCandidates))
        // Products are read through their references (``CatalogItem``): a `Product` taken out of
        // the array is a copy, a retain and a release of each of its dozen fields.
        for index in candidates.prefix(Self.maximumCandidates) where catalog.items[index].product.id != excluded {
            var noReasons: [String]?
            scored.append((index, score(catalog.items[index], stem: &stem, slots: slots, size: size,
                                        because: &noReasons)))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        // The reasons are written for the products shown only.
        return scored.prefix(limit).map { item in
            let product = catalog.items[item.index]
            var because: [String]? = []
            _ = score(product, stem: &stem, slots: slots, size: size, because: &because)
            return ProductSuggestion(id: product.product.id, name: product.product.name,
                                     score: (item.score * 1000).rounded() / 1000, because: (because ?? []).joined(separator: "；"))
        }
    }

    /// How well a product fits, in [0, 1]; when `because` is not `nil`, the reasons are appended to it.
    private func score(
        _ item: CatalogItem, stem: inout CategoryStem, slots: Slots, size: String?, because: inout [String]?
    ) -> Double {
        var score = 0.3
        if stem.isHeld(by: item.product.category) {
            score += 0.3
            because?.append(item.product.category)
        }
        if let material = slots.material, item.product.materials.contains(where: { $0.hasSameUTF8(as: material) }) {
            score += 0.15
            because?.append(material)
        }
        if let colour = slots.colour, item.product.colours.contains(where: { $0.hasSameUTF8(as: colour) }) {
            score += 0.1
            because?.append("有\(colour)")
        }
        if let size {
            if item.product.stockCount(size: size, colour: slots.colour) > 0 {
                score += 0.1
                because?.append("\(size)码有货")
            } else {
                score -= 0.2
            }
        } else if item.product.stockCount(size: nil, colour: nil) == 0 {
            score -= 0.2
        }
        if let budget = slots.money {
            if item.product.price <= budget {
                score += 0.05
                because?.append("\(Fact.number(item.product.price))元在预算内")
            } else {
                score -= 0.1
            }
        }
        if let point = item.product.sellingPoints.first { because?.append(point) }
        return min(1, max(0, score))
    }

    /// Products of a category: exact, else categories that contain its stem (裙子 → 连衣裙, 半身裙).
    private func indices(forCategory category: String) -> [Int] {
        if let exact = catalog.byCategory[category] { return exact }
        let stem = Self.stem(category)
        guard !stem.isEmpty else { return [] }
        var result: [Int] = []
        for key in catalog.byCategory.keys.sorted() where key.contains(stem) {
            result += (catalog.byCategory[key] ?? []).prefix(Self.maximumCandidates)
        }
        return result
    }

    /// 裙子 → 裙, 鞋子 → 鞋: the part of a shopper's category word that product categories share.
    static func stem(_ category: String) -> String {
        var word = category
        if word.count > 1, word.hasSuffix("子") { word.removeLast() }
        return word
    }
}

/// The asked category's stem, and which product categories hold it, remembered per name.
struct CategoryStem {
    private let stem: String?
    private var answers: [(category: String, holds: Bool)] = []

    init(_ category: String?) {
        stem = category.map(Recommender.stem)
    }

    /// Whether a product category contains the stem (`false` without an asked category).
    mutating func isHeld(by category: String) -> Bool {
        guard let stem else { return false }
        // Byte for byte: a product's category and the remembered one are equal strings from
        // different places, which `==` would compare through their normalization (about 460
        // instructions, for each of up to 64 candidates).
        if let known = answers.first(where: { $0.category.hasSameUTF8(as: category) }) { return known.holds }
        let holds = category.contains(stem)
        if answers.count < 16 { answers.append((category, holds)) }
        return holds
    }
}
