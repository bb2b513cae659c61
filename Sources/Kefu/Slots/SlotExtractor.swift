/// Extracts slots from a segmented message with built-in extractors.
///
/// One pass over the tokens and, inside words, their code units:
/// - lexicon words whose kind is `courier`, `region`, `category`, `material`, `colour` or `size`;
/// - size tokens: `xl码` → `XL`, `160/84a` → `160/84A`, `37码` → a shoe size of 37;
/// - numbers in digits or Chinese numerals with their units, read in canonical units: heights in
///   centimetres (`1米65`, `一米六五`, `1.65m`), weights in jin (`55kg` → 110), money in yuan,
///   quantities (`两件`, `3双`), foot lengths (`脚长245` → 24.5);
/// - bare numbers, read by the cue before them (`身高165`, `便宜20`, `¥99`) or the word after
///   them (`37的脚`), or a weight beside them (`165 110斤`: 165 is a height);
/// - order numbers: ten or more digits (not an 11-digit mobile number), or letters and eight or
///   more digits (`SF1234567890`); after `订单号`/`单号` six digits (or letters and five) are enough.
///
/// The first value of each slot wins, except that a quantity written `一件`, `一条` (often just
/// "a") gives way to a later one. Words that only look like numbers are left alone: `一下`, `一点`,
/// `一样`, estimates (`两三件`), ordinals (`第二件`), phone numbers after `手机`/`电话`, and
/// garment measurements (`胸围100cm`).
///
/// ```swift
/// let (text, tokens) = segmenter.segment(message: "身高一米六五體重一百斤，穿XL碼嗎")
/// let slots = SlotExtractor(lexicon: segmenter.lexicon).extract(from: text, tokens: tokens)
/// // height 165, weight 100, size "XL"
/// ```
package struct SlotExtractor: Sendable {
    /// Per lexicon word id: the slot the word fills, if any.
    private let fields: [LexiconSlot?]
    /// Per lexicon word id: the value it fills the slot with.
    private let values: [String]

    /// Creates an extractor for tokens from a segmenter over `lexicon`.
    ///
    /// - Parameter lexicon: The segmenter's lexicon; its word kinds name the slots words fill.
    package init(lexicon: Lexicon) {
        var fields: [LexiconSlot?] = []
        var values: [String] = []
        fields.reserveCapacity(lexicon.count)
        values.reserveCapacity(lexicon.count)
        for (word, kind) in zip(lexicon.words, lexicon.kinds) {
            let field = LexiconSlot(kind: kind)
            fields.append(field)
            values.append(field == .size ? Self.uppercasingASCII(word) : word)
        }
        self.fields = fields
        self.values = values
    }

    /// Extracts the slots of one message.
    ///
    /// - Parameters:
    ///   - text: The normalized message.
    ///   - tokens: Its tokens, from a segmenter over the same lexicon.
    /// - Returns: The slots the message fills.
    /// - Complexity: O(*n*) in the number of code units.
    package func extract(from text: NormalizedText, tokens: [Token]) -> Slots {
        // Buffer pointers, not arrays, and the result written in place: the scanner retains and
        // copies nothing per message.
        var slots = Slots()
        withUnsafeMutablePointer(to: &slots) { slots in
            text.units.withUnsafeBufferPointer { units in
                tokens.withUnsafeBufferPointer { tokens in
                    fields.withUnsafeBufferPointer { fields in
                        values.withUnsafeBufferPointer { values in
                            var scanner = SlotScanner(
                                text: units,
                                tokens: tokens,
                                fields: fields,
                                values: values,
                                slots: slots
                            )
                            scanner.scan()
                        }
                    }
                }
            }
        }
        return consume slots
    }

    private static func uppercasingASCII(_ word: String) -> String {
        String(decoding: word.utf16.map { $0 &- 0x61 < 26 ? $0 - 0x20 : $0 }, as: UTF16.self)
    }
}
