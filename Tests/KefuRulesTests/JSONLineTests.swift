import Foundation
import Testing

@testable import KefuRules

/// The hand-written JSON writer of ``SuggestResponse`` against what it replaces: `Double.description` for
/// numbers, `JSONEncoder` for strings, and a fresh writer for a reused one.
@Suite struct JSONLineTests {
    static func written(_ body: (inout JSONLine) -> Void) -> String {
        var json = JSONLine()
        body(&json)
        return json.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// What `JSONEncoder` (sorted keys, slashes unescaped) writes for a value.
    static func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder.sorted.encode(value), as: UTF8.self)
    }

    @Test(arguments: [
        0.766, 0.9575, 0.5, 0.75, 0.001, 0.0011, 0.00012345, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 12.5, 9_999_999.99999999,
        1e7 + 0.5, 12_345_678.5, 123.456, 0.95750000001, 1e-5, Double.leastNonzeroMagnitude, 1.7976931348623157e308, -0.766, -12.25,
        0.30000000000000004, 164.99999999999997, 0.07, 0.7, 0.999, 0.9999999, 0.99999999, 0.999999999,
    ])
    func aScoreIsWrittenAsDescriptionWritesIt(value: Double) {
        #expect(Self.written { $0.number(value) } == value.description)
    }

    @Test func decimalsAndRandomDoublesAreWrittenAsDescriptionWritesThem() {
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for _ in 0..<200_000 {
            let value: Double
            switch Int.random(in: 0..<3, using: &generator) {
            case 0:  // a decimal of a few digits, as scores are
                let digits = Int.random(in: 1...9, using: &generator)
                let scale = (0..<digits).reduce(1.0) { value, _ in value * 10 }
                value = Double(Int64.random(in: 1..<100_000_000, using: &generator)) / scale
            case 1:  // any double in the fast path's range and around it
                value = Double.random(in: 1e-4..<2e7, using: &generator)
            default:
                value = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            }
            guard value.isFinite, value != value.rounded() || abs(value) >= 1e15 else { continue }
            let text = Self.written { $0.number(value) }
            if text != value.description {
                Issue.record("\(value): wrote \(text), description \(value.description)")
                return
            }
            checked += 1
        }
        #expect(checked > 100_000)
    }

    @Test func theFirstByteToEscapeIsFoundAtEveryPosition() {
        for length in 0..<48 {
            let plain = Array(repeating: UInt8(ascii: "a"), count: length) + Array("包邮".utf8)
            #expect(plain.withUnsafeBufferPointer { JSONStringScan.firstEscapable(in: $0.baseAddress!, count: $0.count) } == nil)
            for position in 0..<plain.count {
                for byte: UInt8 in [0x00, 0x0A, 0x1F, 0x22, 0x5C] {
                    var bytes = plain
                    bytes[position] = byte
                    if position + 1 < bytes.count { bytes[position + 1] = 0x22 }  // a second one after it
                    let found = bytes.withUnsafeBufferPointer {
                        JSONStringScan.firstEscapable(in: $0.baseAddress!, count: $0.count)
                    }
                    #expect(found == position, "byte \(byte) at \(position) of \(bytes.count)")
                }
            }
        }
        // Bytes next to the three (0x20, 0x21, 0x23, 0x5B, 0x5D) and high bytes need no escape.
        let near: [UInt8] = Array(repeating: [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xFF, 0xA2, 0xDC], count: 5).flatMap { $0 }
        #expect(near.withUnsafeBufferPointer { JSONStringScan.firstEscapable(in: $0.baseAddress!, count: $0.count) } == nil)
    }

    @Test(arguments: [
        "", "a", "包邮吗", "亲，16:00前付款的订单当天发出，之后付款的第二天发，默认走中通快递哦", "say \"hi\"", "back\\slash",
        "tab\tnew\nline\r", "\u{0}\u{1}\u{1F}\u{7F}", "16 bytes exactly", "a slash / stays", "😂👍🏻 emoji",
        String(repeating: "长", count: 100) + "\"", "\u{2028}\u{2029}",
    ])
    func aStringIsEscapedAsJSONEncoderEscapesIt(text: String) throws {
        #expect(Self.written { $0.string(text) } == (try Self.encoded(text)))
        let bridged = NSString(string: text) as String  // a string that may not lend contiguous UTF-8
        #expect(Self.written { $0.string(bridged) } == (try Self.encoded(text)))
    }

    /// One writer serves every line: what a long line wrote must not show in a short one after it.
    @Test func aReusedWriterWritesEachLineAsAFreshOneWould() {
        var json = JSONLine()
        let long = String(repeating: "长", count: 2_000)  // grows the buffer past its first 1,024 bytes
        json.beginObject()
        json.member("text", long)
        json.key("list")
        json.beginArray()
        for value in [0.5, 0.766, 3] { json.number(value) }
        json.endArray()
        json.newline()
        json.reset()
        json.beginObject()
        json.member("id", 7)
        json.member("score", 0.25)
        json.endObject()
        json.newline()
        let second = json.withBytes { String(decoding: $0, as: UTF8.self) }
        #expect(second == #"{"id":7,"score":0.25}"# + "\n")
    }
}
