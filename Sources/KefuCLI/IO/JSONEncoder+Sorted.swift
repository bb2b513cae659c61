import Foundation

extension JSONEncoder {
    /// Sorted keys, slashes unescaped: deterministic output.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
