/// Which slot a number fills: by its unit, else by the cue before it, the word after it, or a
/// height or weight beside it.
extension SlotScanner {
    /// Fills the slot a number belongs to, if any.
    mutating func classify(_ mention: NumberMention) {
        // A bare 一 (一点, 一下, 一般) is no number and leaves the cue for the next one: 便宜一点20.
        if mention.isChinese, mention.value.doubleValue < 2, mention.unit == nil || mention.unit == .other { return }
        let cue = activeCue(at: mention.start)
        let pending = pendingHeight
        self.cue = nil
        pendingHeight = nil
        if cue?.kind == .ordinal { return }
        guard let unit = mention.unit else {
            classifyBare(mention, cue: cue)
            return
        }
        let value = mention.value
        switch unit {
        case .centimetre:
            guard cue?.kind != .measurement else { return }
            let centimetres = value.doubleValue
            if centimetres >= 15, centimetres <= 32, cue?.kind == .foot || mentionsShoes {
                Self.fill(&slots.pointee.footLength, centimetres)
            } else if centimetres >= 100 || (centimetres >= 50 && cue?.kind == .height), centimetres <= 230 {
                recordHeight(centimetres, mention)
            }
        case .millimetre:
            let centimetres = value.value(times: 1, over: 10)
            if centimetres >= 15, centimetres <= 32 { Self.fill(&slots.pointee.footLength, centimetres) }
        case .metre:
            // 1.65m is a height; a whole 1米 or 2米 only after a height cue.
            let centimetres = value.value(times: 100)
            guard cue?.kind != .measurement, centimetres >= 100, centimetres <= 230,
                value.integer == nil || cue?.kind == .height
            else { return }
            recordHeight(centimetres, mention)
        case .kilogram:
            recordWeight(value.value(times: 2), mention, pending: pending)
        case .jin:
            recordWeight(value.doubleValue, mention, pending: pending)
        case .yuan:
            // 一块 is as often "a patch" (有一块污渍) as one yuan: only with 钱 or a money cue.
            if mention.isChinese, value.integer == 1, text[mention.end - 1] == 0x5757, cue?.kind != .money { return }
            recordMoney(value.doubleValue)
        case .jiao:
            recordMoney(value.value(times: 1, over: 10))
        case .piece, .genericPiece:
            guard let count = value.integer, count >= 1, count <= 999 else { return }
            if unit == .genericPiece, mention.isChinese, count == 1 { return }  // 一个: "a", rarely a count
            recordQuantity(count, isArticle: mention.isChinese && count == 1)
        case .sizeNumber:
            if Self.isShoeSize(value), !isAboutTrousers {
                Self.fill(&slots.pointee.shoeSize, value.doubleValue)
            }
        case .other:
            return
        }
    }

    /// A number with no unit: the word after it, the cue before it, or its neighbours decide.
    private mutating func classifyBare(_ mention: NumberMention, cue: SlotCue?) {
        let value = mention.value
        let v = value.doubleValue
        // The word after: 37的脚 (a shoe size or a foot length), 39的鞋, 165的身高, 110的体重. With
        // 的 it wins over the cue before (in 165的身高110的体重, 110 follows the cue 身高); without
        // 的, only when there is no cue (体重110身高165 is two cues, not "110身高").
        let linked = scalar(at: mention.end) == "的"
        if linked || cue == nil {
            let after = linked ? mention.end + 1 : mention.end
            switch (scalar(at: after), scalar(at: after + 1)) {
            case ("脚", _):
                classifyFoot(value)
                return
            case ("鞋", _):
                if Self.isShoeSize(value) { Self.fill(&slots.pointee.shoeSize, v) }
                return
            case ("身", "高") where linked:
                if !mention.isChinese, v >= 50, v <= 230 { recordHeight(v, mention) }
                return
            case ("体", "重") where linked:
                if !mention.isChinese { recordWeight(v, mention, pending: nil) }
                return
            default:
                break
            }
        }
        if !mention.isChinese, scalar(at: mention.end) == "包", scalar(at: mention.end + 1) == "邮" {
            recordMoney(v)
            return
        }
        if let cue {
            switch cue.kind {
            case .height:
                let centimetres = value.integer == nil && v < 3 ? value.value(times: 100) : v  // 身高1.65
                if centimetres >= 50, centimetres <= 230 { recordHeight(centimetres, mention) }
            case .weight:
                recordWeight(v, mention, pending: nil)
            case .foot:
                classifyFoot(value)
            case .shoe, .wear:
                if Self.isShoeSize(value), !isAboutTrousers, cue.kind == .shoe || mentionsShoes || mentionsSizes {
                    Self.fill(&slots.pointee.shoeSize, v)
                }
            case .money:
                recordMoney(v)
            case .buy:
                if let count = value.integer, count >= 1, count <= 99, scalar(at: mention.end) == "送" {
                    recordQuantity(count, isArticle: false)  // 买二送一
                }
            case .order, .phone, .measurement, .ordinal:
                break
            }
            return
        }
        // No cue: digits between a height and a weight (`165 110斤`, `身高165 110`, `110斤 165`).
        guard !mention.isChinese, let number = value.integer else { return }
        if number >= 60, number <= 250, isSeparated(from: lastHeightEnd, to: mention.start) {
            recordWeight(v, mention, pending: nil)
        } else if number >= 140, number <= 199 {
            if isSeparated(from: lastWeightEnd, to: mention.start) {
                recordHeight(v, mention)
            } else {
                pendingHeight = mention
            }
        }
    }

    /// A number about a foot: a shoe size (37, 38.5), a length in centimetres (24.5) or millimetres (245).
    private mutating func classifyFoot(_ value: ScaledNumber) {
        let v = value.doubleValue
        if Self.isShoeSize(value) {
            Self.fill(&slots.pointee.shoeSize, v)
        } else if v >= 15, v <= 32 {
            Self.fill(&slots.pointee.footLength, v)
        } else if v >= 150, v <= 320 {
            Self.fill(&slots.pointee.footLength, value.value(times: 1, over: 10))
        }
    }

    private mutating func recordHeight(_ centimetres: Double, _ mention: NumberMention) {
        Self.fill(&slots.pointee.height, centimetres)
        lastHeightEnd = mention.end
    }

    /// Records a weight in jin, and makes a bare number just before it a height (`165 110斤`).
    private mutating func recordWeight(_ jin: Double, _ mention: NumberMention, pending: NumberMention?) {
        guard jin >= 20, jin <= 500 else { return }  // 涨了十斤 is a change, not a weight
        Self.fill(&slots.pointee.weight, jin)
        lastWeightEnd = mention.end
        if let pending, isSeparated(from: pending.end, to: mention.start) {
            recordHeight(pending.value.doubleValue, pending)
        }
    }

    /// Records a quantity, or replaces a 一 that may have been an article.
    ///
    /// A Chinese 一 before a classifier (一件, 一条) is as often the article "a" as a count, so a
    /// later quantity replaces it: 少发了一件，我买了两件 → 2.
    private mutating func recordQuantity(_ count: Int, isArticle: Bool) {
        guard slots.pointee.quantity == nil || (quantityIsArticle && !isArticle) else { return }
        slots.pointee.quantity = count
        quantityIsArticle = isArticle
    }

    private mutating func recordMoney(_ yuan: Double) {
        if yuan > 0, yuan <= 1_000_000 { Self.fill(&slots.pointee.money, yuan) }
    }

    /// Whether only a few spaces or separators (`,`, `、`, `/`, `;`) lie between two offsets.
    private func isSeparated(from start: Int, to end: Int) -> Bool {
        guard start >= 0, end >= start, end - start <= 3 else { return false }
        for unit in text[start..<end] {
            switch unit {
            case 0x20, 0x2C, 0x2F, 0x3B, 0x3001, 0x2B: continue  // space , / ; 、 +
            default: return false
            }
        }
        return true
    }

    /// The scalar of the code unit at `i`, or U+0000 past the end.
    private func scalar(at i: Int) -> Unicode.Scalar {
        i < text.count ? Unicode.Scalar(text[i]) ?? "\0" : "\0"
    }
}
