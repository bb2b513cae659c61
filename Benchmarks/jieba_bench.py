#!/usr/bin/env python3
"""Time jieba.lcut over a file of chat messages (one per line).

Reference point for Kefu's segmenter. The dictionary is loaded
(jieba.initialize()) and one warm-up pass is run before timing; then every
line is segmented with jieba.lcut(line) (default: accurate mode, HMM on) for
--passes passes and the best (fastest) pass is reported:

    jieba <version> lcut: N messages, X.XX µs/message, Y.YY MB/s

MB/s is UTF-8 input bytes (newlines excluded) per second, 1 MB = 10^6 bytes.
With --json a single JSON object is printed instead.

Usually run through jieba-compare.sh, which sets up a venv with jieba.
"""

import argparse
import json
import logging
import os
import sys
import time
import warnings


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", nargs="?", default=os.path.join(here, "Data", "messages.txt"),
                    help="messages, one per line (default: Benchmarks/Data/messages.txt)")
    ap.add_argument("--passes", type=int, default=5, help="timed passes, best is reported (min 3, default 5)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the text line")
    args = ap.parse_args()
    passes = max(3, args.passes)

    # jieba 0.42 imports pkg_resources (deprecated) and has old regex escapes.
    warnings.filterwarnings("ignore")
    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict..." chatter
    jieba.initialize()

    with open(args.file, encoding="utf-8") as f:
        lines = [line.rstrip("\r\n") for line in f]
    lines = [line for line in lines if line]
    if not lines:
        sys.exit(f"jieba_bench: no messages in {args.file}")
    n = len(lines)
    nbytes = sum(len(line.encode("utf-8")) for line in lines)

    lcut = jieba.lcut
    tokens = 0
    for line in lines:  # warm-up: caches, branch predictors, lazy imports
        tokens += len(lcut(line))

    best = float("inf")
    for _ in range(passes):
        t0 = time.perf_counter()
        for line in lines:
            lcut(line)
        best = min(best, time.perf_counter() - t0)

    us_per_message = best / n * 1e6
    mb_per_s = nbytes / best / 1e6
    version = getattr(jieba, "__version__", "unknown")
    if args.json:
        print(json.dumps({
            "tool": "jieba",
            "version": version,
            "messages": n,
            "bytes": nbytes,
            "tokens": tokens,
            "passes": passes,
            "us_per_message": round(us_per_message, 3),
            "mb_per_s": round(mb_per_s, 3),
        }))
    else:
        print(f"jieba {version} lcut: {n} messages, {us_per_message:.2f} µs/message, {mb_per_s:.2f} MB/s")


if __name__ == "__main__":
    main()
