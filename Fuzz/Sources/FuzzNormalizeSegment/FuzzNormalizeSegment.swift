// Arbitrary bytes → String(decoding:as: UTF8) → Normalizer → Segmenter (with the shipped rules'
// lexicon). Checks:
//   - normalization is idempotent: normalize(normalize(x).text).text == normalize(x).text;
//   - every token range is non-empty, within the normalized text, in order, not overlapping, does
//     not start with a space and does not cut a surrogate pair;
//   - originalRange(of:) of every token lies within the original's UTF-16 length (and
//     originalText(in:) can read it);
//   - the same input twice gives the same normalized text and the same tokens.
import FuzzSupport
import Kefu

let normalizer = Normalizer()
let segmenter = Segmenter(lexicon: FuzzSupport.shippedRules.lexicon)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let message = FuzzSupport.text(data, size)
    let normalized = normalizer.normalize(message)
    let text = normalized.text
    let units = normalized.units
    let originalLength = message.utf16.count

    // Idempotence.
    let again = normalizer.normalize(text).text
    FuzzSupport.require(again == text, "normalization is not idempotent: \(Array(text.unicodeScalars)) → \(Array(again.unicodeScalars))")
    FuzzSupport.require(normalized.original == message, "the normalized text lost its original")

    // Tokens.
    let tokens = segmenter.segment(normalized)
    var previousEnd = 0
    for (index, token) in tokens.enumerated() {
        let range = token.range
        FuzzSupport.require(!range.isEmpty, "token \(index) is empty: \(range)")
        FuzzSupport.require(range.lowerBound >= 0 && range.upperBound <= units.count,
                            "token \(index) \(range) is outside the text (\(units.count) units)")
        FuzzSupport.require(range.lowerBound >= previousEnd,
                            "token \(index) \(range) overlaps or precedes the previous one (ending at \(previousEnd))")
        previousEnd = range.upperBound
        FuzzSupport.require(units[range.lowerBound] != 0x20, "token \(index) \(range) starts with a space")
        FuzzSupport.require(!UTF16.isTrailSurrogate(units[range.lowerBound]),
                            "token \(index) \(range) starts inside a surrogate pair")
        FuzzSupport.require(!UTF16.isLeadSurrogate(units[range.upperBound - 1]),
                            "token \(index) \(range) ends inside a surrogate pair")
        let original = normalized.originalRange(of: range)
        FuzzSupport.require(original.lowerBound >= 0 && original.upperBound <= originalLength,
                            "originalRange(of: \(range)) = \(original) is outside the original (\(originalLength) units)")
        _ = normalized.originalText(in: original)
        _ = normalized.text(of: token)
    }

    // Determinism.
    let second = segmenter.segment(message: message)
    FuzzSupport.require(second.text == normalized, "the same message normalized twice differs")
    FuzzSupport.require(second.tokens == tokens, "the same message segmented twice differs")
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> Int32 {
    FuzzSupport.warmUp(fuzz, ["", "這件背心L號多長？？能包郵嗎 😀 [微笑] 160/84a 110斤"])
    return 0
}
