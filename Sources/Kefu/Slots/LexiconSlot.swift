/// The slot that a lexicon word of a given kind fills.
///
/// A lexicon line such as `顺丰 courier` or `新疆 region` makes the word a value of that slot;
/// ``SlotExtractor`` looks the kind up once per word id, not once per token.
enum LexiconSlot: Sendable, Hashable {
    /// Kind `courier`.
    case courier
    /// Kind `region`.
    case region
    /// Kind `category`.
    case category
    /// Kind `material`.
    case material
    /// Kind `colour` (or `color`).
    case colour
    /// Kind `size`: `均码`, `加大码`.
    case size

    /// The slot for a lexicon kind, or `nil` for a kind that fills none (or no kind).
    ///
    /// - Parameter kind: A kind from the lexicon, such as `courier`.
    init?(kind: String?) {
        switch kind {
        case "courier": self = .courier
        case "region": self = .region
        case "category": self = .category
        case "material": self = .material
        case "colour", "color": self = .colour
        case "size": self = .size
        default: return nil
        }
    }

    /// Puts `value` into this slot of `slots`, unless an earlier word filled it.
    ///
    /// - Parameters:
    ///   - value: The lexicon word (for ``size``, with Latin letters uppercased).
    ///   - slots: The slots being filled.
    func fill(_ value: String, into slots: inout Slots) {
        switch self {
        case .courier: if slots.courier == nil { slots.courier = value }
        case .region: if slots.region == nil { slots.region = value }
        case .category: if slots.category == nil { slots.category = value }
        case .material: if slots.material == nil { slots.material = value }
        case .colour: if slots.colour == nil { slots.colour = value }
        case .size: if slots.size == nil { slots.size = value }
        }
    }
}
