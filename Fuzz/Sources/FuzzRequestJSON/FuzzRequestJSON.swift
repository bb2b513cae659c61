// Arbitrary bytes read as one `kefu suggest` JSON request, {"id", "text", "product",
// "conversation", "time"}, through `SuggestRequest` (the type the filter and the example server
// read requests with), then answered the way `kefu suggest` answers: limits and product checked by
// `SuggestRequest.prepared(for:)`, the suggestion through a ConversationStore (small, so that
// eviction runs too). Checks: no crash, every score in [0, 1].
import Foundation
import FuzzSupport
import Kefu
import KefuRules

let rules = FuzzSupport.shippedRules
let store = ConversationStore(capacity: 16, idleSeconds: 30 * 60)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let request: SuggestRequest
    let text: String
    do throws(SuggestRequest.Problem) {
        request = try SuggestRequest.decode(Data(bytes: data, count: size))
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
