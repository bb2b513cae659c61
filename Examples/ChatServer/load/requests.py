#!/usr/bin/env python3
"""Writes the requests load.sh's wrk script sends: real shopper lines in conversations.

One request a line, three tab-separated fields: where the conversation id goes (`body`,
`header`, `query` or `none`), the conversation id (empty for `none`), and the JSON body
without the conversation. Messages come from Corpus/*/*.tsv (the labelled lines) and
Benchmarks/Data/messages.txt; a conversation is a first message (about a product from
Rules/catalog.yaml one time in three) and up to two follow-ups, some of which only make sense
in context (那XL呢, 还能便宜点吗). Every 50th request is the probe, a fixed message with a fixed
answer, which the wrk script checks byte for byte.

    python3 requests.py REPO_ROOT OUT_FILE [CONVERSATIONS]
"""
import glob
import json
import os
import random
import re
import sys

PROBE = {"id": "probe", "text": "这件背心L号的多长？能包邮吗"}
FOLLOW_UPS = ["那XL呢", "那M呢", "那L呢", "S码呢", "还能便宜点吗", "再便宜点呗", "能包邮吗", "多久发货",
              "有优惠券吗", "好的谢谢", "那就拍了", "洗了会缩水吗"]


def messages(root):
    lines = []
    for path in sorted(glob.glob(os.path.join(root, "Corpus", "*", "*.tsv"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 2 and parts[1].strip():
                    lines.append(parts[1])
    with open(os.path.join(root, "Benchmarks", "Data", "messages.txt"), encoding="utf-8") as f:
        lines.extend(line.rstrip("\n") for line in f if line.strip())
    return lines


def products(root):
    with open(os.path.join(root, "Rules", "catalog.yaml"), encoding="utf-8") as f:
        return re.findall(r"^  - id: (\S+)\s*$", f.read(), flags=re.M)


def main():
    root, out = sys.argv[1], sys.argv[2]
    conversations = int(sys.argv[3]) if len(sys.argv) > 3 else 12_000
    pool, catalog = messages(root), products(root)
    if not pool or not catalog:
        sys.exit(f"requests.py: no messages or no products under '{root}'")
    rng = random.Random(20261123)
    written = 0
    with open(out, "w", encoding="utf-8") as f:
        def emit(mode, conversation, body):
            nonlocal written
            if written % 50 == 0:
                f.write("none\t\t" + json.dumps(PROBE, ensure_ascii=False) + "\n")
                written += 1
            f.write(f"{mode}\t{conversation}\t{json.dumps(body, ensure_ascii=False)}\n")
            written += 1

        for n in range(conversations):
            mode = rng.choice(["body", "header", "header", "query", "none"])
            conversation = "" if mode == "none" else f"c{n}"
            first = {"id": written, "text": rng.choice(pool)}
            if rng.random() < 1 / 3:
                first["product"] = rng.choice(catalog)
            emit(mode, conversation, first)
            for _ in range(rng.randrange(3)):
                text = rng.choice(FOLLOW_UPS) if rng.random() < 0.6 else rng.choice(pool)
                emit(mode, conversation, {"id": written, "text": text})
    print(f"{written} requests from {len(pool)} messages and {len(catalog)} products", file=sys.stderr)


if __name__ == "__main__":
    main()
