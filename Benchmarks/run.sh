#!/usr/bin/env bash
# Kefu's benchmarks in one go, from a fresh clone:
#
#   bash Benchmarks/run.sh [--quick]
#
#   1. installs what is missing: libicu-dev (apt-get), and python3-venv when python3 cannot make a
#      venv; jieba goes into the venv Benchmarks/.build-venv (made by jieba-compare.sh);
#   2. builds the Benchmarks package in release mode (scratch path Benchmarks/.build);
#   3. runs KefuThroughput (µs/message and MB/s for normalize, segment, both, a 15-character
#      message, Traditional→Simplified by ICU transliterator vs table) and jieba.lcut over the same
#      file, then prints Kefu and jieba side by side with their ratio;
#   4. runs KefuMatchThroughput (analyze / suggest µs/message, rule compile time) on the shipped
#      Rules/ and on a synthetic set (Rules/ + 10,000 intents, 100,000 terms, 100,000 products,
#      written by Data/make_synthetic_rules.py to Benchmarks/.build/synthetic-rules);
#   5. runs KefuRequestDecode (ns per JSON request: JSONDecoder against the hand-written reader),
#      then times the filter: `kefu suggest < 1,000,000 lines > out.jsonl` (the root package's
#      release build, shipped rules), plain-text lines and the same as {"id","text"} JSON lines,
#      messages/s and peak RSS, two passes each;
#   6. runs the package-benchmark suite (wall clock percentiles, malloc counts).
#
# Options:
#   --quick          skip the synthetic rule set (about a minute) and the package-benchmark suite
#   --messages FILE  messages to time, one a line (default: Benchmarks/Data/messages.txt)
#   --filter-lines N lines for the filter benchmark, `kefu suggest < N lines` (default 1,000,000)
#   -h, --help       this text
#
# Needs Swift 6.3 (package-benchmark counts mallocs with its interposer, no jemalloc needed) and
# python3. Runs without a terminal or stdin (CI=true is fine); apt-get runs only when something
# is missing, as root or through passwordless sudo.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRATCH="$BENCH/.build"
MESSAGES="$BENCH/Data/messages.txt"
QUICK=0
FILTER_LINES=1000000

while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --messages) MESSAGES="${2:?--messages needs a file}"; shift ;;
        --messages=*) MESSAGES="${1#--messages=}" ;;
        --filter-lines) FILTER_LINES="${2:?--filter-lines needs a number}"; shift ;;
        -h|--help) sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
MESSAGES="$(cd "$(dirname "$MESSAGES")" && pwd)/$(basename "$MESSAGES")"
[ -f "$MESSAGES" ] || { echo "run.sh: no such file: $MESSAGES" >&2; exit 1; }

section() { printf '\n==== %s ====\n' "$*"; }
die() { echo "run.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
section "Prerequisites"

command -v swift >/dev/null 2>&1 || die "swift not found on PATH (Swift 6.3 is needed)"

missing=()
if [ "$(uname -s)" = Linux ]; then
    if ! { [ -f /usr/include/unicode/utrans.h ] || pkg-config --exists icu-i18n 2>/dev/null; }; then
        missing+=(libicu-dev)
    fi
fi
PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    missing+=(python3 python3-venv)
elif [ ! -x "${JIEBA_VENV:-$BENCH/.build-venv}/bin/python" ] \
    && ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing+=(python3-venv)
fi

if [ ${#missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=(sudo -n)
    else
        die "missing ${missing[*]}: install them (apt-get needs root or passwordless sudo)"
    fi
    echo "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq </dev/null
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
else
    echo "nothing to install"
fi

# ---------------------------------------------------------------------------------------------
section "Machine"

cpu="$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*: *//' || true)"
[ -n "$cpu" ] || cpu="$(sysctl -n machdep.cpu.brand_string 2>/dev/null || uname -m)"
ncpu="$(nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo '?')"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:     $cpu ($ncpu cores)"
echo "os:      $(uname -srm)"
echo "swift:   $(swift --version 2>&1 | grep -m1 -i 'swift version' || swift --version 2>&1 | head -n1)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load average[s]*: //')"
echo "commit:  $(git -C "$BENCH" rev-parse --short HEAD 2>/dev/null || echo '?')$(
    git -C "$BENCH" status --porcelain -- .. 2>/dev/null | grep -q . && echo ' (with local changes)' || true)"

# ---------------------------------------------------------------------------------------------
section "Build (release)"

swift build -c release --package-path "$BENCH" --scratch-path "$SCRATCH" </dev/null
BIN="$(swift build -c release --package-path "$BENCH" --scratch-path "$SCRATCH" --show-bin-path </dev/null)"

# ---------------------------------------------------------------------------------------------
section "Kefu: KefuThroughput (fastest pass; at least 5 passes and 1 s of timed work)"

kefu_out="$(mktemp)"
jieba_out="$(mktemp)"
trap 'rm -f "$kefu_out" "$jieba_out"' EXIT

"$BIN/KefuThroughput" "$MESSAGES" </dev/null | tee "$kefu_out"

# ---------------------------------------------------------------------------------------------
section "jieba: jieba.lcut over the same file (best of 5 passes)"

"$BENCH/jieba-compare.sh" "$MESSAGES" </dev/null | tee "$jieba_out"

# ---------------------------------------------------------------------------------------------
section "Kefu vs jieba (same file, same run)"

# "<label>: N messages, X µs/message, Y MB/s" -> "X Y" for the line whose label is $2.
figures() {
    awk -F', ' -v label="$2" 'index($1, label ": ") == 1 { split($2, t, " "); split($3, r, " "); print t[1], r[1] }' "$1"
}
jieba_label="$(awk -F': ' '/^jieba .* lcut: / { print $1; exit }' "$jieba_out")"
[ -n "$jieba_label" ] || die "no result line from jieba-compare.sh"
read -r kn_us kn_mb <<<"$(figures "$kefu_out" "kefu normalize")"
read -r ks_us ks_mb <<<"$(figures "$kefu_out" "kefu segment")"
read -r kb_us kb_mb <<<"$(figures "$kefu_out" "kefu normalize+segment")"
read -r j_us j_mb <<<"$(figures "$jieba_out" "$jieba_label")"
[ -n "${ks_us:-}" ] && [ -n "${kb_us:-}" ] && [ -n "${j_us:-}" ] || die "could not read the figures back"

awk -v kn_us="$kn_us" -v kn_mb="$kn_mb" -v ks_us="$ks_us" -v ks_mb="$ks_mb" \
    -v kb_us="$kb_us" -v kb_mb="$kb_mb" -v j_us="$j_us" -v j_mb="$j_mb" -v jl="$jieba_label" \
    -v file="$MESSAGES" 'BEGIN {
    printf "messages: %s\n\n", file
    printf "  %-26s %12s %10s %16s\n", "", "µs/message", "MB/s", "vs jieba"
    printf "  %-26s %12.2f %10.2f %15.1f×\n", "kefu normalize", kn_us, kn_mb, j_us / kn_us
    printf "  %-26s %12.2f %10.2f %15.1f×\n", "kefu segment", ks_us, ks_mb, j_us / ks_us
    printf "  %-26s %12.2f %10.2f %15.1f×\n", "kefu normalize+segment", kb_us, kb_mb, j_us / kb_us
    printf "  %-26s %12.2f %10.2f %16s\n", jl, j_us, j_mb, "1.0×"
    printf "\nratio kefu segment / jieba:           %.3f (jieba takes %.1f× as long per message)\n", ks_us / j_us, j_us / ks_us
    printf "ratio kefu normalize+segment / jieba: %.3f (jieba takes %.1f× as long per message)\n", kb_us / j_us, j_us / kb_us
}'

# ---------------------------------------------------------------------------------------------
section "Kefu matching: KefuMatchThroughput on the shipped rules"

"$BIN/KefuMatchThroughput" "$(cd "$BENCH/.." && pwd)/Rules" "$MESSAGES" </dev/null

# ---------------------------------------------------------------------------------------------
section "Reading a JSON line: KefuRequestDecode (JSONDecoder vs RequestReader, fastest pass)"

"$BIN/KefuRequestDecode" "$MESSAGES" </dev/null

# ---------------------------------------------------------------------------------------------
section "The filter: kefu suggest < $FILTER_LINES lines > out.jsonl (shipped rules)"

# The messages file cycled to FILTER_LINES lines, plain text and as JSON; the binary is the root package's
# release build (the one the README's main command runs). /usr/bin/time gives wall time and peak RSS.
ROOT="$(dirname "$BENCH")"
swift build -c release --package-path "$ROOT" --product kefu </dev/null 2>&1 | tail -1
KEFU="$(swift build -c release --package-path "$ROOT" --show-bin-path </dev/null)/kefu"
filter_in="$SCRATCH/filter-input.txt"
filter_json="$SCRATCH/filter-input.jsonl"
filter_out="$SCRATCH/filter-output.jsonl"
python3 - "$MESSAGES" "$FILTER_LINES" "$filter_in" "$filter_json" <<'PY'
import json, sys
messages = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
count = int(sys.argv[2])
with open(sys.argv[3], "w", encoding="utf-8") as out, open(sys.argv[4], "w", encoding="utf-8") as js:
    for i in range(count):
        message = messages[i % len(messages)]
        out.write(message + "\n")
        js.write(json.dumps({"id": i, "text": message}, ensure_ascii=False, separators=(",", ":")) + "\n")
PY
for input in "$filter_in" "$filter_json"; do
    kind=plain; [ "$input" = "$filter_json" ] && kind='JSON {"id","text"}'
    for pass in 1 2; do
        /usr/bin/time -f "%e %M" -o "$SCRATCH/filter-time.txt" "$KEFU" suggest --rules "$ROOT/Rules" \
            <"$input" >"$filter_out"
        read -r seconds rss_kb <"$SCRATCH/filter-time.txt"
        lines_out="$(wc -l <"$filter_out")"
        [ "$lines_out" -eq "$FILTER_LINES" ] || die "filter wrote $lines_out lines for $FILTER_LINES"
        awk -v s="$seconds" -v n="$FILTER_LINES" -v kb="$rss_kb" -v p="$pass" -v k="$kind" 'BEGIN {
            printf "kefu filter, %s lines, pass %d: %d lines in %.2f s, %.0f messages/s, peak RSS %.1f MB\n", k, p, n, s, n / s, kb / 1024 }'
    done
done
rm -f "$filter_in" "$filter_json" "$filter_out"

if [ "$QUICK" -eq 1 ]; then
    section "Kefu matching on the synthetic rule set: skipped (--quick)"
    section "package-benchmark suite: skipped (--quick)"
    exit 0
fi

section "Kefu matching: KefuMatchThroughput on a synthetic rule set"

"$PYTHON" "$BENCH/Data/make_synthetic_rules.py" "$SCRATCH/synthetic-rules" --products 100000 </dev/null
"$BIN/KefuMatchThroughput" "$SCRATCH/synthetic-rules" "$MESSAGES" </dev/null

section "package-benchmark suite (/file: one iteration = the whole corpus; 15-char message: per call)"

swift package --package-path "$BENCH" --scratch-path "$SCRATCH" --allow-writing-to-package-directory \
    benchmark --no-progress </dev/null
