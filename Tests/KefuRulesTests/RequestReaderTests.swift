import Foundation
@_spi(Reference) import KefuRules
import Testing

/// The hand-written request reader against the `JSONDecoder` path it replaced: the same request, or
/// the same problem (code, message, id), for every input.
@Suite struct RequestReaderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        /// The expected answer, when the case pins it down: `ok`, or the problem's code.
        var expected: String?
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ expected: String? = nil) {
            self.name = name
            self.bytes = Array(text.utf8)
            self.expected = expected
        }

        init(_ name: String, bytes: [UInt8], _ expected: String? = nil) {
            self.name = name
            self.bytes = bytes
            self.expected = expected
        }
    }

    /// A result as text, numbers with their sign (`-0.0` is not `0.0`).
    static func outcome(_ decode: () throws(SuggestRequest.Problem) -> SuggestRequest) -> String {
        do {
            let r = try decode()
            return "ok id=\(String(describing: r.id)) text=\(r.text.debugDescription) "
                + "product=\(String(describing: r.product)) conversation=\(String(describing: r.conversation)) "
                + "time=\(String(describing: r.time))"
        } catch {
            return "\(error.code) id=\(String(describing: error.id)) \(error.message)"
        }
    }

    static func compare(_ bytes: [UInt8]) -> (reader: String, foundation: String) {
        let data = Data(bytes)
        let reader = outcome { () throws(SuggestRequest.Problem) in try SuggestRequest.decode(data) }
        let foundation = outcome { () throws(SuggestRequest.Problem) in try SuggestRequest.decodeWithFoundation(data) }
        return (reader, foundation)
    }

    static func nested(_ depth: Int) -> String {
        #"{"text":"a","x":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
    }

    static let cases: [Case] = [
        // Shapes
        Case("plain", #"{"id":7,"text":"包邮吗"}"#, "ok"),
        Case(
            "every field",
            #"{"id":"a-1","text":"能便宜点吗","product":"vest-cotton-01","conversation":"c","time":1700000000.5}"#,
            "ok"
        ),
        Case("empty object", "{}", "missing-text"),
        Case("empty input", "", "invalid-json"),
        Case("whitespace only", " \t\r\n", "invalid-json"),
        Case("array", #"[{"text":"a"}]"#, "invalid-json"),
        Case("string at top", #""text""#, "invalid-json"),
        Case("number at top", "1", "invalid-json"),
        Case("null at top", "null", "invalid-json"),
        Case("whitespace everywhere", " \t\r\n{ \"text\" \n:\r\"a\" \t, \"id\" : 1 }\r\n\t ", "ok"),
        Case("form feed is not whitespace", "\u{0C}{\"text\":\"a\"}", "invalid-json"),
        Case("vertical tab is not whitespace", "{\u{0B}\"text\":\"a\"}", "invalid-json"),
        Case("NBSP is not whitespace", "{\u{A0}\"text\":\"a\"}", "invalid-json"),
        Case("UTF-8 byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"text":"a"}"#.utf8), "ok"),
        Case(
            "byte-order mark after space",
            bytes: [0x20, 0xEF, 0xBB, 0xBF] + Array(#"{"text":"a"}"#.utf8),
            "invalid-json"
        ),
        Case("UTF-16LE", bytes: Array(#"{"text":"a"}"#.data(using: .utf16LittleEndian)!), "ok"),
        Case("UTF-16BE", bytes: Array(#"{"text":"a"}"#.data(using: .utf16BigEndian)!), "ok"),
        Case("UTF-16 with BOM", bytes: [0xFF, 0xFE] + Array(#"{"text":"a"}"#.data(using: .utf16LittleEndian)!), "ok"),
        Case("UTF-32LE", bytes: Array(#"{"text":"a"}"#.data(using: .utf32LittleEndian)!), "ok"),
        Case("NUL after brace", bytes: [0x7B, 0x00], "invalid-json"),
        Case("NUL inside", bytes: Array(#"{"text":"a"#.utf8) + [0] + Array(#""}"#.utf8), "invalid-json"),
        Case("trailing garbage", #"{"text":"a"}x"#, "invalid-json"),
        Case("two objects", #"{"text":"a"}{"text":"b"}"#, "invalid-json"),
        Case("trailing whitespace", "{\"text\":\"a\"} \r\n\t", "ok"),
        Case("unterminated object", #"{"text":"a""#, "invalid-json"),
        Case("unterminated string", #"{"text":"a"#, "invalid-json"),
        Case("missing colon", #"{"text" "a"}"#, "invalid-json"),
        Case("missing comma", #"{"text":"a" "id":1}"#, "invalid-json"),
        Case("trailing comma", #"{"text":"a",}"#, "ok"),
        Case("trailing comma in nested array", #"{"text":"a","x":[1,2,],"y":{"a":1,}}"#, "ok"),
        Case("double comma", #"{"text":"a",,"id":1}"#, "invalid-json"),
        Case("leading comma", #"{,"text":"a"}"#, "invalid-json"),
        Case("comma only array", #"{"text":"a","x":[,]}"#, "invalid-json"),
        Case("single quotes", "{'text':'a'}", "invalid-json"),
        Case("unquoted key", #"{text:"a"}"#, "invalid-json"),
        Case("line comment", "{\"text\":\"a\" // c\n}", "invalid-json"),
        Case("block comment", #"{"text":/* c */"a"}"#, "invalid-json"),
        Case("NaN", #"{"text":"a","time":NaN}"#, "invalid-json"),
        Case("Infinity", #"{"text":"a","time":Infinity}"#, "invalid-json"),
        Case("true, false, null unknown", #"{"text":"a","x":true,"y":false,"z":null}"#, "ok"),
        Case("misspelled null", #"{"text":"a","x":nul}"#, "invalid-json"),
        Case("misspelled true", #"{"text":"a","x":tru}"#, "invalid-json"),
        Case("capital True", #"{"text":"a","x":True}"#, "invalid-json"),
        Case("mismatched brackets", #"{"text":"a","x":[}"#, "invalid-json"),
        Case("object closed by bracket", #"{"text":"a","x":{]}"#, "invalid-json"),
        Case("nested unknown fields", #"{"x":{"a":[1,{"b":[[],{}]},"s"],"c":{"d":null}},"text":"a","y":[[[]]]}"#, "ok"),
        Case("nested 511 deep", nested(511), "ok"),
        Case("nested 512 deep", nested(512), "invalid-json"),
        Case("nested 100000 deep", nested(100_000), "invalid-json"),
        Case("unclosed deep nesting", #"{"text":"a","x":"# + String(repeating: "[", count: 300), "invalid-json"),
        Case(
            "deep objects",
            #"{"text":"a","x":"# + String(repeating: #"{"a":"#, count: 510) + "1"
                + String(repeating: "}", count: 510) + "}",
            "ok"
        ),

        // Keys
        Case("duplicate text: the first counts", #"{"text":"a","text":"b"}"#, "ok"),
        Case("duplicate id", #"{"id":1,"id":"x","text":"a"}"#, "ok"),
        Case("duplicate text, second wrong type", #"{"text":"a","text":5}"#, "ok"),
        Case("duplicate text, first wrong type", #"{"text":5,"text":"a"}"#, "invalid-field"),
        Case("duplicate text, first null", #"{"text":null,"text":"a"}"#, "missing-text"),
        Case("escaped key", #"{"t\u0065xt":"a"}"#, "ok"),
        Case("escaped key with slash", #"{"\/text":"a","text":"b"}"#, "ok"),
        Case("key with bad escape", #"{"x\q":1,"text":"a"}"#, "invalid-json"),
        Case(
            "key with invalid UTF-8",
            bytes: Array(#"{""#.utf8) + [0xFF] + Array(#"":1,"text":"a"}"#.utf8),
            "invalid-json"
        ),
        Case("key with control character", "{\"x\u{01}\":1,\"text\":\"a\"}", "invalid-json"),
        Case("key with lone surrogate", #"{"\ud800":1,"text":"a"}"#, "invalid-json"),
        Case("non-ASCII key", #"{"文本":1,"text":"a"}"#, "ok"),
        Case("key is not a string", #"{1:"a"}"#, "invalid-json"),
        Case("nested bad key is not read", #"{"text":"a","x":{"\q":"\u0001"}}"#, "ok"),
        Case("case matters", #"{"Text":"a"}"#, "missing-text"),

        // Strings
        Case("every escape", #"{"text":"\"\\\/\b\f\n\r\t"}"#, "ok"),
        Case("unicode escape", #"{"text":"\u5305\u90AE\u5417"}"#, "ok"),
        Case("uppercase and lowercase hex", #"{"text":"\u00e9\u00E9"}"#, "ok"),
        Case("escaped NUL", #"{"text":"a\u0000b"}"#, "ok"),
        Case("surrogate pair", #"{"text":"\ud83d\ude00"}"#, "ok"),
        Case("highest scalar", #"{"text":"\uDBFF\uDFFF"}"#, "ok"),
        Case("lone high surrogate", #"{"text":"\ud83d"}"#, "invalid-json"),
        Case("lone low surrogate", #"{"text":"\ude00"}"#, "invalid-json"),
        Case("high surrogate then letter", #"{"text":"\ud83dx"}"#, "invalid-json"),
        Case("high surrogate then BMP escape", #"{"text":"\ud83d\u0041"}"#, "invalid-json"),
        Case("two high surrogates", #"{"text":"\ud83d\ud83d"}"#, "invalid-json"),
        Case("lone surrogate in unknown field", #"{"text":"a","x":"\ud800"}"#, "ok"),
        Case("bad hex", #"{"text":"\u00zz"}"#, "invalid-json"),
        Case("signed hex", #"{"text":"\u+123"}"#, "invalid-json"),
        Case("short unicode escape", #"{"text":"\u12"}"#, "invalid-json"),
        Case("short unicode escape in unknown field", #"{"text":"a","x":"\u12"}"#, "invalid-json"),
        Case("bad hex in unknown field", #"{"text":"a","x":"\u00zz"}"#, "ok"),
        Case("unicode escape at the end", #"{"text":"a","x":"\u"#, "invalid-json"),
        Case("unknown escape", #"{"text":"\q"}"#, "invalid-json"),
        Case("escaped single quote", #"{"text":"\'"}"#, "invalid-json"),
        Case("unknown escape in unknown field", #"{"text":"a","x":"\q\'"}"#, "ok"),
        Case("escaped backslash before quote", #"{"text":"a","x":"\\"}"#, "ok"),
        Case("raw tab", "{\"text\":\"a\tb\"}", "invalid-json"),
        Case("raw newline", "{\"text\":\"a\nb\"}", "invalid-json"),
        Case("raw control in unknown field", "{\"text\":\"a\",\"x\":\"\u{01}\u{1F}\"}", "ok"),
        Case("raw DEL", "{\"text\":\"a\u{7F}\"}", "ok"),
        Case("invalid UTF-8 in text", bytes: Array(#"{"text":"a"#.utf8) + [0xE4] + Array(#""}"#.utf8), "invalid-json"),
        Case("overlong NUL", bytes: Array(#"{"text":""#.utf8) + [0xC0, 0x80] + Array(#""}"#.utf8), "invalid-json"),
        Case(
            "encoded surrogate",
            bytes: Array(#"{"text":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8),
            "invalid-json"
        ),
        Case(
            "above U+10FFFF",
            bytes: Array(#"{"text":""#.utf8) + [0xF4, 0x90, 0x80, 0x80] + Array(#""}"#.utf8),
            "invalid-json"
        ),
        Case(
            "invalid UTF-8 with an escape",
            bytes: Array(#"{"text":"\n"#.utf8) + [0xFF] + Array(#""}"#.utf8),
            "invalid-json"
        ),
        Case(
            "invalid UTF-8 in unknown field",
            bytes: Array(#"{"text":"a","x":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8),
            "ok"
        ),
        Case("invalid UTF-8 outside strings", bytes: Array(#"{"text":"a"}"#.utf8) + [0xFF], "invalid-json"),
        Case("emoji and CJK", #"{"text":"这件XL有吗😊👍🏻"}"#, "ok"),
        Case("empty text", #"{"text":""}"#, "ok"),

        // Numbers
        Case("id integer", #"{"id":42,"text":"a"}"#, "ok"),
        Case("id negative zero", #"{"id":-0,"text":"a"}"#, "ok"),
        Case("id -0.0", #"{"id":-0.0,"text":"a"}"#, "ok"),
        Case("id 1.0", #"{"id":1.0,"text":"a"}"#, "ok"),
        Case("id fraction", #"{"id":3.25,"text":"a"}"#, "ok"),
        Case("id big integer", #"{"id":12345678901234567890,"text":"a"}"#, "ok"),
        Case("id 2^53 + 1", #"{"id":9007199254740993,"text":"a"}"#, "ok"),
        Case("id 15 digits", #"{"id":999999999999999,"text":"a"}"#, "ok"),
        Case("id 16 digits", #"{"id":9999999999999999,"text":"a"}"#, "ok"),
        Case("id 30 digits", #"{"id":100000000000000000000000000001,"text":"a"}"#, "ok"),
        Case("id exponent", #"{"id":1e5,"text":"a"}"#, "ok"),
        Case("id capital exponent with sign", #"{"id":1E+05,"text":"a"}"#, "ok"),
        Case("id negative exponent", #"{"id":25e-1,"text":"a"}"#, "ok"),
        Case("id 1e400", #"{"id":1e400,"text":"a"}"#, "invalid-json"),
        Case("id -1e400", #"{"id":-1e400,"text":"a"}"#, "invalid-json"),
        Case("time 1e-400", #"{"text":"a","time":1e-400}"#, "invalid-json"),
        Case("time smallest subnormal", #"{"text":"a","time":5e-324}"#, "ok"),
        Case("time below subnormal", #"{"text":"a","time":2e-324}"#, "invalid-json"),
        Case("time largest double", #"{"text":"a","time":1.7976931348623157e308}"#, "ok"),
        Case("time just over the largest", #"{"text":"a","time":1.7976931348623159e308}"#, "invalid-json"),
        Case("time 0e-400", #"{"text":"a","time":0e-400}"#, "ok"),
        Case("time 0.0e5", #"{"text":"a","time":0.0e5}"#, "ok"),
        Case("time 0.000e5 (JSONDecoder's quirk)", #"{"text":"a","time":0.000e5}"#, "invalid-json"),
        Case("time 0.00e1", #"{"text":"a","time":0.00e1}"#, "invalid-json"),
        Case("time -0.0", #"{"text":"a","time":-0.0}"#, "ok"),
        Case("time hard rounding", #"{"text":"a","time":2.2250738585072011e-308}"#, "ok"),
        Case(
            "time many digits",
            #"{"text":"a","time":0.1000000000000000055511151231257827021181583404541015625}"#,
            "ok"
        ),
        Case("leading zero", #"{"text":"a","time":01}"#, "invalid-json"),
        Case("negative leading zero", #"{"text":"a","time":-01}"#, "invalid-json"),
        Case("leading plus", #"{"text":"a","time":+1}"#, "invalid-json"),
        Case("leading dot", #"{"text":"a","time":.5}"#, "invalid-json"),
        Case("trailing dot", #"{"text":"a","time":1.}"#, "invalid-json"),
        Case("dot before exponent", #"{"text":"a","time":1.e5}"#, "invalid-json"),
        Case("bare minus", #"{"text":"a","time":-}"#, "invalid-json"),
        Case("minus dot", #"{"text":"a","time":-.5}"#, "invalid-json"),
        Case("double exponent", #"{"text":"a","time":1e5e5}"#, "invalid-json"),
        Case("exponent without digits", #"{"text":"a","time":1e+}"#, "invalid-json"),
        Case("two dots", #"{"text":"a","time":1.2.3}"#, "invalid-json"),
        Case("hex number", #"{"text":"a","time":0x10}"#, "invalid-json"),
        Case("bad numbers in unknown fields", #"{"text":"a","x":01,"y":1-2+e,"z":-,"w":[1..2,0e]}"#, "ok"),
        Case("number glued to a letter", #"{"text":"a","x":1a}"#, "invalid-json"),

        // Types
        Case("text number", #"{"id":1,"text":5}"#, "invalid-field"),
        Case("text true", #"{"id":"x","text":true}"#, "invalid-field"),
        Case("text object", #"{"id":1,"text":{}}"#, "invalid-field"),
        Case("text array", #"{"id":1,"text":["a"]}"#, "invalid-field"),
        Case("text null", #"{"id":1,"text":null}"#, "missing-text"),
        Case("no text", #"{"id":1,"product":"p"}"#, "missing-text"),
        Case("id true", #"{"id":true,"text":"a"}"#, "invalid-field"),
        Case("id array", #"{"id":[],"text":"a"}"#, "invalid-field"),
        Case("id object", #"{"id":{"a":1},"text":"a"}"#, "invalid-field"),
        Case("id null", #"{"id":null,"text":"a"}"#, "ok"),
        Case("id unreadable string", #"{"id":"\q","text":"a"}"#, "invalid-field"),
        Case(
            "id invalid UTF-8",
            bytes: Array(#"{"id":""#.utf8) + [0xFF] + Array(#"","text":"a"}"#.utf8),
            "invalid-field"
        ),
        Case("id string escapes", #"{"id":"\u4e00\n","text":"a"}"#, "ok"),
        Case("product number", #"{"product":5,"text":"a","id":"q"}"#, "invalid-field"),
        Case("conversation false", #"{"text":"a","conversation":false,"product":"x"}"#, "invalid-field"),
        Case("conversation null", #"{"text":"a","conversation":null}"#, "ok"),
        Case("time string", #"{"text":"a","time":"1"}"#, "invalid-field"),
        Case("time object", #"{"id":9,"text":"a","time":{}}"#, "invalid-field"),
        Case("time null", #"{"text":"a","time":null}"#, "ok"),
        Case("time wrong, text null", #"{"id":1,"time":"x","text":null}"#, "invalid-field"),
        Case("two wrong fields: id first", #"{"time":"x","id":true,"text":"a"}"#, "invalid-field"),
        Case("two wrong fields: text before time", #"{"time":"x","text":1}"#, "invalid-field"),
        Case("wrong type, then unreadable text", #"{"time":"x","text":"\q"}"#, "invalid-json"),
        Case("unreadable id, then wrong text", #"{"id":"\q","text":5}"#, "invalid-field"),
        Case("bad id number, then unreadable text", #"{"id":1e400,"text":"\q"}"#, "invalid-json"),
        Case("wrong type and a bad key", #"{"text":5,"\q":1}"#, "invalid-json"),
        Case("wrong type and a syntax error", #"{"text":5,"x":}"#, "invalid-json"),
        Case("bad product string", #"{"text":"a","product":"\q"}"#, "invalid-json"),
    ]

    @Test(arguments: cases)
    func readsAsJSONDecoderDid(_ item: Case) {
        let (reader, foundation) = Self.compare(item.bytes)
        #expect(reader == foundation)
        if let expected = item.expected {
            #expect(reader.hasPrefix(expected + " "), "\(reader)")
        }
    }

    @Test func theSpanOverloadReadsTheSameAsData() throws {
        let line: [UInt8] = Array(#"  {"id":7,"text":"包邮吗","time":1.5}"#.utf8)
        let fromSpan = try SuggestRequest.decode(line.span)
        #expect(fromSpan == (try SuggestRequest.decode(Data(line))))
        #expect(fromSpan == SuggestRequest(text: "包邮吗", id: .number(7), time: 1.5))
    }

    /// `kefu suggest` validates a line before reading it and tells the reader so, which then does not
    /// check a string without escapes again: the same answer for every input in valid UTF-8.
    @Test func bytesKnownToBeUTF8ReadTheSame() {
        var random = SplitMix64(seed: 0x7574_6638)
        var inputs = Self.cases.map(\.bytes)
        for round in 0..<20_000 {
            var bytes = RequestMutator.request(&random)
            for _ in 0..<(round % 3) { RequestMutator.mutate(&bytes, &random) }
            inputs.append(bytes)
        }
        var checked = 0
        var differences: [String] = []
        for bytes in inputs where (try? UTF8Span(validating: bytes.span)) != nil {
            let known = Self.outcome { () throws(SuggestRequest.Problem) in
                try SuggestRequest.decode(bytes.span, isKnownUTF8: true)
            }
            let checking = Self.outcome { () throws(SuggestRequest.Problem) in try SuggestRequest.decode(Data(bytes)) }
            if known != checking, differences.count < 10 {
                differences.append("\(bytes)\n  known UTF-8: \(known)\n  checked:     \(checking)")
            }
            checked += 1
        }
        #expect(checked > 10_000)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    /// Valid requests, then broken ones: a fixed seed, so that a failure can be replayed.
    @Test func randomMutationsReadAsJSONDecoderDid() {
        var random = SplitMix64(seed: 0x6B65_6675)
        var differences: [String] = []
        for round in 0..<20_000 {
            var bytes = RequestMutator.request(&random)
            let mutations = round % 3 == 0 ? 0 : Int(random.next() % 2) + 1
            for _ in 0..<mutations { RequestMutator.mutate(&bytes, &random) }
            let (reader, foundation) = Self.compare(bytes)
            if reader != foundation, differences.count < 10 {
                differences.append(
                    "\(String(decoding: bytes, as: UTF8.self).debugDescription) \(bytes)\n  reader:     \(reader)\n  foundation: \(foundation)"
                )
            }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }
}

/// A small seeded generator (SplitMix64), so that the random test is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Builds valid requests and breaks them.
enum RequestMutator {
    static let strings = [
        "包邮吗", "", "a", #"\""#, #"\\"#, #"\/"#, #"\n\t\r\b\f"#, #"\u5305"#, #"\ud83d\ude00"#, #"\ud83d"#, #"\ude00"#,
        #"\u00zz"#, #"\q"#, "😊", "１６５/８８Ａ", "XL", "\u{01}", #"\u0000"#,
    ]
    static let numbers = [
        "0", "-0", "1", "42", "-7", "1.5", "1e5", "1E+5", "2.5e-3", "1e400", "1e-400", "0.000e5", "0.0e5", "01", "1.",
        "-", "12345678901234567890", "9007199254740993", "5e-324", "1.7976931348623157e308", "3.14159265358979323846",
    ]
    static let keys = ["id", "text", "product", "conversation", "time", "x", "t\\u0065xt", "", "文本", "\\q"]
    static let tokens = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "null", "true", "false", " ", "\n", "\t", "\r", "\u{0C}",
        "1", "-", "e", ".", "//", "/*", "'", "NaN", "\u{FEFF}", "\u{00}", "\\ud800", "\\udc00", "\u{7F}",
    ]

    static func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T {
        items[Int(random.next() % UInt64(items.count))]
    }

    static func value(_ random: inout SplitMix64, depth: Int = 0) -> String {
        switch random.next() % (depth > 2 ? 4 : 6) {
        case 0, 1: return "\"\(pick(strings, &random))\""
        case 2: return pick(numbers, &random)
        case 3: return pick(["null", "true", "false"], &random)
        case 4:
            return "["
                + (0..<Int(random.next() % 3)).map { _ in value(&random, depth: depth + 1) }.joined(separator: ",")
                + "]"
        default:
            return "{"
                + (0..<Int(random.next() % 3)).map { _ in
                    "\"\(pick(keys, &random))\":\(value(&random, depth: depth + 1))"
                }
                .joined(separator: ",") + "}"
        }
    }

    static func request(_ random: inout SplitMix64) -> [UInt8] {
        var members: [String] = []
        if random.next() % 4 != 0 { members.append(#""text":"\#(pick(strings, &random))""#) }
        if random.next() % 2 == 0 {
            members.append(
                random.next() % 2 == 0 ? #""id":\#(pick(numbers, &random))"# : #""id":"\#(pick(strings, &random))""#
            )
        }
        if random.next() % 3 == 0 { members.append(#""product":"\#(pick(strings, &random))""#) }
        if random.next() % 3 == 0 { members.append(#""conversation":"\#(pick(strings, &random))""#) }
        if random.next() % 3 == 0 { members.append(#""time":\#(pick(numbers, &random))"#) }
        for _ in 0..<Int(random.next() % 3) { members.append("\"\(pick(keys, &random))\":\(value(&random))") }
        members.shuffle(using: &random)
        let space = pick(["", " ", "\n", "\t ", "\r\n"], &random)
        return Array(("{" + space + members.joined(separator: "," + space) + space + "}").utf8)
    }

    static func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        let at = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1))
        switch random.next() % 6 {
        case 0: bytes.insert(contentsOf: Array(pick(tokens, &random).utf8), at: at)
        case 1 where at < bytes.count: bytes.remove(at: at)
        case 2 where at < bytes.count: bytes[at] = UInt8(truncatingIfNeeded: random.next())
        case 3: bytes.removeSubrange(at..<min(bytes.count, at + Int(random.next() % 8)))
        case 4 where at < bytes.count:
            let end = min(bytes.count, at + Int(random.next() % 12))
            bytes.insert(contentsOf: bytes[at..<end], at: Int(random.next() % UInt64(bytes.count + 1)))
        default: bytes.insert(contentsOf: Array(value(&random).utf8), at: at)
        }
    }
}
