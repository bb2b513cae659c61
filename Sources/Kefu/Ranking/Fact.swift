/// The facts a reply template can name.
package struct Fact {
    /// Every fact name a template may use (besides `chart.<measurement>`).
    package static let names: Set<String> = Set(NamedFact.allCases.map(\.name))

    /// Whether a template may name this fact.
    package static func isKnown(_ name: String) -> Bool { FactKey(name) != nil }

    /// The value of a fact that only the shop's profile decides (`shop.name`,
    /// `returns.days`…): `.some(value)`, `.some(nil)` when the profile lacks it, or `nil` for a
    /// fact that depends on the message or product. Reply plans resolve these once, at load.
    static func shopValue(_ fact: NamedFact, shop: ShopProfile) -> String?? {
        switch fact {
        case .shopName: return .some((shop.name.isEmpty ? nil : shop.name))
        case .shopAgent: return .some((shop.agent.isEmpty ? nil : shop.agent))
        case .shippingCouriers: return .some(joined(shop.couriers))
        case .shippingCutoff: return .some(shop.cutoff)
        case .shippingExcluded: return .some(joined(shop.excludedRegions))
        case .shippingExpress: return .some(shop.couriers.count > 1 ? shop.couriers[1] : nil)
        case .shippingFee: return .some(shop.extraFee.map(Fact.number))
        case .shippingExpressExtra: return .some(shop.expressExtra.map(Fact.number))
        case .returnsDays: return .some(shop.returnDays.map(String.init))
        case .returnsShipping: return .some(shop.returnShipping)
        case .returnsExchange: return .some(shop.exchange)
        case .bargainCoupon: return .some(shop.coupon.map(Fact.number))
        case .bargainGift: return .some(shop.gift)
        case .bargainFreeShippingFrom: return .some(shop.freeShippingFrom.map(String.init))
        case .paymentMethods: return .some(joined(shop.paymentMethods))
        case .paymentCODFee: return .some(shop.codFee.map(Fact.number))
        case .paymentInvoice: return .some(shop.invoice)
        default: return nil
        }
    }

    /// A list as a fact: `顺丰、中通`, or `nil` when empty.
    static func joined(_ values: [String]) -> String? {
        values.isEmpty ? nil : values.joined(separator: "、")
    }

    /// `87` for 87.0, `24.5` for 24.5.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 {
            if value >= 0, value < Double(smallIntegers.count) { return smallIntegers[Int(value)] }
            return String(Int64(value))
        }
        let rounded = (value * 100).rounded() / 100
        // Below a billion, `rounded` prints as its cents: written by hand into one buffer, it is
        // the same text as `Double.description` (the shortest that reads back, which has at most
        // two decimals here) at a fraction of the cost.
        guard abs(rounded) < 1e9 else { return String(rounded) }
        let cents = Int64((abs(rounded) * 100).rounded())
        if rounded.sign == .plus, cents < smallCents.count { return smallCents[Int(cents)] }
        return text(cents: cents, negative: rounded.sign == .minus)
    }

    /// The texts of the integers 0 … 999 and of 0.00 … 9.99 (as ``number(_:)`` writes them, `0.5`,
    /// `1.0`), made once: scores, measurements and most sizes and prices are among them, and
    /// making a string costs about 400 instructions (callgrind; three a suggestion for the scores
    /// in the reasons alone).
    private static let smallIntegers: [String] = (0..<1_000).map { String($0) }
    private static let smallCents: [String] = (0..<1_000).map { text(cents: Int64($0), negative: false) }

    /// `cents` / 100 with one or two decimals (`24.5`, `0.93`, `1.0`).
    private static func text(cents: Int64, negative: Bool) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            var whole = cents / 100
            withUnsafeMutableBytes(of: &digits) { reversed in
                repeat {
                    reversed[count] = UInt8(48 + whole % 10)
                    whole /= 10
                    count += 1
                } while whole > 0
            }
            var at = 0
            if negative {
                buffer[0] = UInt8(ascii: "-")
                at = 1
            }
            withUnsafeBytes(of: &digits) { reversed in
                for k in stride(from: count - 1, through: 0, by: -1) {
                    buffer[at] = reversed[k]
                    at += 1
                }
            }
            buffer[at] = UInt8(ascii: ".")
            let fraction = cents % 100
            buffer[at + 1] = UInt8(48 + fraction / 10)
            at += 2
            if fraction % 10 != 0 {
                buffer[at] = UInt8(48 + fraction % 10)
                at += 1
            }
            return at
        }
    }
}

/// A fact name resolved once, when the rules load, so that filling a template is an array lookup
/// rather than a comparison of strings for every placeholder of every candidate reply.
enum FactKey: Hashable, Sendable {
    /// A fact with a fixed name (`product.name`).
    case named(NamedFact)
    /// A measurement of the asked size's row in the product's size chart (`chart.衣长`).
    case chart(String)

    static let byName: [String: NamedFact] = Dictionary(
        uniqueKeysWithValues: NamedFact.allCases.map { ($0.name, $0) })

    /// The key of a fact name, or `nil` for a name no template may use.
    init?(_ name: String) {
        if let named = Self.byName[name] {
            self = .named(named)
        } else if name.hasPrefix("chart."), name.count > 6 {
            self = .chart(String(name.dropFirst(6)))
        } else {
            return nil
        }
    }
}

/// The facts with a fixed name, numbered for a per-message cache.
enum NamedFact: Int, CaseIterable, Sendable {
    case shopName, shopAgent
    case product, productName, productPrice, productCategory, productMaterial, productColours, productCare
    case productPoint, productPoints
    case slotSize, slotHeight, slotWeight, slotRegion, slotCourier, slotQuantity, slotMoney, slotColour
    case slotShoeSize, slotFootLength, slotOrderNumber, slotCategory, slotMaterial
    case adviceSize, adviceReason, adviceNote
    case stockSizes, stockCount
    case shippingCourier, shippingCouriers, shippingCutoff, shippingDays, shippingFee, shippingExpressExtra
    case shippingExcluded, shippingExpress
    case returnsDays, returnsShipping, returnsExchange
    case bargainCoupon, bargainGift, bargainFreeShippingFrom
    case paymentMethods, paymentCODFee, paymentInvoice

    /// The name a template writes.
    var name: String {
        switch self {
        case .shopName: "shop.name"
        case .shopAgent: "shop.agent"
        case .product: "product"
        case .productName: "product.name"
        case .productPrice: "product.price"
        case .productCategory: "product.category"
        case .productMaterial: "product.material"
        case .productColours: "product.colours"
        case .productCare: "product.care"
        case .productPoint: "product.point"
        case .productPoints: "product.points"
        case .slotSize: "slot.size"
        case .slotHeight: "slot.height"
        case .slotWeight: "slot.weight"
        case .slotRegion: "slot.region"
        case .slotCourier: "slot.courier"
        case .slotQuantity: "slot.quantity"
        case .slotMoney: "slot.money"
        case .slotColour: "slot.colour"
        case .slotShoeSize: "slot.shoe_size"
        case .slotFootLength: "slot.foot_length"
        case .slotOrderNumber: "slot.order_number"
        case .slotCategory: "slot.category"
        case .slotMaterial: "slot.material"
        case .adviceSize: "advice.size"
        case .adviceReason: "advice.reason"
        case .adviceNote: "advice.note"
        case .stockSizes: "stock.sizes"
        case .stockCount: "stock.count"
        case .shippingCourier: "shipping.courier"
        case .shippingCouriers: "shipping.couriers"
        case .shippingCutoff: "shipping.cutoff"
        case .shippingDays: "shipping.days"
        case .shippingFee: "shipping.fee"
        case .shippingExpressExtra: "shipping.express_extra"
        case .shippingExcluded: "shipping.excluded"
        case .shippingExpress: "shipping.express"
        case .returnsDays: "returns.days"
        case .returnsShipping: "returns.shipping"
        case .returnsExchange: "returns.exchange"
        case .bargainCoupon: "bargain.coupon"
        case .bargainGift: "bargain.gift"
        case .bargainFreeShippingFrom: "bargain.free_shipping_from"
        case .paymentMethods: "payment.methods"
        case .paymentCODFee: "payment.cod_fee"
        case .paymentInvoice: "payment.invoice"
        }
    }
}

/// The facts of one message: shop, product in view, slots, size advice, policies.
///
/// Each named fact is worked out at most once per message, when a condition or a template first
/// asks for it: several candidate replies share most of their facts.
struct FactSheet {
    // Structs, not tuples: an array of tuples holding strings is destroyed element by element
    // through the runtime's generic tuple witnesses (about 2,000 instructions a suggestion with
    // the scorer's, callgrind), an array of structs through compiled ones.
    private struct KnownFact {
        let fact: Int
        let value: String?
    }

    private struct KnownMeasurement {
        let measurement: String
        let value: String?
    }

    /// The rules (for the shop): a reference, so that a sheet does not copy the whole profile.
    private let rules: RuleSet
    /// The product in view.
    let item: CatalogItem?
    let slots: Slots
    let advice: SizeAdvisor.Advice?
    /// The size asked about: the slot, else the advised size.
    let askedSize: String?
    /// The values of the named facts worked out so far, in the order asked. A message asks for
    /// a handful of the dozens of facts, so a short list beats one slot per fact to fill and to
    /// free, and appending to it beats keeping it sorted. (An `InlineArray` here, to save its one
    /// allocation, was copied whole on access: 1,100 instructions more a message.)
    private var cache: [KnownFact] = []
    /// Bit *i*: ``NamedFact`` *i*'s value is in `cache`.
    private var known: UInt64 = 0
    /// The chart measurements worked out so far (`衣长` → `87`): a reply and its condition
    /// often name the same one, and each costs a row search and a number to text. Names are
    /// compared byte for byte (`hasSameUTF8(as:)`).
    private var charts: [KnownMeasurement] = []
    /// The measurements of the asked size's row of the product's size chart, once looked up.
    private var chartRow: [String: Double]??

    init(rules: RuleSet, item: CatalogItem?, slots: Slots, advice: SizeAdvisor.Advice?) {
        self.rules = rules
        self.item = item
        self.slots = slots
        self.advice = advice
        self.askedSize = slots.size ?? slots.shoeSize.map(Fact.number) ?? advice?.size
    }


    /// The value of a fact, or `nil` when the message, product or shop lacks it.
    mutating func value(_ key: FactKey) -> String? {
        switch key {
        case .chart(let measurement):
            for known in charts where known.measurement.hasSameUTF8(as: measurement) { return known.value }
            if chartRow == nil { chartRow = .some(askedSize.flatMap { item?.product.sizeChart?.row($0)?.measurements }) }
            let value = (chartRow ?? nil).flatMap { SizeChart.Row.measurement(named: measurement, in: $0) }.map(Fact.number)
            if charts.isEmpty { charts.reserveCapacity(4) }
            charts.append(KnownMeasurement(measurement: measurement, value: value))
            return value
        case .named(let fact):
            let bit: UInt64 = 1 << UInt64(fact.rawValue)
            if known & bit != 0 {
                for entry in cache where entry.fact == fact.rawValue { return entry.value }
            }
            let value = compute(fact)
            if cache.isEmpty { cache.reserveCapacity(16) }
            cache.append(KnownFact(fact: fact.rawValue, value: value))
            known |= bit
            return value
        }
    }

    private func compute(_ fact: NamedFact) -> String? {
        // `rules.shop.x` reads one field of the profile; a copy of the profile (a local, a
        // computed property) would retain and release every field of it.
        switch fact {
        case .product, .productName: return item?.product.name
        case .productPrice: return item.map { Fact.number($0.product.price) }
        case .productCategory: return item?.product.category
        case .productMaterial: return item.flatMap { joined($0.product.materials) }
        case .productColours: return item.flatMap { joined($0.product.colours) }
        case .productCare: return item?.product.care
        case .productPoint: return item?.product.sellingPoints.first
        case .productPoints:
            guard let points = item?.product.sellingPoints, !points.isEmpty else { return nil }
            return points.joined(separator: "，")
        case .slotSize: return slots.size
        case .slotHeight: return slots.height.map(Fact.number)
        case .slotWeight: return slots.weight.map(Fact.number)
        case .slotRegion: return slots.region
        case .slotCourier: return slots.courier
        case .slotQuantity: return slots.quantity.map(String.init)
        case .slotMoney: return slots.money.map(Fact.number)
        case .slotColour: return slots.colour
        case .slotShoeSize: return slots.shoeSize.map(Fact.number)
        case .slotFootLength: return slots.footLength.map(Fact.number)
        case .slotOrderNumber: return slots.orderNumber
        case .slotCategory: return slots.category
        case .slotMaterial: return slots.material
        case .adviceSize: return advice?.size
        case .adviceReason: return advice?.reason
        case .adviceNote: return advice?.note
        case .stockSizes: return item.flatMap { joined($0.product.sizesInStock) }
        case .stockCount: return item.map { String($0.product.stockCount(size: askedSize, colour: slots.colour)) }
        case .shippingCourier:
            if let asked = slots.courier, rules.shop.couriers.contains(asked) { return asked }
            return rules.shop.couriers.first
        case .shippingDays:
            if let region = slots.region {
                if let days = rules.shop.regionDays[region] { return days }
                if let entry = rules.shop.regionDays.sorted(by: { $0.key < $1.key })
                    .first(where: { $0.key.hasPrefix(region) || region.hasPrefix($0.key) })
                {
                    return entry.value
                }
            }
            return rules.shop.deliveryDays
        case .shopName, .shopAgent, .shippingCouriers, .shippingCutoff, .shippingExcluded, .shippingExpress, .shippingFee, .shippingExpressExtra, .returnsDays, .returnsShipping, .returnsExchange, .bargainCoupon, .bargainGift, .bargainFreeShippingFrom, .paymentMethods, .paymentCODFee, .paymentInvoice:
            return Fact.shopValue(fact, shop: rules.shop) ?? nil
        }
    }

    private func joined(_ values: [String]) -> String? { Fact.joined(values) }

    private func nonEmpty(_ value: String) -> String? { value.isEmpty ? nil : value }
}
