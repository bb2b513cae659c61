#!/usr/bin/env python3
"""Writes a synthetic rule set: the shipped Rules/ plus 10,000 generated intents naming 100,000 terms.

Usage: make_synthetic_rules.py OUT_DIR [--intents N] [--terms-per-intent K]

The generated terms are random 2-4 character words over common Chinese characters, so most of
them never occur in a shopper's message: the benchmark shows that a message's cost depends on
the matches it finds, not on the number of rules. Deterministic (fixed seed).
"""
import argparse
import os
import random
import shutil

COMMON = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
          "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好"
          "应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道"
          "命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长"
          "求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质")

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--intents", type=int, default=10_000)
    parser.add_argument("--terms-per-intent", type=int, default=10)
    parser.add_argument("--products", type=int, default=0, help="also write a synthetic catalog of N products")
    args = parser.parse_args()
    rng = random.Random(20261123)
    here = os.path.dirname(os.path.abspath(__file__))
    rules = os.path.join(here, "..", "..", "Rules")
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    shutil.copytree(rules, args.out)
    terms = set()
    lines = ["intents:"]
    for i in range(args.intents):
        words = []
        while len(words) < args.terms_per_intent:
            w = "".join(rng.choice(COMMON) for _ in range(rng.randint(2, 4)))
            if w not in terms:
                terms.add(w)
                words.append(w)
        lines.append(f"  - id: synthetic_{i}")
        lines.append(f"    name: 合成{i}")
        lines.append("    match:")
        lines.append(f"      - any: [{', '.join(words[:5])}]")
        lines.append(f"      - all: [{words[5]}, [{words[6]}, {words[7]}]]")
        lines.append(f"      - seq: [{words[8]}, {words[9]}]")
    with open(os.path.join(args.out, "synthetic.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    categories = ["背心", "连衣裙", "卫衣", "毛衣", "牛仔裤", "阔腿裤", "男鞋", "运动鞋", "衬衫", "外套"]
    materials = ["棉", "羊毛", "涤纶", "真丝", "亚麻", "牛仔", "真皮"]
    colours = ["白色", "黑色", "灰色", "红色", "蓝色", "卡其色"]
    per_file = 5000
    for start in range(0, args.products, per_file):
        out = ["products:"]
        for i in range(start, min(args.products, start + per_file)):
            c = rng.choice(categories)
            out.append(f"  - id: synthetic-{i}")
            out.append(f"    name: 合成{c}{i}")
            out.append(f"    category: {c}")
            out.append(f"    price: {rng.randint(39, 599)}")
            out.append(f"    materials: [{rng.choice(materials)}]")
            out.append(f"    colours: [{', '.join(rng.sample(colours, 2))}]")
            out.append(f"    stock: {{S: {rng.randint(0, 9)}, M: {rng.randint(0, 9)}, L: {rng.randint(0, 9)}}}")
            out.append(f"    selling_points: [卖点{i}]")
        with open(os.path.join(args.out, f"synthetic-catalog-{start // per_file:03}.yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")
    print(f"{args.out}: {args.intents} synthetic intents, {len(terms)} terms, {args.products} synthetic products "
          "(plus the shipped rules)")

if __name__ == "__main__":
    main()
