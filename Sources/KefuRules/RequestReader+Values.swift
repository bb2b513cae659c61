extension RequestReader {
    /// Decodes a string value as JSONDecoder does: UTF-8, the escapes `\" \\ \/ \b \f \n \r \t \uXXXX`
    /// with a surrogate pair in two `\u`, no raw control characters; `nil` for anything else.
    func string(_ value: Value) -> String? {
        let raw = UnsafeBufferPointer(rebasing: bytes[value.start..<value.end])
        if value.kind == .simpleString {
            guard isKnownUTF8 else { return Self.validatedString(raw) }
            // Bytes of a line the caller validated, and no escapes: UTF-8 as they are.
            return unsafe String(copying: UTF8Span(unchecked: raw.span))
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(raw.count)
        var index = 0
        var chunk = 0
        while index < raw.count {
            let byte = raw[index]
            if byte < 0x20 { return nil }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            utf8.append(contentsOf: UnsafeBufferPointer(rebasing: raw[chunk..<index]))
            // The scanner saw to it that a backslash is followed by a byte, and `\u` by four.
            let escaped = raw[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = Self.hexadecimal(raw, at: index) else { return nil }
                index += 4
                let scalar: Unicode.Scalar
                if UTF16.isLeadSurrogate(unit) {
                    guard raw.count - index >= 2, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u"),
                        let trail = Self.hexadecimal(raw, at: index + 2), UTF16.isTrailSurrogate(trail)
                    else { return nil }
                    index += 6
                    scalar = UTF16.decode(UTF16.EncodedScalar([unit, trail]))
                } else {
                    guard let single = Unicode.Scalar(unit) else { return nil }
                    scalar = single
                }
                UTF8.encode(scalar) { utf8.append($0) }
            default: return nil
            }
            chunk = index
        }
        utf8.append(contentsOf: UnsafeBufferPointer(rebasing: raw[chunk..<raw.count]))
        return utf8.withUnsafeBufferPointer(Self.validatedString)
    }

    /// The bytes as a `String` if they are UTF-8, else `nil`.
    ///
    /// Through `UTF8Span` rather than `String(validating:as:)`, which took twice as long (a generic
    /// validation that looks up type metadata on every call).
    private static func validatedString(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        guard let utf8 = try? UTF8Span(validating: raw.span) else { return nil }
        return String(copying: utf8)
    }

    /// The four hexadecimal digits at `index` (there are four bytes: the scanner checked).
    private static func hexadecimal(_ raw: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt16? {
        var unit: UInt16 = 0
        for byte in raw[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    /// Decodes a number value as JSONDecoder does into a `Double`: RFC 8259's number syntax,
    /// correctly rounded; `nil` for a bad number, one that overflows, or one JSONDecoder takes for
    /// an underflow to zero (see ``isTrueZero(_:)``).
    func number(_ value: Value) -> Double? {
        let raw = UnsafeBufferPointer(rebasing: bytes[value.start..<value.end])
        var index = 0
        let isNegative = raw[0] == UInt8(ascii: "-")
        if isNegative { index += 1 }
        @inline(__always) func isDigit(_ at: Int) -> Bool {
            at < raw.count && raw[at] &- UInt8(ascii: "0") < 10
        }
        guard isDigit(index) else { return nil }
        var integer: UInt64 = 0
        if raw[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(index) {
                // Wraps past 19 digits; such a number is not given the exact path below.
                integer = integer &* 10 &+ UInt64(raw[index] &- UInt8(ascii: "0"))
                index += 1
            }
        }
        let integerDigits = index - (isNegative ? 1 : 0)
        var isInteger = true
        if index < raw.count, raw[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard isDigit(index) else { return nil }
            while isDigit(index) { index += 1 }
        }
        if index < raw.count, raw[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if index < raw.count, raw[index] == UInt8(ascii: "+") || raw[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { return nil }
            while isDigit(index) { index += 1 }
        }
        guard index == raw.count else { return nil }
        if isInteger, integerDigits <= 15 {
            // Below 2^53: exact, as strtod gives it.
            let magnitude = Double(integer)
            return isNegative ? -magnitude : magnitude
        }
        // strtod, as JSONDecoder uses (the C locale, correctly rounded).
        guard let parsed = Double(String(decoding: raw, as: UTF8.self)), parsed.isFinite else { return nil }
        guard parsed != 0 || Self.isTrueZero(raw) else { return nil }
        return parsed
    }

    /// JSONDecoder's test that a number parsed to zero was written as zero, not rounded to it.
    ///
    /// Copied with its quirk: the last one to three bytes are looked at from the end, so a digit of
    /// the exponent there can count as a digit of the number (`0.000e5` is "not zero").
    static func isTrueZero(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        func check(_ byte: UInt8) -> Bool? {
            switch byte {
            case UInt8(ascii: "1")...UInt8(ascii: "9"): false
            case UInt8(ascii: "e"), UInt8(ascii: "E"): true
            default: nil
            }
        }
        var start = 0
        while raw.count - start >= 4 {
            for offset in 0..<4 {
                if let answer = check(raw[start + offset]) { return answer }
            }
            start += 4
        }
        for offset in (0..<(raw.count - start)).reversed() {
            if let answer = check(raw[start + offset]) { return answer }
        }
        return true
    }
}
