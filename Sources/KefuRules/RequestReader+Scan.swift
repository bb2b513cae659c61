/// The bytes a JSON string cannot hold as they are, `"`, `\` and the control characters below
/// 0x20, found eight at a time: what ``RequestReader`` skips over in a string and what
/// ``JSONLine`` escapes.
package enum JSONStringScan {
    /// Whether any of eight bytes (a word loaded from memory) is a control character, `"` or `\`.
    ///
    /// The usual word-at-a-time tests for a byte below 0x20 and for a zero byte after XOR with each
    /// character, combined before the one branch.
    @inline(__always)
    package static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let found = ((word &- ones &* 0x20) & ~word) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
        return found & highs != 0
    }

    /// The offset of the first control character, `"` or `\` in the bytes, if any: 16 bytes at a
    /// time (two words), then 8, then the word that ends the bytes, then one at a time from where a
    /// word had one. (`SIMD16<UInt8>` comparisons compiled to calls and a loop over the lanes
    /// here, and the filter's strings cost five times as much.)
    @inline(__always)
    package static func firstEscapable(in base: UnsafePointer<UInt8>, count: Int) -> Int? {
        var index = 0
        let raw = UnsafeRawPointer(base)
        while count &- index >= 16 {
            let first = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let second = raw.loadUnaligned(fromByteOffset: index &+ 8, as: UInt64.self)
            if needsEscape(first) || needsEscape(second) { break }
            index &+= 16
        }
        if count &- index >= 8, !needsEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
            index &+= 8
        }
        // The last 1 to 7 bytes, when all before them are clean and the string has 8 or more: one
        // word that ends with them.
        if index < count, count &- index < 8, count >= 8,
            !needsEscape(raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
        {
            return nil
        }
        while index < count {
            let byte = base[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index &+= 1
        }
        return nil
    }
}
