#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into Fuzz/.build-seeds/<target>/ (not committed).

    python3 Fuzz/make-seeds.py [OUTPUT_DIR]

- FuzzNormalizeSegment: the message of every line of Corpus/train/*.tsv (label<TAB>message).
- FuzzSuggest: the same messages behind the target's 3-byte header (product, state and limits
  choices, varied per line), and a few two- and three-message conversations joined by NUL bytes.
- FuzzRuleLoader: every Rules/**/*.yaml file; files over 4,096 bytes (run.sh's -max_len) also as
  chunks of whole top-level list items under their key, so that every part is reachable.
- FuzzRequestJSON: the messages as `kefu suggest` JSON requests, with ids, products of
  Rules/catalog.yaml, conversations and times, and a few malformed ones.
"""
import glob
import hashlib
import json
import os
import re
import sys

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(FUZZ, ".build-seeds")
MAX_LEN = 4096


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = data[:MAX_LEN]
    directory = os.path.join(OUT, target)
    os.makedirs(directory, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


messages = []
for path in sorted(glob.glob(os.path.join(ROOT, "Corpus", "train", "*.tsv"))):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            text = line.split("\t", 1)[1] if "\t" in line else line
            messages.append(text)

products = []
catalog = os.path.join(ROOT, "Rules", "catalog.yaml")
if os.path.exists(catalog):
    with open(catalog, encoding="utf-8") as f:
        products = re.findall(r"^\s*- id:\s*(\S+)", f.read(), re.M)

for i, text in enumerate(messages):
    raw = text.encode("utf-8", "surrogateescape")
    write("FuzzNormalizeSegment", raw)
    header = bytes([i % 19, (i * 7) % 256, (i * 13) % 256])
    write("FuzzSuggest", header + raw)
    if i % 5 == 0 and i + 2 < len(messages):
        follow = messages[i + 1].encode("utf-8", "surrogateescape")
        write("FuzzSuggest", header + raw + b"\0" + follow + b"\0" + "那XL呢".encode())
    request = {"id": i if i % 2 else f"r{i}", "text": text}
    if products and i % 3 == 0:
        request["product"] = products[i % len(products)]
    if i % 4 == 0:
        request["conversation"] = f"c{i % 7}"
    if i % 6 == 0:
        request["time"] = 1_700_000_000 + i * 60
    write("FuzzRequestJSON", json.dumps(request, ensure_ascii=i % 2 == 0))

for extra in ['{"text": 3}', '{"id": [1], "text": "x"}', '{"id": null, "text": null}', '{"text": "x", "time": "soon"}',
              '{"text": "能便宜点吗", "product": "no-such-product"}', '[]', '{}', '{"text":"\\ud83d"}']:
    write("FuzzRequestJSON", extra)

for path in sorted(glob.glob(os.path.join(ROOT, "Rules", "**", "*.y*ml"), recursive=True)):
    with open(path, "rb") as f:
        data = f.read()
    write("FuzzRuleLoader", data)
    if len(data) <= MAX_LEN:
        continue
    # Chunks: a top-level key line, then as many of its "  - " items as fit.
    key, items, current = None, [], []
    for line in data.decode("utf-8").splitlines(keepends=True):
        if re.match(r"^[A-Za-z_]+:", line):
            if current:
                items.append((key, "".join(current)))
                current = []
            key = line
        elif re.match(r"^  - ", line) and current:
            items.append((key, "".join(current)))
            current = [line]
        elif key is not None:
            current.append(line)
    if current:
        items.append((key, "".join(current)))
    chunk_key, chunk = None, ""
    for item_key, item in items:
        if item_key != chunk_key or len(chunk) + len(item) > MAX_LEN - 200:
            if chunk:
                write("FuzzRuleLoader", chunk_key + chunk)
            chunk_key, chunk = item_key, ""
        chunk += item
    if chunk:
        write("FuzzRuleLoader", chunk_key + chunk)


# Inputs that once failed are seeds too, so every run replays them first.
for path in sorted(glob.glob(os.path.join(FUZZ, "Regressions", "*", "*"))):
    with open(path, "rb") as f:
        write(os.path.basename(os.path.dirname(path)), f.read())

for target in sorted(os.listdir(OUT)):
    print(f"seeds: {target}: {len(os.listdir(os.path.join(OUT, target)))} files")
