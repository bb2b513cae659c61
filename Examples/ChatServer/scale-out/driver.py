#!/usr/bin/env python3
"""The client side of scale-out.sh: conversations through nginx, one replica killed mid-load.

Python 3, standard library only. Every request goes to nginx with the conversation id in the
X-Kefu-Conversation header; the replica that answered is read from X-Kefu-Replica.

1. Conversations: each asks a size question about a product (「这件背心L号多长」 with the
   product id), then a follow-up that only makes sense in context (「那XL呢」). The follow-up is
   understood when the answer's top intent is `size`, its `size` slot is the new size and its
   `product` is the product of the first turn (remembered by the replica, not sent again).
2. Under a background load of new two-turn conversations, one replica is killed (SIGKILL), and
   every conversation of step 1 asks a third turn (「那S呢」). Conversations on the surviving
   replicas must stay where they were and keep their context; the killed replica's must move
   to the survivors and, having no shared store, lose it.

    python3 driver.py --url http://127.0.0.1:PORT --catalog Rules/catalog.yaml \
        --replica kefu-a=PID --replica kefu-b=PID --replica kefu-c=PID --kill kefu-b

Prints the figures and one line per check; exits 1 if a check fails.
"""
import argparse
import collections
import http.client
import json
import os
import re
import signal
import sys
import threading
import time
import urllib.parse

LETTER_SIZES = ["XS", "S", "M", "L", "XL", "2XL", "3XL"]


def catalog_products(path):
    """(id, category, sizes) of the products whose size chart uses letter sizes."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    products = []
    for block in re.split(r"\n  - id: ", text)[1:]:
        product_id = block.split("\n", 1)[0].strip()
        category = re.search(r"^    category: (\S+)", block, flags=re.M)
        chart = block.split("size_chart:", 1)
        if not category or len(chart) < 2:
            continue
        sizes = re.findall(r"^        ([0-9A-Za-z/]+): \{", chart[1], flags=re.M)
        sizes = [s for s in sizes if s in LETTER_SIZES]
        if len(sizes) >= 3:
            products.append((product_id, category.group(1), sizes))
    return products


class Client:
    """One keep-alive connection to nginx, reopened after an error."""

    def __init__(self, url):
        self.host, self.port = url.hostname, url.port
        self.connection = None

    def suggest(self, conversation, body):
        """POST /suggest; returns a record of the request, whatever happened."""
        record = {"conversation": conversation, "start": time.monotonic(), "status": 0, "replica": None,
                  "answer": None, "error": None}
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=15)
            self.connection.request("POST", "/suggest", body=json.dumps(body, ensure_ascii=False).encode(),
                                    headers={"Content-Type": "application/json", "X-Kefu-Conversation": conversation})
            response = self.connection.getresponse()
            data = response.read()
            record["status"], record["replica"] = response.status, response.getheader("X-Kefu-Replica")
            if response.status == 200:
                record["answer"] = json.loads(data)
            else:
                record["error"] = f"HTTP {response.status}: {data[:200].decode(errors='replace')}"
        except (OSError, http.client.HTTPException, ValueError) as error:
            record["error"] = f"{type(error).__name__}: {error}"
            self.connection = None
        record["end"] = time.monotonic()
        return record


def understood(record, size, product):
    """Whether a follow-up was read in context: a size question about `size` of `product`."""
    answer = record["answer"]
    return bool(answer and answer["intents"] and answer["intents"][0]["id"] == "size"
                and answer["slots"].get("size") == size and answer.get("product") == product)


def run_parallel(items, work, threads, url):
    """Runs work(client, item) over items on `threads` threads; returns the results in order."""
    results = [None] * len(items)
    next_index = iter(range(len(items)))
    lock = threading.Lock()

    def worker():
        client = Client(url)
        while True:
            with lock:
                i = next(next_index, None)
            if i is None:
                return
            results[i] = work(client, items[i])

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="nginx, e.g. http://127.0.0.1:8080")
    parser.add_argument("--catalog", required=True, help="Rules/catalog.yaml")
    parser.add_argument("--replica", action="append", required=True, help="NAME=PID, one per replica")
    parser.add_argument("--kill", required=True, help="the replica to kill")
    parser.add_argument("--conversations", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--background-threads", type=int, default=4)
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.url)
    replicas = dict(item.split("=", 1) for item in args.replica)
    if args.kill not in replicas:
        sys.exit(f"driver.py: --kill '{args.kill}' is not one of the replicas {sorted(replicas)}")
    survivors = sorted(set(replicas) - {args.kill})
    products = catalog_products(args.catalog)
    if not products:
        sys.exit(f"driver.py: no product with a letter-size chart in '{args.catalog}'")
    failures = []

    def check(ok, what):
        print(f"{'ok  ' if ok else 'FAIL'}  {what}")
        if not ok:
            failures.append(what)

    # Each conversation: a product, a size asked first, a second and a third size asked after.
    plans = []
    for n in range(args.conversations):
        product, category, sizes = products[n % len(products)]
        k = n // len(products)
        first, second, third = sizes[k % len(sizes)], sizes[(k + 1) % len(sizes)], sizes[(k + 2) % len(sizes)]
        plans.append({"id": f"conv-{os.getpid()}-{n}", "product": product, "category": category,
                      "sizes": (first, second, third)})

    # --- 1. Two turns per conversation, all replicas up.
    def two_turns(client, plan):
        first, second, _ = plan["sizes"]
        one = client.suggest(plan["id"], {"text": f"这件{plan['category']}{first}号多长", "product": plan["product"]})
        two = client.suggest(plan["id"], {"text": f"那{second}呢"})
        return one, two

    started = time.monotonic()
    phase1 = run_parallel(plans, two_turns, args.threads, url)
    phase1_seconds = time.monotonic() - started
    requests1 = [r for pair in phase1 for r in pair]
    failed1 = [r for r in requests1 if r["error"]]
    home = {}  # conversation → the replica that holds it
    same_replica = 0
    kept1 = collections.Counter()
    for plan, (one, two) in zip(plans, phase1):
        home[plan["id"]] = two["replica"]
        same_replica += one["replica"] is not None and one["replica"] == two["replica"]
        if understood(two, plan["sizes"][1], plan["product"]):
            kept1[two["replica"]] += 1
    share1 = collections.Counter(r["replica"] for r in requests1 if not r["error"])
    conversations_on = collections.Counter(home.values())

    # --- 2. Background load; kill one replica; third turns for every conversation of step 1.
    stop = threading.Event()
    background = []
    background_lock = threading.Lock()

    def background_worker(index):
        client = Client(url)
        n = 0
        while not stop.is_set():
            product, category, sizes = products[(index + n) % len(products)]
            conversation = f"bg-{os.getpid()}-{index}-{n}"
            one = client.suggest(conversation, {"text": f"这件{category}{sizes[0]}号多长", "product": product})
            two = client.suggest(conversation, {"text": f"那{sizes[1]}呢"})
            two["kept"] = understood(two, sizes[1], product)
            with background_lock:
                background.append((one, two))
            n += 1

    pool = [threading.Thread(target=background_worker, args=(i,)) for i in range(args.background_threads)]
    for t in pool:
        t.start()
    time.sleep(3)
    os.kill(int(replicas[args.kill]), signal.SIGKILL)
    killed_at = time.monotonic()
    print(f"killed {args.kill} (pid {replicas[args.kill]}) under load")
    time.sleep(0.5)

    def third_turn(client, plan):
        return client.suggest(plan["id"], {"text": f"那{plan['sizes'][2]}呢"})

    phase3 = run_parallel(plans, third_turn, args.threads, url)
    time.sleep(1)
    stop.set()
    for t in pool:
        t.join()

    # Moved conversations: where they went; kept context: per replica they were on.
    moved_to = collections.Counter()
    stayed = survivors_kept = moved_kept = moved = 0
    for plan, record in zip(plans, phase3):
        was = home[plan["id"]]
        kept = understood(record, plan["sizes"][2], plan["product"])
        if was == args.kill:
            moved += 1
            moved_to[record["replica"]] += 1
            moved_kept += kept
        else:
            stayed += record["replica"] == was
            survivors_kept += kept
    on_survivors = args.conversations - conversations_on[args.kill]

    background_requests = [r for pair in background for r in pair]
    all_after = background_requests + phase3
    failed_after = [r for r in all_after if r["error"]]
    in_flight = [r for r in background_requests if r["start"] <= killed_at <= r["end"]]
    before = [r for r in background_requests if r["end"] < killed_at]
    after = [r for r in all_after if r["start"] > killed_at]
    share_before = collections.Counter(r["replica"] for r in before if not r["error"])
    share_after = collections.Counter(r["replica"] for r in after if not r["error"])
    # Background conversations by when their two turns ran.
    pairs_before = [p for p in background if p[1]["end"] < killed_at]
    pairs_after = [p for p in background if p[0]["start"] > killed_at]
    pairs_across = [p for p in background if not p[1]["end"] < killed_at and not p[0]["start"] > killed_at]
    across_victim = [p for p in pairs_across if p[0]["replica"] == args.kill]
    across_others = [p for p in pairs_across if p[0]["replica"] != args.kill]

    def percent(part, whole):
        return f"{100 * part / whole:.1f}%" if whole else "-"

    def shares(counter):
        total = sum(counter.values())
        return ", ".join(f"{name} {counter[name]} ({percent(counter[name], total)})" for name in sorted(replicas))

    print()
    print(f"conversations                      {args.conversations} (products: {len(products)}, "
          f"{args.threads} client threads)")
    print(f"step 1 requests / failed           {len(requests1)} / {len(failed1)} in {phase1_seconds:.1f} s")
    print(f"step 1 requests per replica        {shares(share1)}")
    print(f"step 1 follow-ups understood       {sum(kept1.values())} / {args.conversations} "
          f"({', '.join(f'{n} {kept1[n]}/{conversations_on[n]}' for n in sorted(replicas))})")
    print(f"background conversations           {len(background)} ({len(pairs_before)} before the kill, "
          f"{len(pairs_across)} across it, {len(pairs_after)} after)")
    print(f"requests after the kill / failed   {len(after)} / {len(failed_after)} "
          f"(in flight at the kill: {len(in_flight)})")
    print(f"requests per replica before kill   {shares(share_before)}")
    print(f"requests per replica after kill    {shares(share_after)}")
    print(f"{args.kill}'s conversations moved to     "
          + ", ".join(f"{n} {moved_to[n]}" for n in sorted(moved_to, key=str)))
    print(f"third turn, context kept           on survivors {survivors_kept} / {on_survivors}; "
          f"moved from {args.kill} {moved_kept} / {moved}")
    print(f"background follow-ups understood   before the kill {sum(p[1]['kept'] for p in pairs_before)}"
          f" / {len(pairs_before)}; across it: on survivors {sum(p[1]['kept'] for p in across_others)}"
          f" / {len(across_others)}, from {args.kill} {sum(p[1]['kept'] for p in across_victim)}"
          f" / {len(across_victim)}; after it {sum(p[1]['kept'] for p in pairs_after)} / {len(pairs_after)}")
    for r in (failed1 + failed_after)[:5]:
        print(f"  failed: {r['conversation']}: {r['error']}")
    print()

    check(not failed1, "no request failed with every replica up")
    check(same_replica == args.conversations, "both turns of every conversation reached the same replica")
    check(all(conversations_on[n] >= args.conversations * 0.15 for n in replicas),
          "the hash spreads conversations over all three replicas (at least 15% each)")
    check(sum(kept1.values()) == args.conversations, "every follow-up was understood in context (size, new size, product)")
    check(len(failed_after) <= len(in_flight), f"no request failed after the kill beyond those in flight at it "
          f"({len(failed_after)} failed, {len(in_flight)} in flight)")
    check(share_after.get(args.kill, 0) == 0, f"nothing answered by {args.kill} after the kill")
    check(stayed == on_survivors, "conversations on the surviving replicas stayed where they were")
    check(moved > 0 and sum(moved_to[n] for n in survivors) == moved,
          f"{args.kill}'s conversations moved to the surviving replicas")
    check(survivors_kept == on_survivors, "conversations on the surviving replicas kept their context")
    check(moved_kept == 0, f"{args.kill}'s conversations lost their context (no shared store)")
    check(all(p[1]["kept"] for p in pairs_before + across_others + pairs_after),
          "background conversations kept their context unless their first turn was on the killed replica")
    check(len(after) > 0 and len(pairs_after) > 0, "traffic ran on after the kill")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
