/// What a shop offers and allows: its name, shipping, returns, bargaining room and payment.
///
/// Replies fill their templates from it (`{shipping.cutoff}`, `{bargain.coupon}`), and the ranker
/// reads its policies (free shipping by region, the bargaining ladder).
public struct ShopProfile: Sendable, Hashable {
    /// The shop's name.
    public var name: String = ""
    /// The agent's name, as replies sign.
    public var agent: String = ""
    /// Couriers offered, the default first.
    public var couriers: [String] = []
    /// Orders paid before this time ship the same day (`16:00`).
    public var cutoff: String?
    /// Default delivery time (`2-4`, in days).
    public var deliveryDays: String?
    /// Delivery time by region (`新疆` → `5-8`).
    public var regionDays: [String: String] = [:]
    /// Whether shipping is free by default.
    public var freeShipping = false
    /// Regions outside free shipping.
    public var excludedRegions: [String] = []
    /// The fee (yuan) charged to excluded regions.
    public var extraFee: Double?
    /// The extra (yuan) for the express courier (every courier after the first).
    public var expressExtra: Double?
    /// Days to return without a reason (七天无理由).
    public var returnDays: Int?
    /// Who pays return shipping.
    public var returnShipping: String?
    /// The exchange policy.
    public var exchange: String?
    /// The coupon (yuan) an agent may give when bargaining.
    public var coupon: Double?
    /// A gift an agent may give instead of money.
    public var gift: String?
    /// From this many items, free shipping everywhere.
    public var freeShippingFrom: Int?
    /// What the shop never does when bargaining.
    public var never: [String] = []
    /// Payment methods.
    public var paymentMethods: [String] = []
    /// The extra (yuan) for cash on delivery.
    public var codFee: Double?
    /// The invoice the shop issues.
    public var invoice: String?

    /// An empty profile.
    public init() {}

    /// Whether a region gets free shipping.
    public func shipsFree(to region: String?) -> Bool {
        guard freeShipping else { return false }
        guard let region else { return true }
        return !excludedRegions.contains { region.hasPrefix($0) || $0.hasPrefix(region) || isHongKongMacauTaiwan(region, $0) }
    }

    private func isHongKongMacauTaiwan(_ region: String, _ excluded: String) -> Bool {
        excluded == "港澳台" && ["香港", "澳门", "台湾"].contains(region)
    }
}
