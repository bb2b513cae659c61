#!/usr/bin/env bash
# Soak test of the filter: ten million JSON lines through one `kefu suggest`, with a million
# conversations, watching throughput and memory from the first million lines to the last.
#
#   bash Benchmarks/soak.sh                          # 10,000,000 lines, 1,000,000 conversations
#   bash Benchmarks/soak.sh --lines 1000000 --conversations 100000
#
# Builds `kefu` in release mode (`swift build -c release --product kefu`) and streams lines from a
# generator straight into `kefu suggest --progress` (no input file is written): the messages of
# Benchmarks/Data/messages.txt cycled, each line `{"id", "text", "conversation", "time"}` and
# a product id from Rules/catalog.yaml on one conversation opening in three. Conversations come in
# pairs of lines and are spread over the ids with a stride, so each id comes back only after
# 2 × CONVERSATIONS lines, long after the store (100,000 conversations) has evicted it; one line in
# ten returns to the conversation of 1,000 lines before (still remembered) and one in ten to that
# of 50,000 lines before. `time` grows by 0.05 s a line, so those 50,000 lines are 2,500 s, past
# the 30-minute idle limit: the store forgets them when they come back.
#
# While it runs it samples kefu's RSS every second (VmRSS, and VmHWM for the peak, from
# /proc/PID/status). The output is counted as it streams, with the time at every million lines.
# Prints the throughput per million lines (wall clock, and kefu's CPU time per message, which a
# busy machine does not change), the overall rate (and what --progress said), peak RSS and the
# line counts. Exits non-zero if the output line count differs from the input's, an
# output line is an error, or peak RSS exceeds the bound (200 MB by default: the store's 100,000
# conversations plus the rules and buffers measure well under it).
#
# Options:
#   --lines N            lines to send (default 10,000,000)
#   --conversations N    distinct conversation ids (default 1,000,000)
#   --max-rss-mb N       the peak RSS bound, in MB (default 200)
#   -h, --help           this text
#
# Needs swift and python3; installs libicu-dev with apt-get when it is missing (as run.sh does).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
LINES=10000000
CONVERSATIONS=1000000
MAX_RSS_MB=200

while [ $# -gt 0 ]; do
    case "$1" in
    --lines) LINES=${2:?--lines needs a number}; shift 2 ;;
    --lines=*) LINES=${1#*=}; shift ;;
    --conversations) CONVERSATIONS=${2:?--conversations needs a number}; shift 2 ;;
    --conversations=*) CONVERSATIONS=${1#*=}; shift ;;
    --max-rss-mb) MAX_RSS_MB=${2:?--max-rss-mb needs a number}; shift 2 ;;
    --max-rss-mb=*) MAX_RSS_MB=${1#*=}; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak.sh: unknown option '$1' (see --help)" >&2; exit 64 ;;
    esac
done
for option in "--lines $LINES" "--conversations $CONVERSATIONS" "--max-rss-mb $MAX_RSS_MB"; do
    value=${option#* }
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ] \
        || { echo "soak.sh: ${option% *} must be a whole number of 1 or more, not '$value'" >&2; exit 64; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kefu-soak.XXXXXX")
PIDS=()
cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
die() { echo "soak.sh: $*" >&2; exit 1; }

command -v swift >/dev/null 2>&1 || die "swift not found on PATH (Swift 6.3 is needed)"
command -v python3 >/dev/null 2>&1 || die "python3 is needed (the generator and the counter)"
if [ "$(uname -s)" = Linux ] && ! [ -f /usr/include/unicode/utrans.h ]; then
    echo "libicu-dev is missing; installing it with apt-get" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq </dev/null && $sudo apt-get install -y -qq libicu-dev </dev/null \
        || die "cannot install libicu-dev"
fi

echo "building kefu (release)…"
(cd "$ROOT" && swift build -c release --product kefu </dev/null >"$WORK/build.log" 2>&1) \
    || { tail -n 40 "$WORK/build.log" >&2; die "the release build of kefu failed"; }
BIN="$(cd "$ROOT" && swift build -c release --show-bin-path </dev/null)/kefu"
[ -x "$BIN" ] || die "no executable at $BIN"

# The generator: JSON lines on stdout, the number written in the file named by its last argument.
cat >"$WORK/generate.py" <<'EOF'
import json, math, re, sys

messages_path, catalog_path, lines, conversations, count_path = sys.argv[1:6]
lines, conversations = int(lines), int(conversations)
with open(messages_path, encoding="utf-8") as f:
    texts = [json.dumps(line.rstrip("\n"), ensure_ascii=False) for line in f if line.strip()]
with open(catalog_path, encoding="utf-8") as f:
    products = re.findall(r"^  - id: (\S+)\s*$", f.read(), flags=re.M)
if not texts or not products:
    sys.exit(f"generate.py: no messages in '{messages_path}' or no products in '{catalog_path}'")
stride = 48271  # a prime: pair j goes to conversation j * stride mod N, all N ids before a repeat
while math.gcd(stride, conversations) != 1:
    stride += 1
T0, STEP = 1_790_000_000.0, 0.05

def conversation(i):
    return (i // 2) * stride % conversations

out = sys.stdout.buffer
batch = []
for i in range(lines):
    if i % 10 == 3 and i >= 1_000:
        c = conversation(i - 1_000)  # back to a conversation still remembered
    elif i % 10 == 7 and i >= 50_000:
        c = conversation(i - 50_000)  # back after 2,500 s: idle too long, forgotten
    else:
        c = conversation(i)
    product = f',"product":"{products[i // 2 % len(products)]}"' if i % 6 == 0 else ""
    batch.append(f'{{"id":{i},"text":{texts[i % len(texts)]},"conversation":"c{c}"{product},'
                 f'"time":{T0 + i * STEP:.2f}}}\n')
    if len(batch) == 4096:
        out.write("".join(batch).encode())
        batch.clear()
out.write("".join(batch).encode())
out.flush()
with open(count_path, "w") as f:
    f.write(f"{lines}\n")
EOF

# The counter: reads kefu's output, notes the time at every million lines (or tenth of the run).
cat >"$WORK/count.py" <<'EOF'
import sys, time

step, report_path = int(sys.argv[1]), sys.argv[2]
count = errors = malformed = 0
start = time.time()
marks = []
for line in sys.stdin.buffer:
    count += 1
    if not (line.startswith(b"{") and line.endswith(b"}\n")):
        malformed += 1
    elif line.startswith(b'{"error":'):
        errors += 1
    if count % step == 0:
        marks.append((count, time.time()))
with open(report_path, "w") as f:
    f.write(f"lines {count}\nerrors {errors}\nmalformed {malformed}\nstart {start:.3f}\n")
    for n, t in marks:
        f.write(f"mark {n} {t:.3f}\n")
    f.write(f"end {count} {time.time():.3f}\n")
EOF

STEP=1000000
[ "$LINES" -ge $((2 * STEP)) ] || STEP=$(((LINES + 9) / 10))
mkfifo "$WORK/in" "$WORK/out"
echo "soak: $LINES lines, $CONVERSATIONS conversations, RSS bound $MAX_RSS_MB MB ($(nproc) cores)"
python3 "$WORK/count.py" "$STEP" "$WORK/counts" <"$WORK/out" &
PIDS+=($!)
COUNTER_PID=$!
"$BIN" suggest --progress --rules "$ROOT/Rules" <"$WORK/in" >"$WORK/out" 2>"$WORK/progress" &
PIDS+=($!)
KEFU_PID=$!
python3 "$WORK/generate.py" "$BENCH/Data/messages.txt" "$ROOT/Rules/catalog.yaml" "$LINES" "$CONVERSATIONS" \
    "$WORK/generated" >"$WORK/in" &
PIDS+=($!)
GENERATOR_PID=$!

# Every second while kefu runs: the time, RSS, peak RSS and the CPU time kefu has used (user +
# system, in clock ticks), so that its cost per message can be told apart from a busy machine
# taking the core away from it. A progress line every 30 s.
: >"$WORK/rss"
tick=0
while kill -0 "$KEFU_PID" 2>/dev/null; do
    status=$(cat "/proc/$KEFU_PID/status" 2>/dev/null || true)
    rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB$/\1/p' <<<"$status")
    hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB$/\1/p' <<<"$status")
    cpu=$(awk '{ print $14 + $15 }' "/proc/$KEFU_PID/stat" 2>/dev/null || true)
    [ -n "$rss" ] && [ -n "$cpu" ] && echo "$tick $rss $hwm $cpu $(date +%s.%N)" >>"$WORK/rss"
    if [ $((tick % 30)) -eq 0 ] && [ "$tick" -gt 0 ] && [ -n "$rss" ]; then
        echo "  ${tick} s: $(tail -n 1 "$WORK/progress" 2>/dev/null | sed 's/^kefu: //'), RSS $((rss / 1024)) MB"
    fi
    tick=$((tick + 1))
    sleep 1
done
kefu_status=0
wait "$KEFU_PID" || kefu_status=$?
generator_status=0
wait "$GENERATOR_PID" || generator_status=$?
wait "$COUNTER_PID" || die "the output counter failed"
PIDS=()

[ "$kefu_status" -eq 0 ] || die "kefu suggest exited with status $kefu_status: $(tail -n 5 "$WORK/progress")"
[ "$generator_status" -eq 0 ] || die "the generator exited with status $generator_status"
GENERATED=$(cat "$WORK/generated" 2>/dev/null || echo 0)
OUT_LINES=$(awk '$1 == "lines" { print $2 }' "$WORK/counts")
ERRORS=$(awk '$1 == "errors" { print $2 }' "$WORK/counts")
MALFORMED=$(awk '$1 == "malformed" { print $2 }' "$WORK/counts")
ELAPSED=$(awk '$1 == "start" { s = $2 } $1 == "end" { printf "%.1f", $3 - s }' "$WORK/counts")
TICKS=$(getconf CLK_TCK)
CPU_SECONDS=$(awk -v hz="$TICKS" 'END { printf "%.1f", $4 / hz }' "$WORK/rss")
PEAK_KB=$(awk 'BEGIN { m = 0 } { if ($2 > m) m = $2; if ($3 > m) m = $3 } END { print m }' "$WORK/rss")
LAST_RSS_KB=$(awk 'END { print $2 }' "$WORK/rss")
SAMPLES=$(wc -l <"$WORK/rss")

echo
echo "== soak.sh: $(date -u +%Y-%m-%d), $(nproc) cores, $LINES lines, $CONVERSATIONS conversations =="
# Per step (a million lines): the wall-clock rate, and kefu's CPU time per message (the CPU
# ticks sampled last before each mark; a sample every second, so ±1 s of CPU per step).
awk -v step="$STEP" -v hz="$TICKS" '
    FNR == NR { if (NF >= 5) { n_samples++; at[n_samples] = $5; cpu[n_samples] = $4 }; next }
    $1 == "start" { last = $2; last_cpu = 0 }
    $1 == "mark" {
        n = $2; t = $3; rate = step / (t - last)
        c = 0; for (i = 1; i <= n_samples && at[i] <= t; i++) c = cpu[i]
        us = (c - last_cpu) / hz / step * 1e6
        printf "  lines %9d–%-9d %7.1f s  %7.0f messages/s  %5.1f µs CPU/message\n", n - step + 1, n, t - last, rate, us
        if (first == 0) { first = rate; first_us = us }
        lo = (lo == 0 || rate < lo) ? rate : lo; hi = rate > hi ? rate : hi; final = rate; final_us = us
        last = t; last_cpu = c
    }
    END { if (first > 0) printf "  per %d lines: first %.0f, last %.0f, lowest %.0f, highest %.0f messages/s; CPU first %.1f, last %.1f µs/message\n", step, first, final, lo, hi, first_us, final_us }
' "$WORK/rss" "$WORK/counts"
printf '%-26s %s\n' \
    "lines in / out" "$GENERATED / $OUT_LINES" \
    "error / malformed lines" "$ERRORS / $MALFORMED" \
    "elapsed" "$ELAPSED s ($(awk -v n="$OUT_LINES" -v t="$ELAPSED" 'BEGIN { printf "%.0f", n / t }') messages/s)" \
    "kefu CPU time" "$CPU_SECONDS s ($(awk -v n="$OUT_LINES" -v c="$CPU_SECONDS" 'BEGIN { printf "%.1f µs/message, %.0f messages per CPU-second", c / n * 1e6, n / c }'))" \
    "kefu --progress said" "$(tail -n 1 "$WORK/progress" | sed 's/^kefu: //')" \
    "peak RSS (VmHWM)" "$((PEAK_KB / 1024)) MB (bound $MAX_RSS_MB MB; at the end $((LAST_RSS_KB / 1024)) MB; $SAMPLES samples)"
awk -v step="$SAMPLES" 'NR == 1 { t0 = $5 }
    NR == 1 || NR == int(step / 4) || NR == int(step / 2) || NR == int(3 * step / 4) || NR == step {
        printf "  RSS at %5.0f s: %d MB\n", $5 - t0, $2 / 1024 }' "$WORK/rss"

failed=0
if [ "$OUT_LINES" != "$LINES" ] || [ "$GENERATED" != "$LINES" ]; then
    echo "FAIL  output lines $OUT_LINES, input lines $GENERATED (expected $LINES)"; failed=1
else
    echo "ok    one output line for each of the $LINES input lines"
fi
if [ "$ERRORS" != 0 ] || [ "$MALFORMED" != 0 ]; then
    echo "FAIL  $ERRORS error lines and $MALFORMED malformed lines in the output"; failed=1
else
    echo "ok    every output line is an answer"
fi
if [ "$PEAK_KB" -gt $((MAX_RSS_MB * 1024)) ]; then
    echo "FAIL  peak RSS $((PEAK_KB / 1024)) MB is over the bound of $MAX_RSS_MB MB"; failed=1
else
    echo "ok    peak RSS $((PEAK_KB / 1024)) MB is within $MAX_RSS_MB MB"
fi
exit "$failed"
