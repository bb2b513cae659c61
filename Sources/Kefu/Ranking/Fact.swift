/// The facts a reply template can name, resolved for one message.
package struct Fact {
    /// Every fact name a template may use (besides `chart.<measurement>`).
    package static let names: Set<String> = [
        "shop.name", "shop.agent",
        "product.name", "product.price", "product.category", "product.material", "product.colours", "product.care",
        "product.point", "product.points", "product",
        "slot.size", "slot.height", "slot.weight", "slot.region", "slot.courier", "slot.quantity", "slot.money",
        "slot.colour", "slot.shoe_size", "slot.foot_length", "slot.order_number", "slot.category", "slot.material",
        "advice.size", "advice.reason", "advice.note",
        "stock.sizes", "stock.count",
        "shipping.courier", "shipping.couriers", "shipping.cutoff", "shipping.days", "shipping.fee",
        "shipping.express_extra", "shipping.excluded", "shipping.express",
        "returns.days", "returns.shipping", "returns.exchange",
        "bargain.coupon", "bargain.gift", "bargain.free_shipping_from",
        "payment.methods", "payment.cod_fee", "payment.invoice",
    ]

    /// Whether a template may name this fact.
    package static func isKnown(_ name: String) -> Bool {
        names.contains(name) || (name.hasPrefix("chart.") && name.count > 6)
    }

    /// `87` for 87.0, `24.5` for 24.5.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int64(value)) }
        return String((value * 100).rounded() / 100)
    }
}

/// The facts of one message: shop, product in view, slots, size advice, policies.
struct FactSheet {
    let shop: ShopProfile
    let product: Product?
    let slots: Slots
    let advice: SizeAdvisor.Advice?

    /// The size asked about: the slot, else the advised size.
    var askedSize: String? { slots.size ?? slots.shoeSize.map(Fact.number) ?? advice?.size }

    func value(_ name: String) -> String? {
        // Substrings, not new strings: this runs for every placeholder of every candidate reply.
        let dot = name.utf8.firstIndex(of: UInt8(ascii: "."))
        let group: Substring = dot.map { name[..<$0] } ?? name[...]
        let key: Substring = dot.map { name[name.index(after: $0)...] } ?? ""
        switch group {
        case "shop": return key == "name" ? nonEmpty(shop.name) : key == "agent" ? nonEmpty(shop.agent) : nil
        case "product": return productValue(key)
        case "slot": return slotValue(key)
        case "chart":
            guard let product, let size = askedSize, let row = product.sizeChart?.row(size),
                let value = row.measurements[String(key)]
            else { return nil }
            return Fact.number(value)
        case "advice":
            switch key {
            case "size": return advice?.size
            case "reason": return advice?.reason
            case "note": return advice?.note
            default: return nil
            }
        case "stock":
            guard let product else { return nil }
            if key == "sizes" { return joined(product.sizesInStock) }
            if key == "count" { return String(product.stockCount(size: askedSize, colour: slots.colour)) }
            return nil
        case "shipping": return shippingValue(key)
        case "returns":
            switch key {
            case "days": return shop.returnDays.map(String.init)
            case "shipping": return shop.returnShipping
            case "exchange": return shop.exchange
            default: return nil
            }
        case "bargain":
            switch key {
            case "coupon": return shop.coupon.map(Fact.number)
            case "gift": return shop.gift
            case "free_shipping_from": return shop.freeShippingFrom.map(String.init)
            default: return nil
            }
        case "payment":
            switch key {
            case "methods": return joined(shop.paymentMethods)
            case "cod_fee": return shop.codFee.map(Fact.number)
            case "invoice": return shop.invoice
            default: return nil
            }
        default: return nil
        }
    }

    private func productValue(_ key: Substring) -> String? {
        guard let product else { return nil }
        switch key {
        case "": return product.name
        case "name": return product.name
        case "price": return Fact.number(product.price)
        case "category": return product.category
        case "material": return joined(product.materials)
        case "colours": return joined(product.colours)
        case "care": return product.care
        case "point": return product.sellingPoints.first
        case "points": return product.sellingPoints.isEmpty ? nil : product.sellingPoints.joined(separator: "，")
        default: return nil
        }
    }

    private func slotValue(_ key: Substring) -> String? {
        switch key {
        case "size": return slots.size
        case "height": return slots.height.map(Fact.number)
        case "weight": return slots.weight.map(Fact.number)
        case "region": return slots.region
        case "courier": return slots.courier
        case "quantity": return slots.quantity.map(String.init)
        case "money": return slots.money.map(Fact.number)
        case "colour": return slots.colour
        case "shoe_size": return slots.shoeSize.map(Fact.number)
        case "foot_length": return slots.footLength.map(Fact.number)
        case "order_number": return slots.orderNumber
        case "category": return slots.category
        case "material": return slots.material
        default: return nil
        }
    }

    private func shippingValue(_ key: Substring) -> String? {
        switch key {
        case "courier":
            if let asked = slots.courier, shop.couriers.contains(asked) { return asked }
            return shop.couriers.first
        case "couriers": return joined(shop.couriers)
        case "cutoff": return shop.cutoff
        case "days":
            if let region = slots.region {
                if let days = shop.regionDays[region] { return days }
                if let entry = shop.regionDays.sorted(by: { $0.key < $1.key })
                    .first(where: { $0.key.hasPrefix(region) || region.hasPrefix($0.key) })
                {
                    return entry.value
                }
            }
            return shop.deliveryDays
        case "excluded": return joined(shop.excludedRegions)
        case "express": return shop.couriers.count > 1 ? shop.couriers[1] : nil
        case "fee": return shop.extraFee.map(Fact.number)
        case "express_extra": return shop.expressExtra.map(Fact.number)
        default: return nil
        }
    }

    private func joined(_ values: [String]) -> String? {
        values.isEmpty ? nil : values.joined(separator: "、")
    }

    private func nonEmpty(_ value: String) -> String? { value.isEmpty ? nil : value }
}
