// Arbitrary bytes read as one `kefu suggest` JSON request, {"id", "text", "product",
// "conversation", "time"}, twice: by `SuggestRequest.decode` (the hand-written RequestReader the
// filter and the example server use) and by `SuggestRequest.decodeWithFoundation` (JSONDecoder,
// the reader it replaced). Checks: both give the same request (numbers to the bit, -0.0 included)
// or the same problem (code, message, id); then the request is answered the way `kefu suggest`
// answers: limits and product checked by `SuggestRequest.prepared(for:)`, the suggestion through a
// ConversationStore (small, so that eviction runs too), every score in [0, 1]; no crash.
import Foundation
import FuzzSupport
import Kefu
@_spi(Reference) import KefuRules

let rules = FuzzSupport.shippedRules
let store = ConversationStore(capacity: 16, idleSeconds: 30 * 60)

/// A request or a problem as text, numbers by their bits (so that -0.0 and 0.0 differ).
func describe(_ decode: () throws(SuggestRequest.Problem) -> SuggestRequest) -> String {
    func bits(_ id: SuggestRequest.ID?) -> String {
        switch id {
        case .none: "nil"
        case .string(let text): "string(\(text.debugDescription))"
        case .number(let value): "number(\(value), \(value.bitPattern))"
        }
    }
    do {
        let r = try decode()
        return "request id=\(bits(r.id)) text=\(r.text.debugDescription) product=\(String(describing: r.product)) "
            + "conversation=\(String(describing: r.conversation)) time=\(r.time.map { "\($0), \($0.bitPattern)" } ?? "nil")"
    } catch {
        return "problem \(error.code) id=\(bits(error.id)) \(error.message)"
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let reader = describe { () throws(SuggestRequest.Problem) in try SuggestRequest.decode(Span(_unsafeElements: bytes)) }
    let foundation = describe { () throws(SuggestRequest.Problem) in
        try SuggestRequest.decodeWithFoundation(Data(buffer: bytes))
    }
    FuzzSupport.require(reader == foundation, "RequestReader: \(reader)\nJSONDecoder:   \(foundation)")

    let request: SuggestRequest
    let text: String
    do throws(SuggestRequest.Problem) {
        request = try SuggestRequest.decode(Data(buffer: bytes))
        text = try request.prepared(for: rules).text
    } catch {
        return 0
    }
    let suggestion = store.suggest(text, rules: rules, product: request.product, conversation: request.conversation,
                                   limits: SuggestionLimits(), time: request.time ?? 0)
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
