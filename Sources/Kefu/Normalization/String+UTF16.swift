extension String {
    /// A string from UTF-16 code units, each unpaired surrogate replaced by U+FFFD: the same
    /// string as `String(decoding: units, as: UTF16.self)`, transcoded to UTF-8 in one pass.
    ///
    /// The standard initializer decodes one scalar at a time through the generic Unicode
    /// parser, about a thousand instructions for a short word, which a lexicon of a few thousand
    /// words pays on every load.
    ///
    /// ```swift
    /// String(utf16Units: Array("包邮".utf16))   // "包邮"
    /// ```
    /// - Parameter units: UTF-16 code units.
    package init(utf16Units units: some Collection<UInt16>) {
        if let converted = units.withContiguousStorageIfAvailable({ String(utf16Buffer: $0) }) {
            self = converted
        } else {
            self = Array(units).withUnsafeBufferPointer { String(utf16Buffer: $0) }
        }
    }

    private init(utf16Buffer units: UnsafeBufferPointer<UInt16>) {
        // A unit takes at most 3 bytes; a surrogate pair, 2 units, takes 4.
        self.init(unsafeUninitializedCapacity: units.count * 3) { bytes in
            var count = 0
            func append(_ byte: UInt32) {
                bytes[count] = UInt8(truncatingIfNeeded: byte)
                count += 1
            }
            var i = 0
            while i < units.count {
                let unit = UInt32(units[i])
                i += 1
                if unit < 0x80 {
                    append(unit)
                } else if unit < 0x800 {
                    append(0xC0 | unit >> 6)
                    append(0x80 | unit & 0x3F)
                } else if unit & 0xF800 != 0xD800 {
                    append(0xE0 | unit >> 12)
                    append(0x80 | unit >> 6 & 0x3F)
                    append(0x80 | unit & 0x3F)
                } else if unit < 0xDC00, i < units.count, units[i] & 0xFC00 == 0xDC00 {
                    let scalar = 0x10000 + ((unit - 0xD800) << 10 | (UInt32(units[i]) - 0xDC00))
                    i += 1
                    append(0xF0 | scalar >> 18)
                    append(0x80 | scalar >> 12 & 0x3F)
                    append(0x80 | scalar >> 6 & 0x3F)
                    append(0x80 | scalar & 0x3F)
                } else {
                    append(0xEF)  // U+FFFD
                    append(0xBF)
                    append(0xBD)
                }
            }
            return count
        }
    }
}
