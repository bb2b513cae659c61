import Foundation
import Testing

@testable import Kefu

@Suite struct SlotExtractorTests {
    /// A small lexicon with the kinds and cue words the shipped one has, so tokens look like production.
    static let lexicon = Lexicon([
        Lexicon.Entry("顺丰", kind: "courier"), Lexicon.Entry("中通", kind: "courier"),
        Lexicon.Entry("ems", kind: "courier"), Lexicon.Entry("新疆", kind: "region"),
        Lexicon.Entry("内蒙古", kind: "region"), Lexicon.Entry("连衣裙", kind: "category"),
        Lexicon.Entry("背心", kind: "category"), Lexicon.Entry("裤子", kind: "category"),
        Lexicon.Entry("羊毛", kind: "material"), Lexicon.Entry("黑色", kind: "colour"),
        Lexicon.Entry("均码", kind: "size"), Lexicon.Entry("加大码", kind: "size"),
        Lexicon.Entry("大码"), Lexicon.Entry("大一码"), Lexicon.Entry("身高"), Lexicon.Entry("体重"),
        Lexicon.Entry("脚长"), Lexicon.Entry("便宜"), Lexicon.Entry("便宜点"), Lexicon.Entry("少点"),
        Lexicon.Entry("订单号"), Lexicon.Entry("单号"), Lexicon.Entry("快递单号"), Lexicon.Entry("手机号"),
        Lexicon.Entry("手机号码"), Lexicon.Entry("几码"), Lexicon.Entry("尺码"), Lexicon.Entry("码数"),
        Lexicon.Entry("包邮"), Lexicon.Entry("胸围"), Lexicon.Entry("衣长"),
    ])
    static let segmenter = Segmenter(lexicon: lexicon)
    static let extractor = SlotExtractor(lexicon: lexicon)

    func slots(_ message: String) -> Slots {
        let (text, tokens) = Self.segmenter.segment(message: message)
        return Self.extractor.extract(from: text, tokens: tokens)
    }

    // MARK: - Size

    @Test(
        arguments: [
            ("XL码", "XL"), ("ＸＬ號", "XL"), ("l号", "L"), ("L碼的有吗", "L"), ("我要2xl的", "2XL"), ("XXL", "XXL"),
            ("xs", "XS"), ("5XL有吗", "5XL"), ("均码吗", "均码"), ("有大码吗", "大码"), ("有加大码吗", "加大码"),
            ("160/84A的有吗", "160/84A"), ("這件背心L號多長？", "L"), ("48码", "48"), ("裤子36码", "36"),
            ("XL码165cm110斤", "XL"),
        ] as [(String, String)]
    )
    func size(_ message: String, _ expected: String) {
        #expect(slots(message).size == expected)
    }

    @Test(arguments: ["37码", "38.5码", "大一码", "包邮吗", "165cm", "大一点"])
    func noSize(_ message: String) {
        #expect(slots(message).size == nil)
    }

    // MARK: - Shoe size and foot length

    @Test(
        arguments: [
            ("37码", 37), ("38.5码", 38.5), ("穿42碼的鞋", 42), ("37的脚穿几码", 37), ("鞋子平时穿40", 40),
            ("三十七码", 37), ("37码半", 37.5), ("鞋码39", 39), ("我脚38", 38), ("46码有吗", 46), ("３７碼", 37),
            ("39的鞋合适吗", 39), ("要2双37码", 37), ("36半的脚拿36还是37", 36.5),
        ] as [(String, Double)]
    )
    func shoeSize(_ message: String, _ expected: Double) {
        #expect(slots(message).shoeSize == expected)
    }

    @Test(arguments: ["穿40", "48码", "160/84a", "l码", "裤子36码", "高跟鞋", "大一码"])
    func noShoeSize(_ message: String) {
        #expect(slots(message).shoeSize == nil)
    }

    @Test(
        arguments: [
            ("脚长24.5", 24.5), ("脚长245", 24.5), ("脚长24.5cm", 24.5), ("腳長23.5厘米", 23.5), ("脚长245mm", 24.5),
            ("24.5cm的脚穿多大", 24.5), ("脚长是二十四", 24), ("鞋内长25cm吗", 25), ("内长23.5是35码吗", 23.5),
            ("我腳長二十四公分", 24),
        ] as [(String, Double)]
    )
    func footLength(_ message: String, _ expected: Double) {
        #expect(slots(message).footLength == expected)
    }

    @Test(arguments: ["24.5cm", "衣长65cm", "脚长多少"])
    func noFootLength(_ message: String) {
        #expect(slots(message).footLength == nil)
    }

    // MARK: - Height and weight

    @Test(
        arguments: [
            ("165cm", 165), ("身高165", 165), ("1米65", 165), ("1.65m", 165), ("1米6", 160), ("一米六五", 165),
            ("一米六", 160), ("身高一百六十五", 165), ("165 110斤", 165), ("我一米七 一百三十斤", 170),
            ("身高1.65", 165), ("個子一米七二", 172), ("身高一六五", 165), ("110斤 165", 165), ("１６５ｃｍ", 165),
            ("身高一米六五體重一百斤", 165), ("165,55kg", 165), ("身高170厘米", 170), ("1.7米", 170), ("我高1米8", 180),
            ("体重120身高160", 160), ("身高165体重110斤", 165), ("165的身高110的体重", 165), ("160/100斤", 160),
            ("我120斤163", 163), ("身高165脚长24", 165), ("一米七八", 178), ("身高一百六", 160),
            ("一米六五一百斤", 165), ("一米七三一百三十斤", 173), ("一米六一百斤", 160), ("一百七十公分", 170),
        ] as [(String, Double)]
    )
    func height(_ message: String, _ expected: Double) {
        #expect(slots(message).height == expected)
    }

    @Test(arguments: ["165", "胸围100cm", "1米", "高跟鞋37码", "165 110", "身高一般", "3米"])
    func noHeight(_ message: String) {
        #expect(slots(message).height == nil)
    }

    @Test(
        arguments: [
            ("110斤", 110), ("55kg", 110), ("55公斤", 110), ("一百斤", 100), ("体重110", 110), ("體重一百", 100),
            ("52.3kg", 104.6), ("165 110斤", 110), ("身高165 110", 110), ("我一米七 一百三十斤", 130),
            ("身高一米六五體重一百斤", 100), ("60千克", 120), ("１１０斤", 110), ("体重120身高160", 120),
            ("身高165体重110斤", 110), ("165的身高110的体重", 110), ("160/100斤", 100), ("180cm 75kg", 150),
            ("一米六五一百斤", 100), ("一米六一百斤", 100),
        ] as [(String, Double)]
    )
    func weight(_ message: String, _ expected: Double) {
        #expect(slots(message).weight == expected)
    }

    @Test(arguments: ["两斤", "500g", "165", "体重保密", "重要", "我老公的体重又涨了十斤"])
    func noWeight(_ message: String) {
        #expect(slots(message).weight == nil)
    }

    // MARK: - Quantity

    @Test(
        arguments: [
            ("两件", 2), ("3双", 3), ("一对", 1), ("买二送一", 2), ("五条", 5), ("拍了2件", 2), ("兩件一起買", 2),
            ("要三个", 3), ("来十件", 10), ("两件89元", 2), ("少发了一件，我买了两件只收到一件", 2),
            ("多拍了一件", 1),
        ] as [(String, Int)]
    )
    func quantity(_ message: String, _ expected: Int) {
        #expect(slots(message).quantity == expected)
    }

    @Test(arguments: [
        "看一下", "一点", "一样吗", "一直没发货", "一般几天到", "一起发吗", "看一看", "两个月了", "第二件半价",
        "三件套", "问一个问题", "等一会", "统一发货", "万一不合适", "一两件", "两三件", "第2件", "买的同一件",
    ])
    func noQuantity(_ message: String) {
        #expect(slots(message).quantity == nil)
    }

    // MARK: - Money

    @Test(
        arguments: [
            ("89元", 89), ("89块", 89), ("少十块", 10), ("便宜20", 20), ("便宜点20块", 20), ("¥99", 99), ("￥99", 99),
            ("一百二块", 120), ("一百二十元", 120), ("差价5元", 5), ("便宜五块", 5), ("10块钱", 10), ("能便宜点吗少20", 20),
            ("两件89元", 89), ("五毛", 0.5), ("89包邮吗", 89), ("價格優惠30", 30), ("減10塊", 10), ("19.9元", 19.9),
            ("两块五", 2.5), ("3块5", 3.5), ("便宜一点20", 20), ("两百块", 200), ("一千二百元", 1200), ("一块钱", 1),
            ("少一块", 1),
        ] as [(String, Double)]
    )
    func money(_ message: String, _ expected: Double) {
        #expect(slots(message).money == expected)
    }

    @Test(arguments: [
        "便宜一点", "订单号1234567890123", "多少钱", "少发了一件", "便宜点吗", "一块儿发", "165", "毛衣", "减肥",
        "衣服领口有一块油渍", "能再便宜个二三十块吗", "半价吗",
    ])
    func noMoney(_ message: String) {
        #expect(slots(message).money == nil)
    }

    // MARK: - Order numbers

    @Test(
        arguments: [
            ("订单号1234567890123", "1234567890123"), ("sf1234567890", "SF1234567890"),
            ("单号是SF1234567890到哪了", "SF1234567890"), ("快递单号 YT1234567890123", "YT1234567890123"),
            ("訂單號：123456", "123456"), ("1234567890123", "1234567890123"), ("单号13800138000", "13800138000"),
        ] as [(String, String)]
    )
    func orderNumber(_ message: String, _ expected: String) {
        #expect(slots(message).orderNumber == expected)
    }

    @Test(arguments: [
        "手机号13800138000", "电话 13912345678", "13800138000", "iphone15", "165", "手机号码是13800138000吗",
        "联系电话sf12345678",
    ])
    func noOrderNumber(_ message: String) {
        let found = slots(message)
        #expect(found.orderNumber == nil)
        #expect(found.money == nil)
    }

    // MARK: - Lexicon words

    @Test(arguments: [
        ("顺丰能到吗", "courier", "顺丰"), ("發中通吧", "courier", "中通"), ("EMS可以吗", "courier", "ems"),
        ("新疆 中通 顺丰", "courier", "中通"), ("新疆包邮吗", "region", "新疆"), ("內蒙古能发吗", "region", "内蒙古"),
        ("连衣裙有吗", "category", "连衣裙"), ("羊毛的吗", "material", "羊毛"), ("有黑色吗", "colour", "黑色"),
    ])
    func lexiconWord(_ message: String, _ slot: String, _ expected: String) {
        let found = slots(message)
        let value: String? =
            switch slot {
            case "courier": found.courier
            case "region": found.region
            case "category": found.category
            case "material": found.material
            default: found.colour
            }
        #expect(value == expected)
    }

    // MARK: - Whole messages

    @Test func wholeMessages() {
        #expect(
            slots("身高一米六五體重一百斤，穿XL碼嗎")
                == Slots(size: "XL", height: 165, weight: 100)
        )
        #expect(
            slots("两件89元包邮到新疆吗，发顺丰")
                == Slots(quantity: 2, money: 89, courier: "顺丰", region: "新疆")
        )
        #expect(slots("我的订单号1234567890123，便宜10块").orderNumber == "1234567890123")
        #expect(slots("我的订单号1234567890123，便宜10块").money == 10)
        #expect(slots("37的脚穿几码 脚长23.5") == Slots(shoeSize: 37, footLength: 23.5))
    }

    @Test(arguments: ["", "你好", "在吗😊", "看一下", "好的谢谢", "[微笑]"])
    func emptySlots(_ message: String) {
        #expect(slots(message).isEmpty)
    }

    @Test func shippedLexicon() {
        let segmenter = Segmenter(lexicon: ShippedRules.lexicon)
        let extractor = SlotExtractor(lexicon: ShippedRules.lexicon)
        func extract(_ message: String) -> Slots {
            let (text, tokens) = segmenter.segment(message: message)
            return extractor.extract(from: text, tokens: tokens)
        }
        // Field by field: the shipped lexicon grows, and a new kind must not break these.
        let body = extract("身高一米六五體重110斤穿什么码")
        #expect(body.height == 165)
        #expect(body.weight == 110)
        let order = extract("连衣裙有均码吗 顺丰包邮吗")
        #expect(order.size == "均码")
        #expect(order.courier == "顺丰")
        #expect(order.category == "连衣裙")
        #expect(extract("快递单号SF1234567890").orderNumber == "SF1234567890")
        #expect(extract("便宜点20块").money == 20)
        #expect(extract("手机号码13800138000").orderNumber == nil)
        #expect(extract("37的脚穿几码").shoeSize == 37)
    }

    // MARK: - Chinese numerals

    @Test(
        arguments: [
            ("一", 1), ("两", 2), ("十", 10), ("十五", 15), ("二十", 20), ("一百", 100), ("一百六", 160),
            ("一百六十五", 165), ("一百二", 120), ("一百零五", 105), ("两千", 2000), ("一千五", 1500), ("一万二", 12000),
            ("三万五千", 35000), ("六五", 65), ("一七零", 170), ("三十七半", 37.5), ("半", 0.5), ("零", 0),
            ("一百一十", 110), ("一百十", 110),
        ] as [(String, Double)]
    )
    func chineseNumber(_ numeral: String, _ expected: Double) {
        #expect(ChineseNumber.value(of: numeral) == expected)
    }

    @Test(arguments: ["", "一下", "百搭", "万一", "十百", "一百六五", "一二三四五六七八九零"])
    func notAChineseNumber(_ text: String) {
        #expect(ChineseNumber.value(of: text) == nil)
    }

    // MARK: - Cues

    @Test(arguments: [
        "身高", "个子", "高", "体重", "重", "脚长", "脚", "内长", "鞋码", "码数", "尺码", "穿", "便宜", "优惠", "差价",
        "价格", "价", "降", "返", "退", "¥", "$", "抹", "少", "少点", "减", "订单号", "订单", "运单", "单号", "手机",
        "电话", "联系", "买", "胸围", "腰围", "臀围", "肩宽", "衣长", "裤长", "袖长", "裙长", "第", "同", "唯",
    ])
    func everyCueStartPassesTheQuickTest(_ word: String) {
        let units = Array(word.utf16)
        units.withUnsafeBufferPointer { text in
            #expect(SlotCue.mayStart(text[0]))
            #expect(SlotCue.match(text, at: 0)?.end == text.count)
        }
    }

    // MARK: - JSON

    @Test func jsonKeys() throws {
        let full = Slots(
            size: "L",
            shoeSize: 37,
            footLength: 23.5,
            height: 165,
            weight: 110,
            quantity: 2,
            money: 89,
            courier: "顺丰",
            orderNumber: "SF1234567890",
            region: "新疆",
            category: "连衣裙",
            material: "羊毛",
            colour: "黑色"
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(full)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "size", "shoe_size", "foot_length_cm", "height_cm", "weight_jin", "quantity", "money_yuan", "courier",
                "order_number", "region", "category", "material", "colour",
            ]
        )
        #expect(try JSONDecoder().decode(Slots.self, from: data) == full)

        let sparse = try encoder.encode(Slots(size: "XL", weight: 110))
        #expect(String(decoding: sparse, as: UTF8.self) == #"{"size":"XL","weight_jin":110}"#)
        #expect(String(decoding: try encoder.encode(Slots()), as: UTF8.self) == "{}")
    }
}
