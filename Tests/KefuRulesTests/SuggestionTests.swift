import Kefu
import Testing

@testable import KefuRules

/// Replies, size advice, bargaining, recommendations and context, on a small fixture shop.
let shopFixture = """
    shop:
      name: 小鹿衣橱
      agent: 小鹿
      shipping:
        couriers: [中通, 顺丰]
        cutoff: "16:00"
        days: 2-4
        region_days: {新疆: 5-8}
        free_shipping: true
        excluded_regions: [新疆, 西藏]
        extra_fee: 15
      bargaining:
        coupon: 5
        gift: 棉袜一双
        free_shipping_from: 2
    products:
      - id: vest
        name: 纯棉背心
        category: 背心
        price: 59
        floor_price: 52
        materials: [棉]
        colours: [白色, 黑色]
        stock: {S: 3, M: 0, L: {白色: 2, 黑色: 0}, XL: 4}
        care: 可机洗，30度以内
        selling_points: [精梳棉透气]
        size_chart:
          measurements: [衣长, 胸围]
          sizes:
            S: {衣长: 83, 胸围: 92, height: 150-158, weight: 80-100}
            M: {衣长: 85, 胸围: 96, height: 158-165, weight: 100-115}
            L: {衣长: 87, 胸围: 100, height: 165-172, weight: 115-130}
            XL: {衣长: 89, 胸围: 104, height: 172-180, weight: 130-150}
      - id: wool-dress
        name: 羊毛连衣裙
        category: 连衣裙
        price: 399
        materials: [羊毛]
        stock: {M: 2, L: 1}
        care: 手洗冷水或干洗，平铺晾干
        selling_points: [澳毛保暖不扎]
      - id: chiffon-dress
        name: 雪纺连衣裙
        category: 连衣裙
        price: 159
        materials: [雪纺]
        stock: {S: 5, M: 5}
        selling_points: [垂感好显瘦]
      - id: shoes
        name: 男士休闲鞋
        category: 男鞋
        price: 269
        stock: {"40": 3, "41": 0, "42": 2}
        size_chart:
          measurements: [内长]
          sizes:
            "40": {内长: 25, foot_length: 24.5-25}
            "41": {内长: 25.5, foot_length: 25-25.5}
            "42": {内长: 26, foot_length: 25.5-26}
    concepts:
      region: [新疆, 西藏, 广东]
    intents:
      - id: size
        match:
          - any: [尺码, 多长, 穿什么码, 几码]
      - id: discount
        match:
          - any: [便宜, 优惠]
      - id: shipping
        match:
          - any: [包邮, 发货, 几天到]
      - id: recommendation
        match:
          - any: [推荐]
      - id: stock
        match:
          - any: [有货, 还有]
    replies:
      - id: size-measure
        intent: size
        priority: 90
        text: 这款{product.name}{slot.size}码衣长{chart.衣长}cm，胸围{chart.胸围}cm
      - id: size-advice
        intent: size
        priority: 95
        text: '{advice.reason}，建议{advice.size}码'
      - id: size-between
        intent: size
        priority: 96
        text: '{advice.reason}，{advice.note}'
      - id: size-ask
        intent: size
        priority: 40
        when: {missing: [slot.height, slot.foot_length]}
        text: 亲方便说下身高体重吗？帮您推荐尺码
      - id: ship-free
        intent: shipping
        when: {free_shipping: true}
        text: 亲，{shipping.cutoff}前付款当天发{shipping.courier}，包邮哦
      - id: ship-paid
        intent: shipping
        when: {free_shipping: false}
        text: 亲，{slot.region}不在包邮范围，需补{shipping.fee}元运费，约{shipping.days}天到
      - id: bargain-1
        intent: discount
        when: {bargain_turn: 1}
        text: 亲，这款{product.point}，已经是活动价了哦
      - id: bargain-2
        intent: discount
        when: {bargain_turn: 2}
        text: 给您申请一张{bargain.coupon}元优惠券吧
      - id: bargain-3
        intent: discount
        when: {bargain_turn: 3}
        text: 价格实在不能再低了，送您{bargain.gift}
      - id: recommend
        intent: recommendation
        text: 给您挑了两款，您看看哪款更喜欢
      - id: stock-out
        intent: stock
        when: {in_stock: false}
        text: '{slot.size}码暂时没货了，{stock.sizes}有货'
      - id: stock-in
        intent: stock
        when: {in_stock: true}
        text: '{slot.size}码有现货，库存{stock.count}件'
    """

struct SuggestionTests {
    static let rules = Result { try fixtureRules(shopFixture) }

    func suggest(_ message: String, product: String? = nil, state: ConversationState? = nil)
        throws -> (Suggestion, ConversationState)
    {
        try Self.rules.get().suggest(message, product: product, state: state)
    }

    @Test func aSizeMeasurementComesFromTheChart() throws {
        let (suggestion, _) = try suggest("这件背心L号的多长？", product: "vest")
        #expect(suggestion.replies.first?.text == "这款纯棉背心L码衣长87cm，胸围100cm")
        #expect(suggestion.replies.first?.because.contains("size") == true)
    }

    @Test(arguments: [
        ("我身高160体重105斤穿什么码", "按您160cm、105斤，建议M码"),
        ("身高一米七 125斤穿几码", "按您170cm、125斤，建议L码"),
        ("178 140斤穿什么码", "按您178cm、140斤，建议XL码"),
        ("165 118斤穿什么码", "按您165cm、118斤，建议L码"),
        ("身高162，120斤穿什么码", "按您162cm、120斤，介于M和L之间，喜欢宽松选L，喜欢合身选M"),
        ("身高190，200斤穿什么码", "按您190cm、200斤，这款只做到XL码，按您的身材可能偏小，建议看看更宽松的款"),
    ])
    func theSizeAdvisor(message: String, expected: String) throws {
        let (suggestion, _) = try suggest(message, product: "vest")
        #expect(suggestion.replies.first?.text == expected)
    }

    @Test func shoeSizeFromFootLength() throws {
        let (suggestion, _) = try suggest("脚长25.8穿几码", product: "shoes")
        #expect(suggestion.replies.first?.text == "按您脚长25.8cm，建议42码")
    }

    @Test func withoutBodyDataAskForIt() throws {
        let (suggestion, _) = try suggest("穿什么码", product: "vest")
        #expect(suggestion.replies.map(\.id) == ["size-ask"])
    }

    @Test func shippingByRegion() throws {
        #expect(try suggest("包邮吗").0.replies.first?.text == "亲，16:00前付款当天发中通，包邮哦")
        #expect(try suggest("新疆包邮吗").0.replies.first?.text == "亲，新疆不在包邮范围，需补15元运费，约5-8天到")
    }

    @Test func theBargainingLadder() throws {
        var state: ConversationState?
        var texts: [String] = []
        for message in ["便宜点吧", "再优惠一点", "就便宜五块", "真的不能便宜了吗"] {
            let (suggestion, next) = try suggest(message, product: "vest", state: state)
            texts.append(suggestion.replies.first?.text ?? "")
            state = next
        }
        #expect(texts == [
            "亲，这款精梳棉透气，已经是活动价了哦", "给您申请一张5元优惠券吧", "价格实在不能再低了，送您棉袜一双",
            "价格实在不能再低了，送您棉袜一双",
        ])
    }

    @Test func recommendationsRankByCategoryWithReasons() throws {
        let (suggestion, _) = try suggest("老板我想要一件连衣裙，你推荐一下")
        #expect(suggestion.replies.first?.id == "recommend")
        #expect(Set(suggestion.products.map(\.id)) == ["wool-dress", "chiffon-dress"])
        #expect(suggestion.products.allSatisfy { $0.because.contains("连衣裙") })
    }

    @Test func outOfStockSuggestsOtherSizesAndProducts() throws {
        let (suggestion, _) = try suggest("M码还有吗", product: "vest")
        #expect(suggestion.replies.first?.text == "M码暂时没货了，S、L、XL有货")
        let (inStock, _) = try suggest("XL有货吗", product: "vest")
        #expect(inStock.replies.first?.text == "XL码有现货，库存4件")
    }

    @Test func aFollowUpInheritsTheLastIntentAndProduct() throws {
        let (_, state) = try suggest("这件背心L号的多长？", product: "vest")
        let (followUp, _) = try suggest("那XL呢", state: state)
        #expect(followUp.intents.first?.id == "size")
        #expect(followUp.replies.first?.text == "这款纯棉背心XL码衣长89cm，胸围104cm")
    }

    @Test func noPlaceholderEverLeaks() throws {
        // Every reply × random slot sets and products: a reply text never holds a brace.
        let rules = try Self.rules.get()
        var generator = SystemRandomNumberGenerator()
        let fragments = ["L码", "XL", "身高165", "110斤", "新疆", "顺丰", "两件", "少十块", "连衣裙", "脚长25", "白色", "羊毛",
                         "多长", "便宜", "包邮", "推荐", "有货吗", "穿什么码", "{product.name}", "{{", "}"]
        for _ in 0..<500 {
            let message = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                fragments.randomElement(using: &generator) ?? ""
            }.joined()
            let product = [nil, "vest", "wool-dress", "shoes", "chiffon-dress"].randomElement(using: &generator) ?? nil
            let (suggestion, _) = rules.suggest(message, product: product, limits: SuggestionLimits(replies: 20))
            for reply in suggestion.replies {
                let fromMessage = message.contains("{") || message.contains("}")
                #expect(fromMessage || (!reply.text.contains("{") && !reply.text.contains("}")), "\(message): \(reply.text)")
                #expect(!reply.text.isEmpty && (0...1).contains(reply.score))
            }
        }
    }

    /// Limits far beyond the rule set's replies and products give all there are, not a crash (the
    /// candidate buffer was once sized by the limit: `--top 1000000000000` asked for 72 TB).
    @Test func hugeLimitsReturnWhatThereIs() throws {
        let rules = try Self.rules.get()
        let message = "这件背心L号多长？包邮吗 能便宜点吗"
        let all = rules.suggest(message, product: "vest", limits: SuggestionLimits(replies: 1_000, products: 1_000)).0
        let huge = rules.suggest(message, product: "vest", limits: SuggestionLimits(replies: .max, products: .max)).0
        #expect(!all.replies.isEmpty)
        #expect(huge.replies == all.replies && huge.products == all.products)
        // Fewer replies keep the best ones, in the same order.
        for top in 1...all.replies.count {
            let fewer = rules.suggest(message, product: "vest", limits: SuggestionLimits(replies: top)).0
            #expect(fewer.replies == Array(all.replies.prefix(top)))
        }
    }

    @Test func templateSyntaxInAMessageIsData() throws {
        let (suggestion, _) = try suggest("{product.name}L码多长", product: "vest")
        #expect(suggestion.replies.first?.text == "这款纯棉背心L码衣长87cm，胸围100cm")
    }

    @Test func conversationStoreIsBounded() throws {
        let store = ConversationStore(capacity: 100, idleSeconds: 60)
        let rules = try Self.rules.get()
        for i in 0..<1_000 { _ = store.suggest("L码多长", rules: rules, product: "vest", conversation: "c\(i)", time: Double(i)) }
        #expect(store.count <= 100)
        #expect(store.state(of: "c999", at: 999) != nil)
        #expect(store.state(of: "c999", at: 2_000) == nil)  // idle too long
    }
}
