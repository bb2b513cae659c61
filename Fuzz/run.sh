#!/usr/bin/env bash
# Kefu's fuzz targets (libFuzzer + AddressSanitizer), from a fresh clone:
#
#   bash Fuzz/run.sh [TARGET|all] [SECONDS]        (default: all, 60 seconds each)
#
#   1. builds the Fuzz package (scratch path Fuzz/.build) with
#        swift build -c debug --sanitize=fuzzer --sanitize=address
#      (each target is compiled -parse-as-library: libFuzzer supplies main);
#   2. writes the seed corpora (Corpus/train/*.tsv lines, Rules/**/*.yaml) to Fuzz/.build-seeds/;
#   3. runs each target for SECONDS with its dictionary from Fuzz/Dictionaries/, -max_len=4096 and
#      a per-input timeout, keeping what it finds in Fuzz/.build-corpus/<target>/ (reused next run)
#      and crashing inputs in Fuzz/.build-artifacts/<target>/; logs in Fuzz/.build-logs/;
#   4. prints executions, exec/s, coverage and corpus size per target, and exits 1 if any target
#      crashed, hung or ran out of memory.
#
# TARGET: FuzzNormalizeSegment, FuzzRuleLoader, FuzzSuggest, FuzzRequestJSON (the "Fuzz" prefix may
# be left off), or all.
#
# Environment:
#   FUZZ_JOBS=N            run N targets at a time (default 1)
#   FUZZ_CONFIGURATION=c   debug (default) or release (faster, same sanitizers)
#   FUZZ_ARGS="…"          extra libFuzzer flags (e.g. "-jobs=2 -workers=2", "-only_ascii=1")
#   KEFU_FUZZ_RULES=DIR    the rules the targets load (default: Rules/ of this checkout)
#
# Reproduce a crash: Fuzz/.build/debug/<target> Fuzz/.build-artifacts/<target>/crash-…
# Needs Swift 6.2+ with libFuzzer (the swift.org Linux toolchains have it), libicu-dev and python3.
# Runs without a terminal or stdin (CI=true is fine).
set -euo pipefail

FUZZ="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$FUZZ")"
ALL_TARGETS=(FuzzNormalizeSegment FuzzRuleLoader FuzzSuggest FuzzRequestJSON)
CONFIGURATION="${FUZZ_CONFIGURATION:-debug}"
JOBS="${FUZZ_JOBS:-1}"

case "${1:-all}" in
    -h|--help) sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
WHICH="${1:-all}"
SECONDS_EACH="${2:-60}"
[[ "$SECONDS_EACH" =~ ^[0-9]+$ ]] || { echo "run.sh: SECONDS must be a whole number, not '$SECONDS_EACH'" >&2; exit 2; }

if [ "$WHICH" = all ]; then
    TARGETS=("${ALL_TARGETS[@]}")
else
    name="$WHICH"; [[ "$name" == Fuzz* ]] || name="Fuzz$name"
    found=0
    for t in "${ALL_TARGETS[@]}"; do [ "$t" = "$name" ] && found=1; done
    [ $found = 1 ] || { echo "run.sh: unknown target '$WHICH' (one of: ${ALL_TARGETS[*]}, all)" >&2; exit 2; }
    TARGETS=("$name")
fi

dictionary() {
    case "$1" in
        FuzzNormalizeSegment|FuzzSuggest) echo "$FUZZ/Dictionaries/text.dict" ;;
        FuzzRuleLoader) echo "$FUZZ/Dictionaries/yaml.dict" ;;
        FuzzRequestJSON) echo "$FUZZ/Dictionaries/json.dict" ;;
    esac
}

echo "==> building the fuzz targets ($CONFIGURATION, fuzzer + address sanitizers)"
# `--sanitize` instruments this package's own targets; `-Xswiftc -sanitize=…` reaches every Swift
# target, Kefu and KefuRules included (without it a fresh build fuzzed Kefu blind: 4,778 counters
# instead of 49,254).
swift build --package-path "$FUZZ" --scratch-path "$FUZZ/.build" -c "$CONFIGURATION" \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address 2>&1 </dev/null \
    | grep -v "ld.gold: warning: Cannot export local symbol" || { echo "run.sh: build failed" >&2; exit 1; }
BIN="$(swift build --package-path "$FUZZ" --scratch-path "$FUZZ/.build" -c "$CONFIGURATION" \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address --show-bin-path </dev/null)"

echo "==> writing seed corpora"
rm -rf "$FUZZ/.build-seeds"
python3 "$FUZZ/make-seeds.py" "$FUZZ/.build-seeds" </dev/null

mkdir -p "$FUZZ/.build-logs" "$FUZZ/.build-artifacts"
# Leaks are off: Swift's _StringProcessing leaks boxes when it compiles a Regex (a rule set's regex
# matchers), which LeakSanitizer reports at exit for every target. Override with ASAN_OPTIONS.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:symbolize=1:handle_abort=1}"
# Swift's own crash backtracer fights ASan over the crashed process; libFuzzer and ASan report instead.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"

run_one() {
    local target="$1"
    local corpus="$FUZZ/.build-corpus/$target"
    local artifacts="$FUZZ/.build-artifacts/$target/"
    local log="$FUZZ/.build-logs/$target.log"
    mkdir -p "$corpus" "$artifacts"
    # shellcheck disable=SC2086
    "$BIN/$target" -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=25 -rss_limit_mb=4096 \
        -dict="$(dictionary "$target")" -artifact_prefix="$artifacts" -print_final_stats=1 \
        ${FUZZ_ARGS:-} "$corpus" "$FUZZ/.build-seeds/$target" </dev/null >"$log" 2>&1
}

summary() {
    local target="$1" status="$2"
    local log="$FUZZ/.build-logs/$target.log"
    local execs rate cov
    execs="$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | awk '{print $2}' | tail -1)"
    rate="$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | awk '{print $2}' | tail -1)"
    cov="$(grep -E '^#[0-9]+' "$log" | grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9a-zA-Z]*' | tail -1)"
    printf '%-22s %-8s execs %-10s exec/s %-7s %s\n' "$target" "$status" "${execs:-?}" "${rate:-?}" "${cov:-}"
}

echo "==> fuzzing ${TARGETS[*]} for $SECONDS_EACH s each ($JOBS at a time); logs in Fuzz/.build-logs/"
declare -A STATUS
pending=("${TARGETS[@]}")
while [ ${#pending[@]} -gt 0 ]; do
    batch=("${pending[@]:0:$JOBS}")
    pending=("${pending[@]:$JOBS}")
    declare -A PIDS=()
    for t in "${batch[@]}"; do
        run_one "$t" & PIDS[$t]=$!
    done
    for t in "${batch[@]}"; do
        if wait "${PIDS[$t]}"; then STATUS[$t]=ok; else STATUS[$t]="FAILED($?)"; fi
    done
    unset PIDS
done

echo "==> results"
failed=0
for t in "${TARGETS[@]}"; do
    summary "$t" "${STATUS[$t]}"
    if [ "${STATUS[$t]}" != ok ]; then
        failed=1
        grep -E "^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*fuzz invariant violated|ALARM|.*Test unit written)" \
            "$FUZZ/.build-logs/$t.log" | head -8 | sed 's/^/    /'
    fi
done
if [ $failed = 1 ]; then
    echo "run.sh: a target failed; inputs under Fuzz/.build-artifacts/, logs under Fuzz/.build-logs/" >&2
    exit 1
fi
