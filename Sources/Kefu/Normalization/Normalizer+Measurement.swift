import CICU

/// Entry points that exist to measure the choices the normalizer made, for the benchmarks.
extension Normalizer {
    /// Traditional→Simplified through an ICU transliterator call, as the normalizer does *not* do it.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The transliterated text.
    @_spi(Measurement)
    public static func simplifiedByTransliterator(_ text: String) -> String {
        let units = Array(text.utf16)
        let capacity = units.count * 2 + 16
        var out = [UInt16](repeating: 0, count: capacity)
        let count = units.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                cicu_transliterate_t2s(src.baseAddress, Int32(src.count), dst.baseAddress, Int32(capacity))
            }
        }
        return count < 0 ? text : String(decoding: out[..<Int(count)], as: UTF16.self)
    }

    /// Traditional→Simplified (and case folding) through the normalizer's table alone.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The text with every code point mapped through the table.
    @_spi(Measurement)
    public static func simplifiedByTable(_ text: String) -> String {
        let table = CharacterTable.shared
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let folded = table.folded(scalar: scalar.value)
            scalars.append(Unicode.Scalar(folded) ?? scalar)
        }
        return String(scalars)
    }

    /// The number of code points the ICU-built folding table changes.
    @_spi(Measurement)
    public static var foldedCodePointCount: Int { CharacterTable.shared.foldedCount }
}

extension Normalizer {
    /// Normalizes a message through ICU's NFKC whatever its characters, never through the table of
    /// characters that normalize on their own (tests compare the two paths).
    ///
    /// - Parameter message: The text as the shopper typed it.
    /// - Returns: What ``normalize(_:)`` returns for it.
    func normalizeThroughICU(_ message: String) -> NormalizedText {
        Array(message.utf16).withUnsafeBufferPointer {
            normalizeThroughICU($0, utf8Count: message.utf8.count, original: message)
        }
    }
}
