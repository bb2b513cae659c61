/// Reads one request object, `{"id", "text", "product", "conversation", "time"}`, straight from its
/// UTF-8 bytes: how ``SuggestRequest/decode(_:)-(Data)`` reads a `kefu suggest` line or a server body.
///
/// Hand-written rather than Foundation's `JSONDecoder`, because decoding was the largest cost of a
/// JSON line: a `{"id", "text"}` line cost `kefu suggest` about 1.6 times a plain-text one. Reading
/// the 12,000 messages of `Benchmarks/Data/messages.txt` as `{"id":N,"text":…}` lines
/// (`KefuRequestDecode`), JSONDecoder took 31,700 instructions a request (callgrind; a decoder, its
/// scanner's map, a dictionary of every key and the `Codable` machinery, for each line) and 4.8–9.0 µs
/// on the shared 2-core machine; this reader takes 2,800 instructions and 0.35–0.48 µs.
///
/// It accepts and refuses exactly what `JSONDecoder` (swift-foundation, Swift 6.3) did, with the
/// same ``SuggestRequest/Problem``, so that no client sees a difference; a differential test and the
/// `FuzzRequestJSON` target compare the two (``SuggestRequest/decodeWithFoundation(_:)``). That
/// language is a little wider than RFC 8259, and this reader copies it on purpose:
/// - a trailing comma closes an object or an array (`{"text":"a",}`);
/// - the values of fields a request does not have are only scanned, as JSONDecoder scans them: their
///   strings may hold control characters, unknown escapes and invalid UTF-8, and their numbers are
///   any run of `0-9 . + - e E` after a digit or `-`; but `\u` must have four bytes before the
///   closing quote, and nesting deeper than 512 arrays and objects (the request object included) is
///   invalid JSON — skipped with a loop, so depth costs no stack;
/// - every key of the request object is decoded, so an unreadable key is invalid JSON; of duplicate
///   keys the first counts;
/// - a field Kefu reads is decoded in full, in the order `id`, `text`, `product`, `conversation`,
///   `time`, and the first that fails decides the answer: a value of the wrong type (`null` is
///   absent) is `invalid-field`, an unreadable string or number is `invalid-json`. Except in `id`,
///   a string or a number: an unreadable string there is a wrong type, because JSONDecoder tried a
///   number next. A number must parse to a finite `Double` that is not rounded to zero: `1e400`
///   and `1e-400` are invalid JSON (and so is `0.000e5`, a quirk of JSONDecoder's check);
/// - a UTF-8 byte-order mark is skipped, and input that looks like UTF-16 or UTF-32 (NUL bytes
///   among the first four) is left to JSONDecoder, which converts it (``encoding(of:)``).
struct RequestReader {
    /// The deepest nesting of arrays and objects JSONDecoder scans, the request object included.
    static let maximumDepth = 512

    /// A field of the request, in the order JSONDecoder decoded them.
    enum Field: Int {
        case id, text, product, conversation, time

        var name: String {
            switch self {
            case .id: "id"
            case .text: "text"
            case .product: "product"
            case .conversation: "conversation"
            case .time: "time"
            }
        }
    }

    /// What a field's value is, as far as decoding it goes.
    enum Kind: UInt8 {
        /// The field is not in the object.
        case absent
        case null
        /// A string without escapes or control characters.
        case simpleString
        case string
        case number
        /// `true`, `false`, an object or an array: the wrong type for every field.
        case other
    }

    /// A value found in the object: its kind and where its bytes are (a string's without the quotes).
    struct Value {
        var kind: Kind
        var start: Int
        var end: Int

        static let absent = Value(kind: .absent, start: 0, end: 0)
    }

    /// The bytes are not JSON as JSONDecoder reads it.
    struct Malformed: Error {}

    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether the caller has checked that all the bytes are UTF-8 (a string without escapes is then
    /// not checked again).
    let isKnownUTF8: Bool
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, isKnownUTF8: Bool = false) {
        self.bytes = bytes
        self.isKnownUTF8 = isKnownUTF8
    }

    /// The encoding JSONDecoder would read the bytes in, from their first four.
    enum Encoding: Equatable {
        /// UTF-8, after a byte-order mark of this many bytes (0 or 3).
        case utf8(byteOrderMarkLength: Int)
        /// UTF-16 or UTF-32, with or without a byte-order mark.
        case other
    }

    /// Tells the encoding as JSONDecoder does (RFC 4627 §3: the first two characters are ASCII).
    static func encoding(of bytes: UnsafeBufferPointer<UInt8>) -> Encoding {
        let b0: UInt8? = bytes.count > 0 ? bytes[0] : nil
        let b1: UInt8? = bytes.count > 1 ? bytes[1] : nil
        let b2: UInt8? = bytes.count > 2 ? bytes[2] : nil
        let b3: UInt8? = bytes.count > 3 ? bytes[3] : nil
        switch (b0, b1, b2, b3) {
        case (0, 0, 0xFE, 0xFF), (0xFE, 0xFF, _, _), (0xFF, 0xFE, _, _): return .other
        case (0xEF, 0xBB, 0xBF, _): return .utf8(byteOrderMarkLength: 3)
        case (0, 0, 0, .some(let nz)) where nz != 0: return .other
        case (0, .some(let nz1), 0, .some(let nz2)) where nz1 != 0 && nz2 != 0: return .other
        case (.some(let nz), 0, 0, 0) where nz != 0: return .other
        case (.some(let nz1), 0, .some(let nz2), 0) where nz1 != 0 && nz2 != 0: return .other
        case (0, .some(let nz), nil, nil) where nz != 0: return .other
        case (.some(let nz), 0, nil, nil) where nz != 0: return .other
        default: return .utf8(byteOrderMarkLength: 0)
        }
    }

    /// Reads a request from UTF-8 bytes (after any byte-order mark).
    ///
    /// - Throws: ``SuggestRequest/Problem`` `invalid-json`, `invalid-field` naming the field (with
    ///   the id when it was read), `missing-text` (with the id).
    /// - Parameter isKnownUTF8: The caller has checked that all the bytes are UTF-8.
    static func request(in bytes: UnsafeBufferPointer<UInt8>, isKnownUTF8: Bool = false) throws(SuggestRequest.Problem)
        -> SuggestRequest
    {
        var reader = RequestReader(bytes, isKnownUTF8: isKnownUTF8)
        let fields: InlineArray<5, Value>
        do {
            fields = try reader.readObject()
        } catch {
            throw .invalidJSON
        }
        let id: SuggestRequest.ID?
        let value = fields[Field.id.rawValue]
        switch value.kind {
        case .absent, .null: id = nil
        case .simpleString, .string:
            // JSONDecoder tried the string, then a number: a string it cannot read is the wrong type.
            guard let text = reader.string(value) else { throw .wrongType("id", id: nil) }
            id = .string(text)
        case .number:
            guard let number = reader.number(value) else { throw .invalidJSON }
            id = .number(number)
        case .other: throw .wrongType("id", id: nil)
        }
        let text = try reader.optionalString(fields[Field.text.rawValue], .text, id: id)
        let product = try reader.optionalString(fields[Field.product.rawValue], .product, id: id)
        let conversation = try reader.optionalString(fields[Field.conversation.rawValue], .conversation, id: id)
        let time: Double?
        let timeValue = fields[Field.time.rawValue]
        switch timeValue.kind {
        case .absent, .null: time = nil
        case .number:
            guard let number = reader.number(timeValue) else { throw .invalidJSON }
            time = number
        case .simpleString, .string, .other: throw .wrongType("time", id: id)
        }
        guard let text else { throw .missingText(id: id) }
        return SuggestRequest(text: text, id: id, product: product, conversation: conversation, time: time)
    }

    private func optionalString(_ value: Value, _ field: Field, id: SuggestRequest.ID?) throws(SuggestRequest.Problem)
        -> String?
    {
        switch value.kind {
        case .absent, .null: return nil
        case .simpleString, .string:
            guard let text = string(value) else { throw .invalidJSON }
            return text
        case .number, .other: throw .wrongType(field.name, id: id)
        }
    }

    // MARK: - Scanning

    /// Scans the whole input as one object followed by whitespace, decoding every key, and gives
    /// where the first value of each field is.
    mutating func readObject() throws(Malformed) -> InlineArray<5, Value> {
        var fields = InlineArray<5, Value>(repeating: .absent)
        guard try skipWhitespace() == UInt8(ascii: "{") else { throw Malformed() }
        index += 1
        var next = try skipWhitespace()
        if next != UInt8(ascii: "}") {
            while true {
                guard next == UInt8(ascii: "\"") else { throw Malformed() }
                let field = try readKey()
                guard try skipWhitespace() == UInt8(ascii: ":") else { throw Malformed() }
                index += 1
                let value = try skipValue(depth: 1)
                if let field, fields[field.rawValue].kind == .absent { fields[field.rawValue] = value }
                let separator = try skipWhitespace()
                if separator == UInt8(ascii: ",") {
                    index += 1
                    next = try skipWhitespace()
                    if next == UInt8(ascii: "}") { break }  // a trailing comma
                } else if separator == UInt8(ascii: "}") {
                    break
                } else {
                    throw Malformed()
                }
            }
        }
        index += 1
        while index < bytes.count {
            guard Self.isWhitespace(bytes[index]) else { throw Malformed() }
            index += 1
        }
        return fields
    }

    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Skips JSON whitespace and gives the next byte (not consumed).
    @inline(__always)
    private mutating func skipWhitespace() throws(Malformed) -> UInt8 {
        while index < bytes.count {
            let byte = bytes[index]
            guard Self.isWhitespace(byte) else { return byte }
            index += 1
        }
        throw Malformed()
    }

    /// Reads a key (at its opening quote), decoding it in full as JSONDecoder does every key of the
    /// request object; gives the field it names, if any.
    private mutating func readKey() throws(Malformed) -> Field? {
        let key = try skipString()
        if key.kind == .string {
            guard let text = string(key) else { throw Malformed() }
            var utf8 = text
            return utf8.withUTF8 { Self.field(named: $0) }
        }
        let raw = UnsafeBufferPointer(rebasing: bytes[key.start..<key.end])
        for byte in raw where byte >= 0x80 {
            // Not a field's name, but JSONDecoder read it as a string: it must be UTF-8.
            guard (try? UTF8Span(validating: raw.span)) != nil else { throw Malformed() }
            return nil
        }
        return Self.field(named: raw)
    }

    private static func field(named key: UnsafeBufferPointer<UInt8>) -> Field? {
        @inline(__always) func matches(_ name: StaticString) -> Bool {
            guard key.count == name.utf8CodeUnitCount else { return false }
            for offset in 0..<key.count where key[offset] != name.utf8Start[offset] { return false }
            return true
        }
        switch key.count {
        case 2: return matches("id") ? .id : nil
        case 4: return matches("text") ? .text : matches("time") ? .time : nil
        case 7: return matches("product") ? .product : nil
        case 12: return matches("conversation") ? .conversation : nil
        default: return nil
        }
    }

    /// Skips a string at its opening quote the way JSONDecoder's scanner does: it finds the closing
    /// quote, and checks only that every `\u` has four bytes that are not a quote.
    private mutating func skipString() throws(Malformed) -> Value {
        index += 1
        let start = index
        // Most of a string is bytes that are none of `"`, `\` and control characters: 8 at a time.
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count,
                !JSONStringScan.needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
            }
        }
        var isSimple = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return Value(kind: isSimple ? .simpleString : .string, start: start, end: index - 1)
            }
            if byte == UInt8(ascii: "\\") {
                isSimple = false
                guard index + 1 < bytes.count else { throw Malformed() }
                index += 2
                if bytes[index - 1] == UInt8(ascii: "u") {
                    guard bytes.count - index >= 4 else { throw Malformed() }
                    for byte in bytes[index..<index + 4] where byte == UInt8(ascii: "\"") { throw Malformed() }
                    index += 4
                }
            } else {
                if byte < 0x20 { isSimple = false }
                index += 1
            }
        }
        throw Malformed()
    }

    /// Skips a number the way JSONDecoder's scanner does: a digit or `-`, then any of `0-9 . + - e E`.
    private mutating func skipNumber() -> Value {
        let start = index
        index += 1
        scan: while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default: break scan
            }
        }
        return Value(kind: .number, start: start, end: index)
    }

    private mutating func skipLiteral(_ literal: StaticString) throws(Malformed) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw Malformed() }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { throw Malformed() }
        index += count
    }

    /// Skips one value of any kind, nested arrays and objects with a loop rather than recursion.
    ///
    /// - Parameter depth: Arrays and objects already open around the value.
    /// - Returns: The value's kind and bytes (those of the whole array or object, for one).
    /// - Throws: ``Malformed`` for bad syntax, or nesting deeper than ``maximumDepth``.
    private mutating func skipValue(depth: Int) throws(Malformed) -> Value {
        // Bit n: the container opened n + 1 levels into this value is an object.
        var isObject = InlineArray<8, UInt64>(repeating: 0)
        var level = 0
        let first = try skipWhitespace()
        let start = index
        while true {
            // A value is expected.
            let byte = try skipWhitespace()
            switch byte {
            case UInt8(ascii: "\""):
                let string = try skipString()
                if level == 0 { return string }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let number = skipNumber()
                if level == 0 { return number }
            case UInt8(ascii: "t"): try skipLiteral("true")
            case UInt8(ascii: "f"): try skipLiteral("false")
            case UInt8(ascii: "n"): try skipLiteral("null")
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth + level < Self.maximumDepth else { throw Malformed() }
                index += 1
                let opensObject = byte == UInt8(ascii: "{")
                let (word, bit) = (level >> 6, UInt64(1) << UInt64(level & 63))
                if opensObject { isObject[word] |= bit } else { isObject[word] &= ~bit }
                level += 1
                let next = try skipWhitespace()
                if next == (opensObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    index += 1
                    level -= 1
                } else {
                    if opensObject { try skipMemberKey(next) }
                    continue
                }
            default: throw Malformed()
            }
            // A value has ended: close what it ends, until a comma asks for another value.
            while level > 0 {
                let inObject = isObject[(level - 1) >> 6] & (UInt64(1) << UInt64((level - 1) & 63)) != 0
                let close = inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                let separator = try skipWhitespace()
                if separator == close {
                    index += 1
                    level -= 1
                    continue
                }
                guard separator == UInt8(ascii: ",") else { throw Malformed() }
                index += 1
                let next = try skipWhitespace()
                if next == close {  // a trailing comma
                    index += 1
                    level -= 1
                    continue
                }
                if inObject { try skipMemberKey(next) }
                break
            }
            if level == 0 {
                let kind: Kind = first == UInt8(ascii: "n") ? .null : .other
                return Value(kind: kind, start: start, end: index)
            }
        }
    }

    /// Skips `"key":` inside a nested object; `next` is the byte at the reading position.
    private mutating func skipMemberKey(_ next: UInt8) throws(Malformed) {
        guard next == UInt8(ascii: "\"") else { throw Malformed() }
        _ = try skipString()
        guard try skipWhitespace() == UInt8(ascii: ":") else { throw Malformed() }
        index += 1
    }
}
