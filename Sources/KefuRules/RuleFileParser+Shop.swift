import Foundation
import Kefu
import Yams

extension RuleFileParser {
    static let shopKeys = ["name", "agent", "shipping", "returns", "bargaining", "payment"]
    static let shippingKeys = ["couriers", "cutoff", "days", "region_days", "free_shipping", "excluded_regions",
                               "extra_fee", "express_extra"]
    static let returnsKeys = ["days", "return_shipping", "exchange"]
    static let bargainingKeys = ["coupon", "gift", "free_shipping_from", "never"]
    static let paymentKeys = ["methods", "cod_fee", "invoice"]
    static let productKeys = ["id", "name", "category", "price", "floor_price", "materials", "colours", "stock", "care",
                              "selling_points", "size_chart"]
    static let replyKeys = ["id", "intent", "priority", "when", "text"]
    static let conditionKeys = ["has", "missing", "category", "material", "in_stock", "free_shipping", "bargain_turn"]

    /// Calls `body` for each known key of a mapping; reports unknown keys with a suggestion.
    mutating func keyed(_ node: Node, what: String, keys: [String], _ body: (inout Self, String, Node, Node) -> Void) {
        guard let pairs = mapping(node, what: what) else { return }
        for (key, value) in pairs {
            guard let name = scalarKey(key) else { continue }
            guard keys.contains(name) else {
                report(DidYouMean.message("unknown \(what) key '\(name)'", for: name, among: keys), code: "unknown-key",
                       at: key)
                continue
            }
            body(&self, name, key, value)
        }
    }

    /// The texts of `strings(_:what:)`; static, so that a call with `strings` in its argument
    /// needs no copy of the parser.
    static func texts(_ items: [(String, Node)]?) -> [String] { items?.map(\.0) ?? [] }

    // MARK: - Shop

    mutating func parseShop(_ node: Node) {
        keyed(node, what: "shop", keys: Self.shopKeys) { parser, name, _, value in
            switch name {
            case "name": parser.builder.shop.name = parser.string(value, what: "'name'") ?? ""
            case "agent": parser.builder.shop.agent = parser.string(value, what: "'agent'") ?? ""
            case "shipping": parser.parseShipping(value)
            case "returns":
                parser.keyed(value, what: "returns", keys: Self.returnsKeys) { parser, name, _, value in
                    switch name {
                    case "days": parser.builder.shop.returnDays = parser.integer(value, what: "'days'", in: 0...365)
                    case "return_shipping": parser.builder.shop.returnShipping = parser.string(value, what: "'return_shipping'")
                    default: parser.builder.shop.exchange = parser.string(value, what: "'exchange'")
                    }
                }
            case "bargaining":
                parser.keyed(value, what: "bargaining", keys: Self.bargainingKeys) { parser, name, _, value in
                    switch name {
                    case "coupon": parser.builder.shop.coupon = parser.number(value, what: "'coupon'", in: 0...100_000)
                    case "gift": parser.builder.shop.gift = parser.string(value, what: "'gift'")
                    case "free_shipping_from":
                        parser.builder.shop.freeShippingFrom = parser.integer(value, what: "'free_shipping_from'", in: 1...1000)
                    default: parser.builder.shop.never = Self.texts(parser.strings(value, what: "'never'"))
                    }
                }
            default:
                parser.keyed(value, what: "payment", keys: Self.paymentKeys) { parser, name, _, value in
                    switch name {
                    case "methods": parser.builder.shop.paymentMethods = Self.texts(parser.strings(value, what: "'methods'"))
                    case "cod_fee": parser.builder.shop.codFee = parser.number(value, what: "'cod_fee'", in: 0...100_000)
                    default: parser.builder.shop.invoice = parser.string(value, what: "'invoice'")
                    }
                }
            }
        }
    }

    private mutating func parseShipping(_ node: Node) {
        keyed(node, what: "shipping", keys: Self.shippingKeys) { parser, name, _, value in
            switch name {
            case "couriers": parser.builder.shop.couriers = Self.texts(parser.strings(value, what: "'couriers'"))
            case "cutoff": parser.builder.shop.cutoff = parser.string(value, what: "'cutoff'")
            case "days": parser.builder.shop.deliveryDays = parser.string(value, what: "'days'")
            case "region_days":
                guard let pairs = parser.mapping(value, what: "'region_days'") else { return }
                for (region, days) in pairs {
                    if let region = parser.scalarKey(region), let days = parser.string(days, what: "the days of '\(region)'") {
                        parser.builder.shop.regionDays[region] = days
                    }
                }
            case "free_shipping": parser.builder.shop.freeShipping = parser.boolean(value, what: "'free_shipping'") ?? false
            case "excluded_regions":
                parser.builder.shop.excludedRegions = Self.texts(parser.strings(value, what: "'excluded_regions'"))
            case "extra_fee": parser.builder.shop.extraFee = parser.number(value, what: "'extra_fee'", in: 0...100_000)
            default: parser.builder.shop.expressExtra = parser.number(value, what: "'express_extra'", in: 0...100_000)
            }
        }
    }

    // MARK: - Products

    mutating func parseProducts(_ node: Node) {
        guard let items = sequence(node, what: "'products'") else { return }
        for item in items { parseProduct(item) }
    }

    private mutating func parseProduct(_ node: Node) {
        var fields = [String: Node](minimumCapacity: Self.productKeys.count)
        keyed(node, what: "product", keys: Self.productKeys) { _, name, _, value in fields[name] = value }
        guard case .mapping = node else { return }
        var missing: [String] = []
        for key in ["id", "name", "category", "price"] where fields[key] == nil { missing.append(key) }
        guard missing.isEmpty else {
            report("a product needs \(missing.map { "'\($0)'" }.joined(separator: ", "))", code: "missing-key", at: node)
            return
        }
        guard let idNode = fields["id"], let id = string(idNode, what: "'id'"), let nameNode = fields["name"],
            let name = string(nameNode, what: "'name'"), let categoryNode = fields["category"],
            let category = string(categoryNode, what: "'category'"), let priceNode = fields["price"],
            let price = number(priceNode, what: "'price'", in: 0...10_000_000)
        else { return }
        if let previous = productMark(id) {
            report("product '\(id)' is already defined at \(previous)", code: "duplicate-id", at: idNode)
            return
        }
        recordProduct(id, at: idNode)
        var product = Product(id: id, name: name, category: category, price: price)
        if let node = fields["floor_price"] {
            product.floorPrice = number(node, what: "'floor_price'", in: 0...10_000_000)
            if let floor = product.floorPrice, floor > price {
                report("'floor_price' \(format(floor)) is above the price \(format(price))", code: "invalid-value", at: node)
            }
        }
        product.materials = Self.texts(fields["materials"].flatMap { strings($0, what: "'materials'") })
        product.colours = Self.texts(fields["colours"].flatMap { strings($0, what: "'colours'") })
        product.care = fields["care"].flatMap { string($0, what: "'care'") }
        product.sellingPoints = Self.texts(fields["selling_points"].flatMap { strings($0, what: "'selling_points'") })
        if let stock = fields["stock"] { product.stock = parseStock(stock, colours: product.colours) }
        if let chart = fields["size_chart"] { product.sizeChart = parseSizeChart(chart) }
        builder.products.append(product)
    }

    private mutating func parseStock(_ node: Node, colours: [String]) -> [String: [String: Int]] {
        var stock: [String: [String: Int]] = [:]
        guard let pairs = mapping(node, what: "'stock'") else { return stock }
        for (sizeNode, value) in pairs {
            guard let size = scalarKey(sizeNode) else { continue }
            if case .mapping(let perColour) = value {
                var counts: [String: Int] = [:]
                for (colourNode, countNode) in perColour {
                    guard let colour = scalarKey(colourNode) else { continue }
                    if !colours.isEmpty, !colours.contains(colour) {
                        report(DidYouMean.message("colour '\(colour)' is not in the product's 'colours'", for: colour,
                                                  among: colours), code: "undefined-colour", at: colourNode)
                    }
                    counts[colour] = integer(countNode, what: "the stock of \(size) \(colour)", in: 0...10_000_000)
                }
                stock[size] = counts
            } else if let count = integer(value, what: "the stock of \(size)", in: 0...10_000_000) {
                stock[size] = ["": count]
            }
        }
        return stock
    }

    private mutating func parseSizeChart(_ node: Node) -> SizeChart? {
        var names: [String] = []
        var rows: [SizeChart.Row] = []
        keyed(node, what: "size_chart", keys: ["measurements", "sizes"]) { parser, name, _, value in
            if name == "measurements" {
                names = Self.texts(parser.strings(value, what: "'measurements'"))
                return
            }
            guard let pairs = parser.mapping(value, what: "'sizes'") else { return }
            for (sizeNode, rowNode) in pairs {
                guard let size = parser.scalarKey(sizeNode), let cells = parser.mapping(rowNode, what: "size \(size)")
                else { continue }
                var row = SizeChart.Row(size: size)
                for (cellKey, cellValue) in cells {
                    guard let cell = parser.scalarKey(cellKey) else { continue }
                    switch cell {
                    case "height": row.height = parser.range(cellValue, what: "'height'")
                    case "weight": row.weight = parser.range(cellValue, what: "'weight'")
                    case "foot_length": row.footLength = parser.range(cellValue, what: "'foot_length'")
                    default:
                        if !names.isEmpty, !names.contains(cell) {
                            parser.report(DidYouMean.message("'\(cell)' is not one of the chart's measurements", for: cell,
                                                             among: names + ["height", "weight", "foot_length"]),
                                          code: "unknown-key", at: cellKey)
                        }
                        if let v = parser.number(cellValue, what: "'\(cell)'", in: 0...1000) { row.measurements[cell] = v }
                    }
                }
                rows.append(row)
            }
        }
        return rows.isEmpty ? nil : SizeChart(measurementNames: names, rows: rows)
    }

    /// `150-160` (or a single number).
    mutating func range(_ node: Node, what: String) -> ClosedRange<Double>? {
        guard let text = string(node, what: what) else { return nil }
        let parts = text.split(separator: "-", maxSplits: 1).map { Double($0.trimmingWhitespace()) }
        if parts.count == 1, let single = parts[0] { return single...single }
        guard parts.count == 2, let low = parts[0], let high = parts[1], low <= high else {
            report("\(what) must be a range such as 150-160, found '\(text)'", code: "invalid-value", at: node)
            return nil
        }
        return low...high
    }

    // MARK: - Replies

    mutating func parseReplies(_ node: Node) {
        guard let items = sequence(node, what: "'replies'") else { return }
        for item in items { parseReply(item) }
    }

    private mutating func parseReply(_ node: Node) {
        var fields: [String: Node] = [:]
        keyed(node, what: "reply", keys: Self.replyKeys) { _, name, _, value in fields[name] = value }
        guard case .mapping = node else { return }
        let missing = ["id", "intent", "text"].filter { fields[$0] == nil }
        guard missing.isEmpty else {
            report("a reply needs \(missing.map { "'\($0)'" }.joined(separator: ", "))", code: "missing-key", at: node)
            return
        }
        guard let idNode = fields["id"], let id = string(idNode, what: "'id'"), let intentNode = fields["intent"],
            let intent = string(intentNode, what: "'intent'"), let textNode = fields["text"],
            let text = string(textNode, what: "'text'")
        else { return }
        if let previous = replyMark(id) {
            report("reply '\(id)' is already defined at \(previous)", code: "duplicate-id", at: idNode)
            return
        }
        recordReply(id, at: idNode, intent: intent, intentNode: intentNode)
        recordReplyText(id, text, at: textNode)
        let template: ReplyTemplate
        do {
            template = try ReplyTemplate(parsing: text)
        } catch {
            report("reply text: \(error.message)", code: "invalid-template", at: textNode)
            return
        }
        var ok = true
        for fact in template.facts where !Fact.isKnown(fact) {
            report(DidYouMean.message("unknown fact '{\(fact)}'", for: fact, among: Fact.names.sorted()),
                   code: "unknown-fact", at: textNode)
            ok = false
        }
        var reply = ReplyDefinition(id: id, intent: intent, template: template)
        if let node = fields["priority"], let priority = integer(node, what: "'priority'", in: 0...100) {
            reply.priority = priority
        }
        if let node = fields["when"] {
            keyed(node, what: "when", keys: Self.conditionKeys) { parser, name, _, value in
                switch name {
                case "has", "missing":
                    let facts = parser.strings(value, what: "'\(name)'") ?? []
                    for (fact, factNode) in facts where !Fact.isKnown(fact) {
                        parser.report(DidYouMean.message("unknown fact '\(fact)'", for: fact, among: Fact.names.sorted()),
                                      code: "unknown-fact", at: factNode)
                        ok = false
                    }
                    if name == "has" { reply.conditions.has = facts.map(\.0) } else { reply.conditions.missing = facts.map(\.0) }
                case "category": reply.conditions.category = parser.string(value, what: "'category'")
                case "material": reply.conditions.material = parser.string(value, what: "'material'")
                case "in_stock": reply.conditions.inStock = parser.boolean(value, what: "'in_stock'")
                case "free_shipping": reply.conditions.freeShipping = parser.boolean(value, what: "'free_shipping'")
                default: reply.conditions.bargainTurn = parser.integer(value, what: "'bargain_turn'", in: 1...20)
                }
            }
        }
        let contradiction = Set(reply.conditions.has).intersection(reply.conditions.missing)
            .union(Set(template.facts).intersection(reply.conditions.missing))
        if let fact = contradiction.sorted().first {
            report("reply '\(id)' needs '\(fact)' and requires it missing: it can never be offered",
                   code: "impossible-reply", at: idNode)
        }
        if ok { builder.replies.append(reply) }
    }
}
