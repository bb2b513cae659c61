// Arbitrary bytes decoded as one `kefu suggest` JSON request, {"id", "text", "product",
// "conversation", "time"}, through Foundation's JSONDecoder with a Decodable equivalent to
// KefuCLI's MessageRequest (an executable target's internals cannot be imported), then answered
// the way `kefu suggest` answers: text cut to 4,096 scalars, unknown products refused, the
// suggestion through a ConversationStore (small, so that eviction runs too). Checks: no crash,
// every score in [0, 1].
import Foundation
import FuzzSupport
import Kefu

/// KefuCLI's RequestID: a string or a number.
enum RequestID: Decodable, Hashable {
    case string(String)
    case number(Double)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else {
            self = .number(try container.decode(Double.self))
        }
    }
}

/// KefuCLI's MessageRequest wire form.
struct Wire: Decodable {
    var id: RequestID?
    var text: String?
    var product: String?
    var conversation: String?
    var time: Double?
}

struct IDOnly: Decodable {
    var id: RequestID?
}

let rules = FuzzSupport.shippedRules
let store = ConversationStore(capacity: 16, idleSeconds: 30 * 60)
let maximumCharacters = 4_096

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    let wire: Wire
    do {
        wire = try JSONDecoder().decode(Wire.self, from: bytes)
    } catch DecodingError.typeMismatch(_, _), DecodingError.valueNotFound(_, _) {
        _ = (try? JSONDecoder().decode(IDOnly.self, from: bytes))?.id
        return 0
    } catch {
        return 0
    }
    guard var text = wire.text else { return 0 }
    if text.unicodeScalars.count > maximumCharacters {
        text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(maximumCharacters)))
    }
    if let product = wire.product, rules.catalog.product(id: product) == nil { return 0 }
    let suggestion = store.suggest(text, rules: rules, product: wire.product, conversation: wire.conversation,
                                   limits: SuggestionLimits(), time: wire.time ?? 0)
    FuzzSupport.check(suggestion, messages: [text])
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> Int32 {
    FuzzSupport.warmUp(fuzz, ["", "{\"id\":1,\"text\":\"能包邮吗\",\"conversation\":\"c\",\"time\":1}", "{\"id\":\"x\",\"text\":3}"])
    return 0
}
