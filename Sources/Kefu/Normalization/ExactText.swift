/// A string as a dictionary key, hashed by its UTF-8 bytes (FNV-1a, computed once).
///
/// A `String` key holding Chinese is hashed through its normalized (NFC) form, about a thousand
/// instructions for a short word; this key hashes the bytes once, and compares the hashes before
/// the strings. Two spellings that are only canonically equivalent may count as different keys,
/// so it is for caches of work done on a text, where that costs a repeat of the work at most.
///
/// ```swift
/// var seen: [ExactText: Int32] = [:]
/// seen[ExactText("包邮")] = 3
/// ```
package struct ExactText: Hashable, Sendable {
    /// The string.
    package let text: String
    private let bytesHash: UInt64

    /// Wraps a string.
    package init(_ text: String) {
        var text = text
        self.bytesHash = text.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }
        self.text = text
    }

    package static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.bytesHash == rhs.bytesHash && lhs.text == rhs.text
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(bytesHash)
    }
}
