/// A word that tells what the number after it is: `身高` before a height, `便宜` before money.
///
/// A cue only reaches a few code units ahead (its ``window``): `身高是165` is a height, while in
/// `高跟鞋37码` the `高` is too far from the number to say anything.
struct SlotCue: Sendable, Hashable {
    /// What a cue says about the number after it.
    enum Kind: Sendable, Hashable {
        /// `身高`, `个子`, `高`.
        case height
        /// `体重`, `重`.
        case weight
        /// `脚长`, `脚`, `内长` (of a shoe): a foot length, or a shoe size when the number is one.
        case foot
        /// `鞋码`, `码数`, `尺码`: a shoe size.
        case shoe
        /// `穿`: a shoe size, when the message talks about shoes or sizes at all.
        case wear
        /// `便宜`, `少`, `减`, `优惠`, `差价`, `价格`, `¥` and the like: money.
        case money
        /// `订单号`, `单号`, `运单`: an order or waybill number.
        case order
        /// `手机`, `电话`, `联系`: a phone number, which is no slot.
        case phone
        /// `买`: `买二送一` counts items.
        case buy
        /// `胸围`, `腰围`, `衣长` and other garment measurements: no body slot.
        case measurement
        /// `第`, `同`, `唯`: an ordinal or "the same one" (`第二件半价`, `同一件`), no slot.
        case ordinal
    }

    /// What the cue says.
    var kind: Kind
    /// The offset just after the cue.
    var end: Int
    /// How many code units may come between the cue and the number.
    var window: Int

    /// Whether a number starting at `position` is close enough to be read under this cue.
    func reaches(_ position: Int) -> Bool {
        position >= end && position - end <= window
    }

    /// Whether a cue can start with this code unit: a cheap test before ``match(_:at:)``.
    @inline(__always)
    static func mayStart(_ unit: UInt16) -> Bool {
        // $¥个买价优体便内减单同唯少尺差手抹电码穿第联肩胸脚腰臀衣袖裙裤订身运返退重降鞋高
        switch unit {
        case 0x0024, 0x00A5, 0x4E2A, 0x4E70, 0x4EF7, 0x4F18, 0x4F53, 0x4FBF, 0x5185, 0x51CF, 0x5355, 0x540C,
            0x552F, 0x5C11, 0x5C3A, 0x5DEE, 0x624B, 0x62B9, 0x7535, 0x7801, 0x7A7F, 0x7B2C, 0x8054, 0x80A9,
            0x80F8, 0x811A, 0x8170, 0x81C0, 0x8863, 0x8896, 0x88D9, 0x88E4, 0x8BA2, 0x8EAB, 0x8FD0, 0x8FD4,
            0x9000, 0x91CD, 0x964D, 0x978B, 0x9AD8:
            true
        default:
            false
        }
    }

    /// The cue that starts at `i`, if any; test ``mayStart(_:)`` first.
    ///
    /// - Parameters:
    ///   - text: UTF-16 code units of normalized text.
    ///   - i: An offset into `text`.
    /// - Returns: The cue, with ``end`` after its last code unit.
    static func match(_ text: UnsafeBufferPointer<UInt16>, at i: Int) -> SlotCue? {
        let next = scalar(text, i + 1)
        func cue(_ kind: Kind, length: Int, window: Int) -> SlotCue {
            SlotCue(kind: kind, end: i + length, window: window)
        }
        switch scalar(text, i) {
        case "身" where next == "高": return cue(.height, length: 2, window: 4)
        case "个" where next == "子": return cue(.height, length: 2, window: 3)
        case "高": return cue(.height, length: 1, window: 1)
        case "体" where next == "重": return cue(.weight, length: 2, window: 4)
        case "重": return cue(.weight, length: 1, window: 1)
        case "脚": return cue(.foot, length: next == "长" ? 2 : 1, window: next == "长" ? 4 : 2)
        case "内" where next == "长": return cue(.foot, length: 2, window: 3)
        case "鞋" where next == "码", "码" where next == "数", "尺" where next == "码":
            return cue(.shoe, length: 2, window: 3)
        case "穿": return cue(.wear, length: 1, window: 1)
        case "便" where next == "宜", "优" where next == "惠", "差" where next == "价", "价" where next == "格":
            return cue(.money, length: 2, window: 3)
        case "价", "降", "返", "退", "¥", "$": return cue(.money, length: 1, window: 1)
        case "抹": return cue(.money, length: 1, window: 2)
        case "少":
            let previous = scalar(text, i - 1)
            guard previous != "多", previous != "至", previous != "减" else { return nil }  // 多少, 至少, 减少
            return next == "点" ? cue(.money, length: 2, window: 2) : cue(.money, length: 1, window: 0)
        case "减": return cue(.money, length: 1, window: 0)
        case "订" where next == "单", "运" where next == "单", "单" where next == "号":
            let length = next == "单" && scalar(text, i + 2) == "号" ? 3 : 2
            return cue(.order, length: length, window: 6)
        case "手" where next == "机", "电" where next == "话", "联" where next == "系":
            return cue(.phone, length: 2, window: 6)
        case "买": return cue(.buy, length: 1, window: 0)
        case "胸" where next == "围", "腰" where next == "围", "臀" where next == "围", "肩" where next == "宽",
            "衣" where next == "长", "裤" where next == "长", "袖" where next == "长", "裙" where next == "长":
            return cue(.measurement, length: 2, window: 4)
        case "第", "同", "唯": return cue(.ordinal, length: 1, window: 0)
        default: return nil
        }
    }

    /// The scalar of the code unit at `i`, or U+0000 outside the text (or on a surrogate).
    @inline(__always)
    private static func scalar(_ text: UnsafeBufferPointer<UInt16>, _ i: Int) -> Unicode.Scalar {
        i >= 0 && i < text.count ? Unicode.Scalar(text[i]) ?? "\0" : "\0"
    }
}
