#!/usr/bin/env python3
"""Generate Benchmarks/Data/messages.txt: synthetic shopper chat messages.

Benchmark input for Kefu (normalize + segment). The messages imitate what
shoppers type to the customer-service account of a clothing & shoe shop on a
Taobao-style marketplace: sizes, shipping, discounts, washing, stock, returns,
payment, greetings, thanks and chit-chat.

Deterministic: a fixed seed and the standard library only, so running it again
rewrites the same file byte for byte.

Mix (approximate, per line):
  * ~20% converted to Traditional characters (small built-in mapping below)
  * ~10% with full-width ASCII (letters, digits, ?! ... -> U+FF01..U+FF5E)
  * ~15% with emoji (incl. ZWJ sequences, VS16, skin tones) or sticker codes
  * repeated punctuation, English / pinyin bits and numbers throughout
Lengths run from 2 to 80 characters (Unicode code points).

Usage: python3 make_messages.py [OUTPUT]   (default: messages.txt next to this file)
"""

import os
import random
import re
import sys

SEED = 20240611
COUNT = 12000
MIN_LEN = 2
MAX_LEN = 80

P_TRADITIONAL = 0.23
P_FULLWIDTH = 0.10
P_EMOJI = 0.15

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

PRODUCTS = [
    "卫衣", "羽绒服", "牛仔裤", "连衣裙", "T恤", "衬衫", "毛衣", "外套", "风衣",
    "运动鞋", "小白鞋", "马丁靴", "帆布鞋", "老爹鞋", "半身裙", "阔腿裤", "打底衫",
    "针织开衫", "西装", "棉服", "冲锋衣", "短袖", "休闲裤", "拖鞋", "凉鞋",
    "高跟鞋", "雪地靴", "POLO衫", "背心", "睡衣", "羊毛大衣", "工装裤", "板鞋",
]
COLORS = [
    "黑色", "白色", "米白", "卡其色", "灰色", "藏青", "酒红", "雾霾蓝", "杏色",
    "粉色", "军绿", "奶油白", "燕麦色", "咖啡色", "浅蓝", "深灰", "红色", "黄色",
]
SIZES = ["S", "M", "L", "XL", "XXL", "2XL", "3XL", "4XL", "XS"]
HAOXING = ["155/80A", "160/84A", "165/88A", "170/92A", "175/96A", "180/100A", "185/104A"]
REGIONS = ["新疆", "西藏", "内蒙古", "青海", "海南", "宁夏", "甘肃", "云南", "黑龙江", "港澳"]
CITIES = [
    "北京", "上海", "广州", "深圳", "成都", "杭州", "乌鲁木齐", "拉萨", "哈尔滨",
    "重庆", "西安", "武汉", "南京", "长沙", "昆明", "三亚", "沈阳", "厦门", "郑州",
]
COURIERS = ["顺丰", "中通", "圆通", "韵达", "申通", "极兔", "京东", "EMS", "邮政", "德邦"]
PEOPLE = ["我妈", "我爸", "男朋友", "女朋友", "老公", "老婆", "闺蜜", "孩子", "我姐", "同事"]
MODELS = ["明星", "网红", "博主", "小红书上", "抖音上", "直播间"]
PHONES = ["iPhone15", "iPhone 14 Pro", "华为Mate60", "小米14", "OPPO", "vivo", "iPad"]

EMOJI = [
    "😊", "😂", "👍", "🙏", "❤️", "👌", "👩‍👧", "🤔", "😭", "🥺", "💕", "🌹",
    "🎉", "😅", "🙂", "🤣", "👍🏻", "🙏🏻", "👨‍👩‍👧", "😘", "🔥", "✨", "😳", "💯",
]
STICKERS = [
    "[微笑]", "[捂脸]", "[呲牙]", "[可怜]", "[偷笑]", "[害羞]", "[奸笑]",
    "[流泪]", "[抱拳]", "[玫瑰]", "[OK]", "[强]", "[爱心]", "[发呆]", "[疑问]",
]

# Small Simplified -> Traditional mapping of common characters (one to one;
# ambiguous ones are chosen for the shopping context, e.g. 发 -> 發 as in 發貨,
# 干 -> 乾 as in 乾洗, 松 -> 鬆 as in 鬆緊).
_S2T_PAIRS = (
    "这這 码碼 数數 运運 发發 货貨 价價 优優 吗嗎 号號 长長 买買 还還 点點 么麼 样樣 个個 "
    "们們 说說 请請 谢謝 会會 颜顏 时時 间間 问問 题題 质質 钱錢 给給 没沒 对對 为為 几幾 "
    "邮郵 递遞 转轉 换換 实實 际際 图圖 细細 节節 宝寶 贝貝 亲親 欢歡 单單 订訂 账賬 户戶 "
    "级級 车車 东東 区區 门門 动動 风風 红紅 绿綠 蓝藍 黄黃 条條 裤褲 袜襪 帮幫 带帶 边邊 "
    "来來 过過 让讓 认認 识識 觉覺 应應 该該 够夠 现現 库庫 满滿 减減 领領 张張 双雙 脚腳 "
    "宽寬 紧緊 松鬆 轻輕 软軟 试試 机機 干乾 缩縮 线線 链鏈 顺順 丰豐 圆圓 韵韻 达達 远遠 "
    "费費 听聽 卖賣 贵貴 礼禮 谁誰 后後 开開 关關 总總 话話 页頁 显顯 确確 签簽 坏壞 损損 "
    "补補 评評 论論 错錯 误誤 处處 办辦 务務 员員 经經 验驗 岁歲 体體 围圍 适適 刚剛 帅帥 "
    "别別 虽雖 极極 热熱 绒絨 纯純 丝絲 织織 针針 厂廠 产產 标標 准準 备備 无無 与與 两兩 "
    "从從 着著 专專 业業 绝絕 当當 难難 烦煩 爱愛 乐樂 气氣 钟鐘 头頭 报報 网網 络絡 传傳 "
    "视視 频頻 连連 衬襯 卫衛 马馬 装裝 闺閨 妈媽 广廣 庆慶 汉漢 乌烏 鲁魯 齐齊 尔爾 滨濱 "
    "壳殼 拣揀 纽紐 劳勞 块塊 "
)
S2T = {pair[0]: pair[1] for pair in _S2T_PAIRS.split()}

# ---------------------------------------------------------------------------
# Templates. {slot} is filled from SLOTS below.
# ---------------------------------------------------------------------------

SIZE_Q = [
    "{size}号多长", "{product}{size}号多长", "{size}码衣长多少", "身高{height}体重{jin}斤穿什么码",
    "身高{height}体重{jin}斤穿多大", "{height} {jin}斤穿{size}可以吗", "{height}，{jin}斤选哪个码",
    "我{height}cm {kg}kg 选哪个码", "平时穿{shoe}码，这款要拍大一码吗", "{shoe}码还有吗",
    "{shoe}码偏大还是偏小", "{haoxing}是什么码", "{haoxing}对应{size}吗", "有{size}吗",
    "这个尺码标准吗", "胸围{cm}能穿{size}吗", "腰围{waist}穿几码", "裤长多少", "衣长{cm}cm是吗",
    "偏大还是偏小", "{size}和{size}差多少", "脚宽穿{shoe}还是大一码", "size?", "what size",
    "肩宽多少", "孩子{age}岁穿多大的", "宽松版还是修身的", "{size}会不会太大", "尺码表在哪看",
    "{jin}斤能穿{size}吗", "我平时穿{size}，这个也拍{size}吗", "鞋子是标准码吗", "脚长{footcm}cm穿几码",
    "{product}有没有大码", "胖子能穿吗", "小个子能穿吗", "{height}穿会不会拖地", "袖长多少",
    "size偏大吗", "{size}的腰围多少", "内长多少", "{shoe}和{shoe}哪个合适",
]
SHIPPING_Q = [
    "包邮吗", "{region}包邮吗", "发{courier}吗", "能发{courier}吗", "今天能发货吗", "什么时候发货",
    "几天到{city}", "到{city}要几天", "{region}偏远地区要补运费吗", "补多少邮费", "快递单号多少",
    "怎么还没发货", "物流一直没更新", "能不能加急", "{hour}点前下单今天发吗", "发的什么快递",
    "可以指定{courier}吗", "baoyou吗", "寄到{city}多少钱", "预售要等多久", "下单{days}天了还没发",
    "从哪里发货", "{courier}到付可以吗", "能送到家门口吗", "放驿站就行", "我明天不在家，能晚点送吗",
    "快递显示签收了但我没收到", "发货了吗", "几天能到", "到{region}几天", "今天发明天能到{city}吗",
    "{courier}多加几块钱", "物流到哪了", "包不包邮", "满多少包邮",
]
DISCOUNT_Q = [
    "便宜点", "能便宜点吗", "有优惠券吗", "满{n1}减{n2}还有吗", "yh有吗", "有yh吗", "老顾客有优惠吗",
    "买两件能便宜吗", "能不能少{small}块", "{price}包邮行不行", "优惠券怎么领", "券用不了",
    "领了券结算没减", "双十一还会降价吗", "618有活动吗", "拍下改价", "能送运费险吗", "有赠品吗",
    "价格能再低点吗", "{price}能卖吗", "别家才{price}", "会员有折扣吗", "买{qty}件打几折",
    "第二件半价吗", "直播间价格是多少", "昨天买的今天就降价了，能退差价吗", "有没有新人券",
    "满减可以跟券叠加吗", "抹个零吧", "少{small}块我就拍了", "优惠力度大点呗",
]
WASHING_Q = [
    "能机洗吗", "要干洗吗", "只能干洗吗", "会掉色吗", "洗了会缩水吗", "起球吗", "是纯棉的吗",
    "面料是什么", "含棉量多少", "会不会掉毛", "能用洗衣机吗", "洗了褪色了", "可以烘干吗",
    "有没有异味", "透气吗", "厚不厚", "冬天穿冷不冷", "扎不扎人", "会不会起皱", "要不要熨",
    "第一次洗要注意什么", "{color}的掉色吗", "能手洗吗", "水温多少度", "羽绒是鸭绒还是鹅绒",
    "充绒量多少", "鞋子能水洗吗", "鞋垫能拿出来洗吗", "是真皮吗", "闷脚吗",
]
STOCK_Q = [
    "还有货吗", "{color}{size}有现货吗", "{color}还有吗", "什么时候补货", "断码了吗", "{shoe}码没货了吗",
    "现货还是预售", "库存多少", "能不能帮我留一件", "{color}{shoe}码有吗", "{product}还有{color}吗",
    "下架了吗", "还会上新吗", "{size}什么时候有货", "有货了通知我一下", "是最后一件吗",
    "{color}是不是卖完了", "现在拍几天发",
]
RETURN_Q = [
    "能退吗", "七天无理由吗", "不合适能换吗", "换{size}可以吗", "退货运费谁出", "有运费险吗",
    "申请退款了麻烦处理下", "尺码不对想换货", "收到有个破洞", "线头好多", "拉链坏了",
    "和图片颜色不一样", "退货地址发我一下", "退款什么时候到账", "我已经寄回了单号{tracking}",
    "鞋子开胶了", "少发了一件", "发错颜色了，我要的是{color}", "发错码了", "吊牌剪了还能退吗",
    "穿了一次能退吗", "怎么申请换货", "退回去的收到了吗", "换的什么时候寄出", "质量太差了",
    "有色差", "衣服有味道", "扣子掉了", "能补发吗", "仅退款可以吗",
]
PAYMENT_Q = [
    "可以货到付款吗", "能用花呗吗", "花呗分期吗", "付款了", "已拍", "拍了{qty}件", "怎么付不了款",
    "能用信用卡吗", "改下地址", "地址填错了", "可以开发票吗", "拍下了帮我改个价", "订单号{order}",
    "帮我备注一下要{color}", "拍错了能取消吗", "付款后能改码吗", "合并付款了", "能用微信付吗",
    "先用后付可以吗", "已付款，尽快发货哈", "地址改成{city}的",
]
GREETING = [
    "在吗", "在不在", "你好", "您好", "亲在吗", "有人吗", "hello", "hi", "老板在吗", "客服",
    "人工客服", "转人工", "早上好", "晚上好", "亲", "嗨", "在？", "hi在吗", "你好在吗", "掌柜的在吗",
]
THANKS = [
    "谢谢", "好的谢谢", "谢谢亲", "thx", "好的", "嗯嗯", "好滴", "收到", "ok", "OK", "辛苦了",
    "感谢", "麻烦了", "好的好的", "知道了", "行", "可以", "嗯", "多谢", "thanks", "谢啦",
    "好嘞", "okk", "好哒", "明白了", "那我拍了", "拍了", "好评已给", "没问题",
]
CHAT = [
    "你们店在哪里", "你们是厂家吗", "是正品吗", "这个是{model}同款吗", "我朋友推荐来的",
    "上次买的{product}很好穿", "第一次买你们家", "今天好冷啊", "下雨了快递会慢吗",
    "你们几点下班", "你是机器人吗", "我用的{phone}看图片颜色偏黄", "直播间说有优惠",
    "等工资发了再买", "帮我看看哪个好看", "{people}穿的", "给{people}买的", "送人的能包装好一点吗",
    "好看吗", "哈哈哈", "好喜欢", "太好看了吧", "{color}和{color}哪个好看", "有实拍图吗",
    "能发个视频看看吗", "模特多高", "模特穿的什么码", "我是回头客了", "你们家衣服质量真不错",
    "上身效果怎么样", "显瘦吗", "显黑吗", "适合{age}岁穿吗", "学生党买得起吗", "hhh", "666",
    "bu hao yi si", "xie xie", "dd", "pls", "plz", "nb", "绝了", "yyds", "emmm", "额",
    "在上班偷偷看的", "我先加购物车", "收藏了", "等下再看", "{people}说好看",
]

CATEGORIES = [
    (SIZE_Q, 22), (SHIPPING_Q, 14), (DISCOUNT_Q, 12), (WASHING_Q, 9), (STOCK_Q, 8),
    (RETURN_Q, 9), (PAYMENT_Q, 6), (GREETING, 7), (THANKS, 6), (CHAT, 10),
]
# Multi-clause messages: greeting first, questions in the middle, thanks last.
TOPICS = [c for c in CATEGORIES if c[0] is not GREETING and c[0] is not THANKS]

ENDINGS = [
    ("", 30), ("？", 18), ("?", 8), ("？？", 3), ("？？？", 3), ("???", 2), ("！", 4), ("!", 2),
    ("!!!", 2), ("！！！", 2), ("。", 5), ("...", 2), ("。。。", 2), ("～", 3), ("~", 3), ("?!", 1),
]
PARTICLES = [("", 55), ("呀", 6), ("呢", 8), ("啊", 5), ("哈", 4), ("哦", 4), ("嘛", 3), ("吧", 3), ("亲", 4), ("哈哈", 2)]
JOINERS = [("，", 40), (",", 12), (" ", 14), ("。", 8), ("", 8), ("？", 8), ("！", 3), ("~", 3), ("...", 2), ("　", 2)]
PREFIXES = [
    "亲，", "你好，", "在吗，", "老板，", "请问", "问下", "想问一下", "客服，", "hi ", "那个",
    "麻烦问下", "您好，请问", "对了，", "还有", "另外", "嗯，", "hello，",
]


def _weighted(rng, pairs):
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights, k=1)[0]


def _slots(rng):
    return {
        "product": lambda: rng.choice(PRODUCTS),
        "color": lambda: rng.choice(COLORS),
        "size": lambda: rng.choice(SIZES),
        "haoxing": lambda: rng.choice(HAOXING),
        "height": lambda: str(rng.randint(148, 188)),
        "jin": lambda: str(rng.choice([rng.randint(80, 200), rng.randrange(90, 180, 5)])),
        "kg": lambda: str(rng.randint(40, 95)),
        "shoe": lambda: str(rng.randint(34, 45)),
        "footcm": lambda: rng.choice(["22", "22.5", "23", "23.5", "24", "24.5", "25", "25.5", "26", "26.5", "27"]),
        "cm": lambda: str(rng.randint(60, 130)),
        "waist": lambda: rng.choice(["1尺9", "2尺", "2尺1", "2尺2", "2尺3", "2尺5", "2尺7", "3尺"] + [str(rng.randint(60, 100))]),
        "age": lambda: str(rng.randint(3, 70)),
        "region": lambda: rng.choice(REGIONS),
        "city": lambda: rng.choice(CITIES),
        "courier": lambda: rng.choice(COURIERS),
        "hour": lambda: str(rng.randint(10, 18)),
        "days": lambda: str(rng.randint(2, 15)),
        "n1": lambda: str(rng.choice([99, 199, 200, 299, 300, 399, 500])),
        "n2": lambda: str(rng.choice([10, 20, 30, 40, 50, 60, 100])),
        "small": lambda: str(rng.choice([5, 10, 15, 20, 30, 50])),
        "price": lambda: str(rng.choice([rng.randint(29, 599), rng.randrange(39, 400, 10)])),
        "qty": lambda: str(rng.randint(2, 5)),
        "tracking": lambda: rng.choice(["SF", "YT", "ZT", "JT", "75", "43"]) + "".join(rng.choice("0123456789") for _ in range(rng.randint(10, 13))),
        "order": lambda: "".join(rng.choice("0123456789") for _ in range(rng.choice([16, 18, 19]))),
        "people": lambda: rng.choice(PEOPLE),
        "model": lambda: rng.choice(MODELS),
        "phone": lambda: rng.choice(PHONES),
    }


_SLOT_RE = re.compile(r"\{(\w+)\}")


def fill(rng, slots, template):
    return _SLOT_RE.sub(lambda m: slots[m.group(1)](), template)


def pick_pool(rng, categories=CATEGORIES):
    return rng.choices([c[0] for c in categories], weights=[c[1] for c in categories], k=1)[0]


def clause(rng, slots, pool=None):
    return fill(rng, slots, rng.choice(pool if pool is not None else pick_pool(rng)))


def ending(rng, msg):
    # no particle after one that is already there (吗呢吧...) or after ASCII
    if msg and (msg[-1] in "吗呢吧啊呀哦嘛哈亲" or msg[-1].isascii()):
        return _weighted(rng, ENDINGS)
    return _weighted(rng, PARTICLES) + _weighted(rng, ENDINGS)


def questions(rng, slots, target_len, max_len, min_clauses=1):
    """Clauses mostly on one topic, joined, until target_len is reached."""
    topic = pick_pool(rng, TOPICS)
    msg = clause(rng, slots, topic)
    n = 1
    while len(msg) < target_len or n < min_clauses:
        pool = topic if rng.random() < 0.6 else pick_pool(rng, TOPICS)
        nxt = _weighted(rng, JOINERS) + clause(rng, slots, pool)
        if len(msg) + len(nxt) > max_len:
            break
        msg += nxt
        n += 1
    return msg


def base_message(rng, slots):
    kind = rng.choices(["tiny", "single", "double", "long"], weights=[15, 64, 14, 7], k=1)[0]
    if kind == "tiny":
        pool = rng.choice([GREETING, THANKS, ["包邮吗", "在吗", "便宜点", "有货吗", "能退吗", "发货没", "好", "嗯", "?", "？？", "L", "37码", "XL", "多少钱", "亲"]])
        msg = rng.choice(pool)
        if len(msg) < MIN_LEN or rng.random() < 0.3:
            msg += _weighted(rng, ENDINGS[1:])
        return msg
    if kind == "single":
        msg = clause(rng, slots)
        if rng.random() < 0.25:
            msg = rng.choice(PREFIXES) + msg
        return msg + ending(rng, msg)
    if kind == "double":  # two or three clauses, up to ~40 chars
        target, max_len, min_clauses = rng.randint(10, 30), 40, 2
    else:  # long: join clauses until a target length in 40..78
        target, max_len, min_clauses = rng.randint(40, 78), MAX_LEN - 8, 3
    head = rng.choice(PREFIXES) if rng.random() < 0.3 else ""
    if not head and rng.random() < 0.15:
        head = rng.choice(GREETING) + _weighted(rng, JOINERS)
    msg = head + questions(rng, slots, target, max_len, min_clauses)
    msg += ending(rng, msg)
    if rng.random() < 0.15:
        msg += rng.choice(["", " ", "，"]) + rng.choice(THANKS)
    return msg


def to_traditional(s):
    return "".join(S2T.get(ch, ch) for ch in s)


def to_fullwidth(rng, s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch.isascii() and (ch.isalnum() or ch in "?!"):
            out.append(chr(o + 0xFEE0))
        elif 0x21 <= o <= 0x7E and rng.random() < 0.5:
            out.append(chr(o + 0xFEE0))  # other ASCII punctuation, e.g. / ( ) . ~
        elif ch == " " and rng.random() < 0.5:
            out.append("\u3000")
        else:
            out.append(ch)
    return "".join(out)


ASCII_BITS = [
    "{size}有吗?", "{size}码", "{shoe}码", "size {size}", "{haoxing}", "XL有吗", "yh", "baoyou",
    "{price}元", "ok", "iPhone15拍的", "{height}cm", "{kg}kg", "2件",
]


def add_ascii_bit(rng, slots, s):
    bit = fill(rng, slots, rng.choice(ASCII_BITS))
    return bit + rng.choice(["，", " ", ""]) + s if rng.random() < 0.4 else s + rng.choice(["，", " ", ""]) + bit


def add_emoji(rng, s):
    if rng.random() < 0.3:
        deco = rng.choice(STICKERS)
        if rng.random() < 0.3:
            deco *= rng.randint(2, 3)
    else:
        e = rng.choice(EMOJI)
        deco = e * rng.choice([1, 1, 1, 2, 3]) if rng.random() < 0.8 else e + rng.choice(EMOJI)
    r = rng.random()
    if r < 0.65:
        return s + deco
    if r < 0.8:
        return deco + s
    # inside, at a clause boundary if there is one
    cut = [i + 1 for i, ch in enumerate(s) if ch in "，,。 ？?！!~"]
    i = rng.choice(cut) if cut else len(s)
    return s[:i] + deco + s[i:]


def repeat_punct(rng, s):
    # occasionally stretch the final punctuation: ？ -> ？？？, ! -> !!!!
    if s and s[-1] in "？?！!" and rng.random() < 0.5:
        return s + s[-1] * rng.randint(1, 4)
    return s


def make_message(rng, slots):
    while True:
        msg = base_message(rng, slots)
        emoji = rng.random() < P_EMOJI
        fullwidth = rng.random() < P_FULLWIDTH
        trad = rng.random() < P_TRADITIONAL
        msg = repeat_punct(rng, msg)
        if fullwidth and not re.search(r"[A-Za-z0-9?!]", msg):
            msg = add_ascii_bit(rng, slots, msg)
        if trad:
            msg = to_traditional(msg)
        if fullwidth:
            msg = to_fullwidth(rng, msg)
        if emoji:
            msg = add_emoji(rng, msg)
        msg = msg.strip(" \u3000")
        if "\t" in msg or "\n" in msg or "\r" in msg:
            continue
        if MIN_LEN <= len(msg) <= MAX_LEN:
            return msg


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = argv[1] if len(argv) > 1 else os.path.join(here, "messages.txt")
    rng = random.Random(SEED)
    slots = _slots(rng)
    lines = [make_message(rng, slots) for _ in range(COUNT)]

    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")

    lens = [len(s) for s in lines]
    nbytes = [len(s.encode("utf-8")) for s in lines]
    trad_chars = set(S2T.values()) - set(S2T.keys())
    emoji_re = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]|\\[[^\\]]{1,3}\\]")
    n = len(lines)
    n_trad = sum(1 for s in lines if any(c in trad_chars for c in s))
    n_fw = sum(1 for s in lines if re.search("[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]", s))
    n_emoji = sum(1 for s in lines if emoji_re.search(s))
    buckets = [(2, 4), (5, 20), (21, 39), (40, 80)]
    print(f"wrote {out_path}")
    print(f"lines: {n}  unique: {len(set(lines))}  file bytes: {os.path.getsize(out_path)}")
    print(f"length (chars): mean {sum(lens) / n:.1f}, min {min(lens)}, max {max(lens)}")
    print(f"UTF-8 bytes/line: mean {sum(nbytes) / n:.1f}")
    print("length spread: " + ", ".join(
        f"{lo}-{hi}: {100 * sum(1 for x in lens if lo <= x <= hi) / n:.1f}%" for lo, hi in buckets))
    print(f"lines with: traditional chars {100 * n_trad / n:.1f}%, full-width letters/digits "
          f"{100 * n_fw / n:.1f}%, emoji/sticker {100 * n_emoji / n:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
