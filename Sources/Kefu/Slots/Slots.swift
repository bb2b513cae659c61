/// What a message says about the shopper's order and body, in canonical units.
///
/// Lengths are centimetres, weights are jin (斤, half a kilogram, the unit shoppers use), money
/// is yuan. A slot the message does not mention is `nil`, and JSON leaves it out.
///
/// ```swift
/// let slots = extractor.extract(from: text, tokens: tokens)   // "身高一米六五體重一百斤，XL碼"
/// slots.height   // 165
/// slots.weight   // 100
/// slots.size     // "XL"
/// ```
public struct Slots: Sendable, Hashable, Codable {
    /// A garment size: `L`, `XL`, `2XL`, `均码`, `大码`, `160/84A` (Latin letters uppercased).
    public var size: String?
    /// A shoe size in Chinese sizes (码), such as 37 or 38.5.
    public var shoeSize: Double?
    /// The length of the shopper's foot in centimetres.
    public var footLength: Double?
    /// The shopper's height in centimetres.
    public var height: Double?
    /// The shopper's weight in jin (斤); kilograms are doubled.
    public var weight: Double?
    /// How many items: `两件` → 2, `3双` → 3.
    public var quantity: Int?
    /// An amount of money in yuan: a price, a discount asked for, a difference.
    public var money: Double?
    /// A courier named in the message: the lexicon word of kind `courier`.
    public var courier: String?
    /// An order or waybill number, Latin letters uppercased.
    public var orderNumber: String?
    /// A region named in the message: the lexicon word of kind `region`.
    public var region: String?
    /// A product category: the lexicon word of kind `category`.
    public var category: String?
    /// A material: the lexicon word of kind `material`.
    public var material: String?
    /// A colour: the lexicon word of kind `colour`.
    public var colour: String?

    /// Creates empty slots.
    public init() {}

    /// Creates slots; every slot left out is `nil`.
    public init(
        size: String? = nil,
        shoeSize: Double? = nil,
        footLength: Double? = nil,
        height: Double? = nil,
        weight: Double? = nil,
        quantity: Int? = nil,
        money: Double? = nil,
        courier: String? = nil,
        orderNumber: String? = nil,
        region: String? = nil,
        category: String? = nil,
        material: String? = nil,
        colour: String? = nil
    ) {
        self.size = size
        self.shoeSize = shoeSize
        self.footLength = footLength
        self.height = height
        self.weight = weight
        self.quantity = quantity
        self.money = money
        self.courier = courier
        self.orderNumber = orderNumber
        self.region = region
        self.category = category
        self.material = material
        self.colour = colour
    }

    /// Whether the message filled no slot at all.
    public var isEmpty: Bool {
        size == nil && shoeSize == nil && footLength == nil && height == nil && weight == nil && quantity == nil
            && money == nil && courier == nil && orderNumber == nil && region == nil && category == nil
            && material == nil && colour == nil
    }

    /// JSON keys, snake case and naming the unit where there is one.
    enum CodingKeys: String, CodingKey {
        case size
        case shoeSize = "shoe_size"
        case footLength = "foot_length_cm"
        case height = "height_cm"
        case weight = "weight_jin"
        case quantity
        case money = "money_yuan"
        case courier
        case orderNumber = "order_number"
        case region
        case category
        case material
        case colour
    }
}
