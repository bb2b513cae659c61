import Foundation

extension JSONEncoder {
    /// Sorted keys, slashes unescaped: deterministic output.
    package static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
