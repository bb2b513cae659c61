// The shipped rules (loaded once) suggest for fuzzed messages in a fuzzed context.
//
// Input layout: byte 0 picks the product in view (none, an unknown id, or one of the catalog's);
// byte 1 picks the starting conversation state (none, a fresh one, the state after a size
// question about the product, or a state with a given last intent and discount count, from
// byte 2) and the limits (bits 2–4: replies 0–7; bits 5–7: products 0–7); the rest is up to four
// messages separated by NUL bytes, suggested for in turn, each with the state the previous one left.
//
// Checks: every intent, reply and product score is in [0, 1]; no reply text contains "{" unless a
// message of the conversation did; the same input twice gives the same suggestions and state.
import FuzzSupport
import Kefu

let rules = FuzzSupport.shippedRules
let productIDs = rules.catalog.products.map(\.id)
let intentIDs = rules.intents.map(\.id)
let sizeState: ConversationState = rules.suggest("身高165体重110斤穿什么码", product: productIDs.first, time: 1).1

struct Run: Equatable {
    var suggestions: [Suggestion] = []
    var state: ConversationState?
}

func run(_ bytes: UnsafeBufferPointer<UInt8>) -> (Run, [String]) {
    let b0 = bytes.count > 0 ? Int(bytes[0]) : 0
    let b1 = bytes.count > 1 ? Int(bytes[1]) : 0
    let b2 = bytes.count > 2 ? Int(bytes[2]) : 0
    let product: String? = switch b0 {
    case 0: nil
    case 1: "no-such-product"
    default: productIDs.isEmpty ? nil : productIDs[(b0 - 2) % productIDs.count]
    }
    var state: ConversationState? = switch b1 & 3 {
    case 0: nil
    case 1: ConversationState()
    case 2: sizeState
    default: ConversationState(productID: product, lastIntent: intentIDs.isEmpty ? nil : intentIDs[b2 % intentIDs.count],
                               discountTurns: b2 >> 5, lastUsed: 1)
    }
    let limits = SuggestionLimits(replies: (b1 >> 2) & 7, products: (b1 >> 5) & 7)
    let rest = bytes.count > 3 ? UnsafeBufferPointer(rebasing: bytes[3...]) : UnsafeBufferPointer(start: nil, count: 0)
    let messages = rest.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    var result = Run()
    for (turn, message) in messages.enumerated() {
        let (suggestion, next) = rules.suggest(message, product: turn == 0 ? product : nil, state: state,
                                               limits: limits, time: Double(turn + 2))
        FuzzSupport.require(suggestion.replies.count <= limits.replies,
                            "\(suggestion.replies.count) replies for a limit of \(limits.replies)")
        FuzzSupport.require(suggestion.products.count <= limits.products,
                            "\(suggestion.products.count) products for a limit of \(limits.products)")
        result.suggestions.append(suggestion)
        state = next
    }
    result.state = state
    return (result, messages)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let (first, messages) = run(bytes)
    for suggestion in first.suggestions { FuzzSupport.check(suggestion, messages: messages) }
    let (second, _) = run(bytes)
    FuzzSupport.require(first == second, "the same input twice gave different suggestions")
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> Int32 {
    FuzzSupport.warmUp(fuzz, ["", "\u{2}\u{2}\u{0}身高165体重110斤穿什么码\u{0}那XL呢\u{0}能便宜点吗"])
    return 0
}
