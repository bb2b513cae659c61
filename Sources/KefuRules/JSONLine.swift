/// A hand-written JSON writer for ``SuggestResponse``: the lines of `kefu suggest` and a server's bodies.
///
/// Hand-written rather than `JSONEncoder`: profiling `kefu suggest` over 60,000 messages showed
/// JSONEncoder taking a third of the run (its generic boxing and dictionary of keys per record),
/// more than normalizing, segmenting and matching together. This writer appends UTF-8 bytes to
/// one reused buffer. Keys are written in sorted order by the callers, so output is deterministic
/// and identical to `JSONEncoder` with `.sortedKeys` (strings escaped per RFC 8259; numbers as the
/// shortest text that round-trips, integers without a fraction).
///
/// The buffer is its own memory rather than a `[UInt8]`, and the comma state a bit set rather than
/// a `[Bool]` stack: an answer is about 40 keys and 15 strings, and with the array's uniqueness and
/// capacity checks on every append the writer cost 20,000 instructions a line (callgrind), a fifth
/// of the filter's work outside `suggest`; 12,000 after that change. Now a string with nothing to
/// escape is checked 16 bytes at a time and copied whole, and scores skip `Double.description`:
/// about 7,600 instructions a plain answer of 635 bytes (callgrind, 3,000 lines, shipped rules).
package struct JSONLine: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written.
    private(set) var count = 0
    /// Bit n: the object or array n + 1 levels deep needs a comma before its next member.
    private var needsComma: UInt64 = 0
    /// Objects and arrays open.
    private var depth = 0

    package init() {
        capacity = 1_024
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// Calls `body` with the bytes written so far (valid only during the call).
    package func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage, count: count))
    }

    package mutating func reset() {
        count = 0
        needsComma = 0
        depth = 0
    }

    /// Ends the line (after the outermost object).
    package mutating func newline() {
        append(0x0A)
    }

    // MARK: - Bytes

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to minimum: Int) {
        var newCapacity = capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.initialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else { return }
        reserve(buffer.count)
        (storage + count).initialize(from: base, count: buffer.count)
        count += buffer.count
    }

    // MARK: - Structure

    @inline(__always)
    private mutating func separate() {
        guard depth > 0 else { return }
        let bit: UInt64 = 1 &<< UInt64(depth &- 1)
        if needsComma & bit != 0 { append(UInt8(ascii: ",")) }
        needsComma |= bit
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        append(bracket)
        precondition(depth < 64, "JSONLine nests at most 64 deep")
        depth += 1
        needsComma &= ~(1 << UInt64(depth - 1))
    }

    private mutating func close(_ bracket: UInt8) {
        append(bracket)
        depth -= 1
    }

    mutating func beginObject() {
        open(UInt8(ascii: "{"))
    }

    mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        open(UInt8(ascii: "["))
    }

    mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Writes `"key":` (after a comma when a member came before); the value follows.
    ///
    /// The comma, the quotes and the name in one reservation and one store each, inlined: a key
    /// cost 114 instructions through the general `separate()` and `append`s (callgrind), and an
    /// answer has about 16.
    @inline(__always)
    mutating func key(_ name: StaticString) {
        guard name.hasPointerRepresentation else {  // a one-scalar literal may be stored as the scalar
            separate()
            append(UInt8(ascii: "\""))
            name.withUTF8Buffer { append($0) }
            append(UInt8(ascii: "\""))
            append(UInt8(ascii: ":"))
            needsComma &= ~(1 &<< UInt64(depth &- 1))
            return
        }
        let bit: UInt64 = 1 &<< UInt64(depth &- 1)  // a key is inside an object: depth ≥ 1
        let length = name.utf8CodeUnitCount
        reserve(length &+ 4)
        var at = count
        if needsComma & bit != 0 {
            storage[at] = UInt8(ascii: ",")
            at &+= 1
        }
        storage[at] = UInt8(ascii: "\"")
        (storage + (at &+ 1)).initialize(from: name.utf8Start, count: length)
        at &+= length &+ 1
        storage[at] = UInt8(ascii: "\"")
        storage[at &+ 1] = UInt8(ascii: ":")
        count = at &+ 2
        needsComma &= ~bit  // the value comes next, without a comma
    }

    // MARK: - Values

    mutating func string(_ value: String) {
        separate()
        // A native or small string lends its UTF-8 without the copy `withUTF8` may make of a `var`.
        if value.utf8.withContiguousStorageIfAvailable({ appendQuoted($0) }) == nil {
            var value = value
            value.withUTF8 { appendQuoted($0) }
        }
    }

    /// Writes `"…"` with the bytes escaped. A string with nothing to escape (nearly every one) is
    /// checked 16 bytes at a time and copied whole.
    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        let clean = utf8.baseAddress.map { JSONStringScan.firstEscapable(in: $0, count: utf8.count) == nil } ?? true
        if clean {
            reserve(utf8.count + 2)
            storage[count] = UInt8(ascii: "\"")
            if let base = utf8.baseAddress { (storage + count + 1).initialize(from: base, count: utf8.count) }
            storage[count + 1 + utf8.count] = UInt8(ascii: "\"")
            count += utf8.count + 2
            return
        }
        append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape are copied whole.
        var start = 0
        var index = 0
        while index < utf8.count {
            if index + 8 <= utf8.count, let base = utf8.baseAddress,
                !JSONStringScan.needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
                continue
            }
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                if start < index { append(UnsafeBufferPointer(rebasing: utf8[start..<index])) }
                escape(byte)
                start = index + 1
            }
            index += 1
        }
        if start < utf8.count { append(UnsafeBufferPointer(rebasing: utf8[start...])) }
        append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        append(0x5C)
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte)
        case 0x0A: append(UInt8(ascii: "n"))
        case 0x0D: append(UInt8(ascii: "r"))
        case 0x09: append(UInt8(ascii: "t"))
        case 0x08: append(UInt8(ascii: "b"))
        case 0x0C: append(UInt8(ascii: "f"))
        default:
            func hex(_ nibble: UInt8) -> UInt8 {
                nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            append(UInt8(ascii: "u"))
            append(UInt8(ascii: "0"))
            append(UInt8(ascii: "0"))
            append(hex(byte >> 4))
            append(hex(byte & 0xF))
        }
    }

    mutating func number(_ value: Double) {
        separate()
        if value == value.rounded(), abs(value) < 1e15 {
            digits(Int64(value))
        } else if let (scaled, fractionDigits) = Self.shortDecimal(value) {
            if value < 0 { append(UInt8(ascii: "-")) }
            var divisor: UInt64 = 10
            for _ in 1..<fractionDigits { divisor &*= 10 }
            decimal(scaled / divisor)
            append(UInt8(ascii: "."))
            decimal(scaled % divisor, minimumDigits: fractionDigits)
        } else if value.isFinite {
            var text = value.description
            text.withUTF8 { append($0) }
        } else {
            for byte in "null".utf8 { append(byte) }
        }
    }

    /// `|value|` as `scaled / 10^fractionDigits` with the fewest fraction digits, 1 to 8, when
    /// `value.description` writes it so: `0.766` is `(766, 3)`. `nil` outside [0.001, 10^7) or when
    /// no such decimal round-trips; the caller then asks `description`.
    ///
    /// The scores in an answer are such decimals, and `Double.description` (a general shortest
    /// round-trip algorithm and a `String`) took 600 instructions a number, 2,300 a plain line
    /// (callgrind). Why this is the same text: in that range `description` writes plain decimals,
    /// the shortest that parse back to `value`. A decimal with `k` fraction digits parses back when
    /// `scaled / 10^k`, both exact in a `Double` and divided with one rounding, is `value`; `scaled`
    /// is `value × 10^k` rounded, which is within 0.2 of the right integer when there is one. Below
    /// 10^7 a `Double`'s spacing is under 10^-8, so at most one decimal of `k ≤ 8` digits round-trips,
    /// and the first `k` that has one is the shortest.
    ///
    /// `scaled` is rounded by adding and taking away 2^52 (exact below 2^52, to nearest, ties to
    /// even) rather than by `rounded()`, a call into libm.
    static func shortDecimal(_ value: Double) -> (scaled: UInt64, fractionDigits: Int)? {
        let magnitude = abs(value)
        guard magnitude >= 1e-3, magnitude < 1e7 else { return nil }
        let twoToThe52 = 0x1p52
        var scale = 1.0
        for fractionDigits in 1...8 {
            scale *= 10
            let scaled = (magnitude * scale + twoToThe52) - twoToThe52
            if scaled / scale == magnitude { return (UInt64(scaled), fractionDigits) }
        }
        return nil
    }

    mutating func number(_ value: Int) {
        separate()
        digits(Int64(value))
    }

    /// An integer in decimal, as `String(value)` writes it, without making the string.
    private mutating func digits(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        decimal(value.magnitude)
    }

    /// The decimal digits of `value`, at least `minimumDigits` of them (leading zeros), written
    /// from the last: one division by 10 a digit rather than one by a power of ten and one by 10.
    private mutating func decimal(_ value: UInt64, minimumDigits: Int = 1) {
        var length = 1
        var rest = value / 10
        while rest > 0 {
            length &+= 1
            rest /= 10
        }
        length = max(length, minimumDigits)
        reserve(length)
        rest = value
        var at = count &+ length
        while at > count {
            at &-= 1
            storage[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        count &+= length
    }

    mutating func bool(_ value: Bool) {
        separate()
        for byte in (value ? "true" : "false").utf8 { append(byte) }
    }

    // MARK: - Members

    @inline(__always)
    mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    @inline(__always)
    mutating func member(_ name: StaticString, _ value: Double?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    @inline(__always)
    mutating func member(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        number(value)
    }
}
