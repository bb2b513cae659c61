#!/usr/bin/env bash
# Load test of the example chat server, with rule reloads (good and broken) under the load.
#
#   Examples/ChatServer/load.sh                  # 180 s of wrk
#   Examples/ChatServer/load.sh --quick          # 20 s
#   Examples/ChatServer/load.sh --duration 600 --connections 32
#
# Builds kefu-server in release mode, starts it on 127.0.0.1 (a free port) with a copy of Rules/
# in a temporary directory, and fills its conversation store (100,000) with a warm-up until the
# store evicts and RSS settles, so that the run is measured at the server's full size. Then runs wrk against
# POST /suggest with real shopper lines (Corpus/ and Benchmarks/Data/messages.txt) in
# conversations, the ids in the body, the header or the query. Meanwhile, every second, it
# samples the server's RSS (VmRSS in /proc/PID/status) and reloads the rules through
# POST /reload; every fifth reload it first writes a rules file with a YAML syntax error into the
# served directory, expects the reload to be refused (422) with the old rules still serving, and
# removes the file. A probe on its own connection parses whole answers and checks that a known
# message keeps answering the intents it answered before the load.
#
# Prints latency percentiles, requests/s, errors, RSS, reloads, and exits non-zero if any check
# fails: an answer that is not 200 or not a well-formed suggestion, a socket error, a probe whose
# intents changed, a broken rule set accepted or a good one refused, RSS growing in the second
# half of the run (over 10% + 8 MB above the middle), shopper text in the log. Everything it started is stopped
# on exit.
#
# Needs swift and python3; installs wrk and curl with apt-get (as root, or through sudo) when
# they are missing.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# fail, need_package, use_work_dir, stop_on_exit, show_on_failure, print_usage, random_token, stop,
# build_release_server, server_port
. "$HERE/common.sh"
DURATION=180
CONNECTIONS=16
BROKEN_EVERY=5

usage() {
    print_usage
    cat <<'EOF'

Options:
  --duration SECONDS     how long wrk runs (default 180)
  --quick                the same as --duration 20
  --connections N        wrk's open connections (default 16; one wrk thread)
  -h, --help             this text
EOF
}

while [ $# -gt 0 ]; do
    case "$1" in
    --duration) DURATION=${2:?--duration needs a number of seconds}; shift 2 ;;
    --duration=*) DURATION=${1#*=}; shift ;;
    --quick) DURATION=20; shift ;;
    --connections) CONNECTIONS=${2:?--connections needs a number}; shift 2 ;;
    --connections=*) CONNECTIONS=${1#*=}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "load.sh: unknown option '$1' (see --help)" >&2; exit 64 ;;
    esac
done
[[ "$DURATION" =~ ^[0-9]+$ ]] && [ "$DURATION" -ge 5 ] || { echo "load.sh: --duration must be 5 or more seconds, not '$DURATION'" >&2; exit 64; }
[[ "$CONNECTIONS" =~ ^[0-9]+$ ]] && [ "$CONNECTIONS" -ge 1 ] || { echo "load.sh: --connections must be 1 or more, not '$CONNECTIONS'" >&2; exit 64; }

use_work_dir load
SERVER_PID="" WRK_PID="" PROBE_PID=""
stop_on_exit WRK_PID PROBE_PID SERVER_PID
show_on_failure 30 "$WORK/server.err"
FAILURES=()

check() {  # check CONDITION-STATUS WHAT: record a failed check, go on to print the rest
    if [ "$1" -ne 0 ]; then FAILURES+=("$2"); echo "FAIL  $2"; else echo "ok    $2"; fi
}

need_package wrk wrk
need_package curl curl
command -v python3 >/dev/null 2>&1 || fail "python3 is needed (the request generator and the probe)"

echo "building kefu-server (release; the first build takes several minutes)…"
build_release_server "$WORK/build.log"

cp -R "$ROOT/Rules" "$WORK/rules"
TOKEN=$(random_token)
KEFU_RELOAD_TOKEN="$TOKEN" LOG_LEVEL=info "$BIN" --host 127.0.0.1 --port 0 --rules "$WORK/rules" --name load \
    </dev/null >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
PORT=$(server_port "$SERVER_PID" "$WORK/server.out" "the server")
BASE="http://127.0.0.1:$PORT"
curl -sf --max-time 5 "$BASE/health" >/dev/null || fail "GET /health failed"
echo "kefu-server (pid $SERVER_PID) on $BASE, rules copied to $WORK/rules"

python3 "$HERE/load/requests.py" "$ROOT" "$WORK/requests.tsv"

# The probe's answer before the load: its intents must stay the same through every reload.
curl -sS --max-time 5 -o "$WORK/probe.json" "$BASE/suggest" -H 'Content-Type: application/json' \
    --data-binary '{"id":"probe","text":"这件背心L号的多长？能包邮吗"}' || fail "the probe request failed"
PROBE_FRAGMENT=$(grep -o '"intents":\[[^]]*\]' "$WORK/probe.json") || fail "no intents in $(cat "$WORK/probe.json")"
PROBE_INTENTS=$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["intents"]))' "$WORK/probe.json")
echo "probe answers $PROBE_FRAGMENT"

rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB$/\1/p' "/proc/$SERVER_PID/status" 2>/dev/null || true; }
conversations() { curl -sS --max-time 5 "$BASE/health" 2>/dev/null | sed -n 's/.*"conversations":\([0-9]*\).*/\1/p'; }
CAPACITY=$(curl -sS --max-time 5 "$BASE/health" 2>/dev/null | sed -n 's/.*"conversation_capacity":\([0-9]*\).*/\1/p')
[ -n "$CAPACITY" ] || fail "GET /health names no conversation_capacity"
RSS_IDLE=$(rss_kb)

# Warm-up: fill the conversation store (its capacity, 100,000) until it is full, and go on until
# RSS settles (no new high for 10 s: from then on each new conversation replaces the oldest),
# so that the run starts at the server's full size and "flat" means flat, not "still filling".
echo "warm-up: new conversations until the store is full and RSS settles…"
KEFU_REQUESTS="$WORK/requests.tsv" wrk -t1 -c"$CONNECTIONS" -d300s -s "$HERE/load/warm-up.lua" "$BASE" </dev/null >"$WORK/warm-up.out" 2>&1 &
WRK_PID=$!
WARM_START=$SECONDS
most=0 full=0 high=0 settled=0
while kill -0 "$WRK_PID" 2>/dev/null; do
    sleep 0.5
    held=$(conversations)
    rss=$(rss_kb)
    [ -n "$held" ] && [ -n "$rss" ] || continue
    most=$((held > most ? held : most))
    if [ "$held" -ge "$CAPACITY" ]; then full=$((full + 1)); fi  # full: each new conversation evicts one
    if [ "$rss" -gt $((high + 1024)) ]; then high=$rss settled=0; else settled=$((settled + 1)); fi
    [ "$full" -gt 0 ] && [ "$settled" -ge 20 ] && break
done
stop "$WRK_PID"
WRK_PID=""
[ "$full" -gt 0 ] || fail "the warm-up did not fill the conversation store (wrk: $(tail -n 3 "$WORK/warm-up.out"))"
RSS_WARM=$(rss_kb)
echo "warm-up: $((SECONDS - WARM_START)) s, store full at $most of $CAPACITY conversations, RSS $((RSS_WARM / 1024)) MB"

echo "wrk: ${DURATION} s, $CONNECTIONS connections; reload every second, a broken rule set every ${BROKEN_EVERY}th"
KEFU_REQUESTS="$WORK/requests.tsv" KEFU_PROBE_INTENTS="$PROBE_FRAGMENT" \
    wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency -s "$HERE/load/suggest.lua" "$BASE" \
    </dev/null >"$WORK/wrk.out" 2>&1 &
WRK_PID=$!
python3 "$HERE/load/probe.py" "$BASE" "$DURATION" "$PROBE_INTENTS" "$WORK/requests.tsv" \
    </dev/null >"$WORK/probe.out" 2>&1 &
PROBE_PID=$!

BROKEN="$WORK/rules/intents/zz-load-broken.yaml"
ACCEPTED=0 REFUSED=0 BROKEN_TRIED=0 GOOD_REFUSED=0 BROKEN_ACCEPTED=0 GENERATION=1 STALE_GENERATION=0
: >"$WORK/rss.log"
START=$(date +%s.%N)
tick=0
while kill -0 "$WRK_PID" 2>/dev/null; do
    tick=$((tick + 1))
    echo "$tick $(rss_kb)" >>"$WORK/rss.log"
    if [ $((tick % BROKEN_EVERY)) -eq 0 ]; then
        BROKEN_TRIED=$((BROKEN_TRIED + 1))
        printf 'intents:\n  - id: broken\n    match:\n      - any: [unclosed, list\n' >"$BROKEN"
    fi
    status=$(curl -sS --max-time 10 -o "$WORK/reload.json" -w '%{http_code}' -X POST \
        -H "Authorization: Bearer $TOKEN" "$BASE/reload" 2>/dev/null || echo 000)
    generation=$(sed -n 's/.*"rules_generation":\([0-9]*\).*/\1/p' "$WORK/reload.json" 2>/dev/null || true)
    if [ -f "$BROKEN" ]; then
        rm -f "$BROKEN"
        if [ "$status" = 422 ] && grep -qF '"invalid-rules"' "$WORK/reload.json"; then
            REFUSED=$((REFUSED + 1))
            [ "$generation" = "$GENERATION" ] || STALE_GENERATION=$((STALE_GENERATION + 1))
        else
            BROKEN_ACCEPTED=$((BROKEN_ACCEPTED + 1))
            echo "a broken rule set answered HTTP $status: $(head -c 300 "$WORK/reload.json")" >&2
        fi
    elif [ "$status" = 200 ]; then
        ACCEPTED=$((ACCEPTED + 1))
        GENERATION=${generation:-$GENERATION}
    else
        GOOD_REFUSED=$((GOOD_REFUSED + 1))
        echo "a good rule set answered HTTP $status: $(head -c 300 "$WORK/reload.json" 2>/dev/null)" >&2
    fi
    # Next tick one second after the last one started.
    python3 -c "import time,sys; s=float(sys.argv[1]); time.sleep(max(0, s + int(sys.argv[2]) - time.time()))" "$START" "$tick"
done
wrk_status=0
wait "$WRK_PID" || wrk_status=$?
WRK_PID=""
probe_status=0
wait "$PROBE_PID" || probe_status=$?
PROBE_PID=""
RSS_AFTER=$(rss_kb)

line=$(grep '^KEFU-WRK ' "$WORK/wrk.out" || true)
[ -n "$line" ] || { cat "$WORK/wrk.out" >&2; fail "wrk printed no figures (exit $wrk_status)"; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $line"; }
HEALTH=$(curl -sS --max-time 5 "$BASE/health" || true)
FINAL_GENERATION=$(sed -n 's/.*"rules_generation":\([0-9]*\).*/\1/p' <<<"$HEALTH")

samples=$(wc -l <"$WORK/rss.log")
rss_at() { awk -v n="$1" 'NR == n { print $2 }' "$WORK/rss.log"; }
RSS_START=$(rss_at 1)
RSS_MIDDLE=$(rss_at $(((samples + 1) / 2)))
RSS_END=$(rss_at "$samples")
RSS_PEAK=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$WORK/rss.log")
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }

echo
echo "== load.sh: $(date -u +%Y-%m-%d), $(nproc) cores, $(field duration_s) s, $CONNECTIONS connections =="
printf '%-28s %s\n' \
    "requests" "$(field requests) ($(field rps) requests/s)" \
    "latency p50 / p90 / p99" "$(field p50_ms) / $(field p90_ms) / $(field p99_ms) ms" \
    "latency max (mean)" "$(field max_ms) ms ($(field mean_ms) ms)" \
    "non-2xx answers" "$(field status)" \
    "socket errors" "connect $(field connect), read $(field read), write $(field write), timeout $(field timeout)" \
    "answers checked / bad" "$(field checked) / $(field bad)" \
    "probe answers (wrk) / bad" "$(field probes) / $(field bad_probes)" \
    "probe answers (parsed)" "$(sed -n 's/^KEFU-PROBE answers=\([0-9]*\) bad=\([0-9]*\)$/\1 \/ \2 bad/p' "$WORK/probe.out")" \
    "RSS idle / after warm-up" "$(mb "$RSS_IDLE") / $(mb "$RSS_WARM") (store full: $most of $CAPACITY conversations)" \
    "RSS start / middle / end" "$(mb "$RSS_START") / $(mb "$RSS_MIDDLE") / $(mb "$RSS_END") (peak $(mb "$RSS_PEAK"), $samples samples)" \
    "reloads accepted / refused" "$ACCEPTED / $REFUSED (broken sets offered: $BROKEN_TRIED)" \
    "rules generation at the end" "$FINAL_GENERATION"
grep '^KEFU-WRK-FIRST-BAD ' "$WORK/wrk.out" | cut -c1-400 || true
grep '^KEFU-PROBE-FIRST-BAD ' "$WORK/probe.out" | cut -c1-400 || true
echo

set +e  # from here on a failed check is recorded and the next one runs
[ "$wrk_status" -eq 0 ]; check $? "wrk exited cleanly"
[ "$(field status)" = 0 ]; check $? "no non-2xx answers"
[ "$(( $(field connect) + $(field read) + $(field write) + $(field timeout) ))" -eq 0 ]; check $? "no socket errors"
[ "$(field bad)" = 0 ] && [ "$(field checked)" -gt 0 ]; check $? "every answer is a well-formed suggestion"
[ "$(field bad_probes)" = 0 ] && [ "$(field probes)" -gt 0 ]; check $? "the probe message answered the same intents throughout (wrk)"
[ "$probe_status" -eq 0 ]; check $? "the probe's answers parse as JSON with the same intents throughout"
[ "$BROKEN_ACCEPTED" -eq 0 ] && [ "$REFUSED" -eq "$BROKEN_TRIED" ] && [ "$STALE_GENERATION" -eq 0 ]
check $? "every broken rule set was refused, the generation before it kept serving"
[ "$GOOD_REFUSED" -eq 0 ] && [ "$ACCEPTED" -gt 0 ]; check $? "every good rule set was accepted"
[ "$FINAL_GENERATION" = $((1 + ACCEPTED)) ]; check $? "the rules generation is 1 + the reloads accepted"
# Flat: the store is full from the warm-up on, and the allocator reaches its high-water mark for
# this mix within the first half, so the second half must not grow: the end at most 10% (plus
# 8 MB of slack) over the middle. A leak (a rule set or a conversation kept per reload or request)
# would grow it steadily.
awk -v m="$RSS_MIDDLE" -v e="$RSS_END" 'BEGIN { exit !(e <= m * 1.10 + 8192) }'
check $? "RSS flat in the second half ($(mb "$RSS_MIDDLE") → $(mb "$RSS_END"))"
kill -0 "$SERVER_PID" 2>/dev/null; check $? "the server is still running"
! grep -qF '这件背心L号的多长' "$WORK/server.err"; check $? "the log carries no shopper text"

if [ ${#FAILURES[@]} -gt 0 ]; then
    echo "load.sh: ${#FAILURES[@]} check(s) failed" >&2
    exit 1
fi
echo "load.sh: all checks passed"
