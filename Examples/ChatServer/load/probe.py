#!/usr/bin/env python3
"""The side check of load.sh: while wrk loads the server and the rules are reloaded, parse
whole answers and compare a known message's intents with what it answered before the load.

wrk's script checks the shape of every answer with plain string searches; this one parses
them as JSON (about 40 answers a second on one keep-alive connection), so an answer that is
cut, doubled or mixed from two rule sets would fail here even if it fooled the string checks.

    python3 probe.py BASE_URL SECONDS EXPECTED_INTENTS_JSON REQUESTS_FILE

Prints one line `KEFU-PROBE answers=N bad=N`, then the first bad answer if any; exits 1 if
any answer was bad.
"""
import http.client
import json
import random
import sys
import time
import urllib.parse

PROBE = {"id": "probe", "text": "这件背心L号的多长？能包邮吗"}


def check(answer, expected_intents=None):
    """Why an answer is not a well-formed suggestion, or None."""
    if not isinstance(answer, dict):
        return "not a JSON object"
    for key, kind in (("intents", list), ("slots", dict), ("replies", list), ("products", list), ("text", str)):
        if not isinstance(answer.get(key), kind):
            return f"field '{key}' missing or not a {kind.__name__}"
    for intent in answer["intents"]:
        if not (isinstance(intent.get("id"), str) and 0 <= intent.get("score", -1) <= 1):
            return f"bad intent {intent!r}"
    for reply in answer["replies"]:
        if not all(isinstance(reply.get(k), str) for k in ("id", "intent", "text", "because")):
            return f"bad reply {reply!r}"
        if "{" in reply["text"]:
            return f"a placeholder left in reply {reply['id']!r}"
    if expected_intents is not None and answer["intents"] != expected_intents:
        return f"intents {answer['intents']!r}, expected {expected_intents!r}"
    return None


def main():
    base, seconds, expected = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
    with open(sys.argv[4], encoding="utf-8") as f:
        bodies = [line.rstrip("\n").split("\t", 2)[2] for line in f if line.count("\t") >= 2]
    url = urllib.parse.urlsplit(base)
    rng = random.Random(7)
    answers, bad, first_bad = 0, 0, None
    connection = None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for body, expected_intents in ((json.dumps(PROBE, ensure_ascii=False), expected), (rng.choice(bodies), None)):
            answers += 1
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
                connection.request("POST", "/suggest", body=body.encode(),
                                   headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                data = response.read()
                problem = f"HTTP {response.status}" if response.status != 200 else None
                problem = problem or check(json.loads(data), expected_intents)
            except (OSError, http.client.HTTPException, ValueError) as error:
                problem, data = f"{type(error).__name__}: {error}", b""
                connection = None
            if problem:
                bad += 1
                first_bad = first_bad or f"{problem}: {data[:300].decode(errors='replace')}"
        time.sleep(0.05)
    print(f"KEFU-PROBE answers={answers} bad={bad}")
    if first_bad:
        print(f"KEFU-PROBE-FIRST-BAD {first_bad}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
