#!/usr/bin/env bash
# The tests that exercise threads and hostile input, under the sanitizers:
#
#   bash .ci/sanitizers.sh [thread|address|server|all]      (default: all)
#
#   thread   swift test --sanitize=thread: the concurrency tests (8 tasks × 10,000 messages on one
#            rule set, a hot reload while 8 tasks suggest, the conversation store) and the
#            suggestion tests, the loader's two threads (HandoffTests); scratch path .build-tsan
#   address  swift test --sanitize=address: the hostile-input table on the built binary (an
#            ASan build of kefu), the JSON request reader (it reads bytes through unsafe pointers),
#            the normalizer, segmenter, regex engine and loader error tests;
#            scratch path .build-asan (the fuzz targets run under ASan already: Fuzz/run.sh)
#   server   Examples/ChatServer/smoke.sh on a ThreadSanitizer build of the example server
#            (concurrent requests, reload, SIGHUP); scratch path Examples/ChatServer/.build-tsan
#
# Each build takes several minutes. Exits non-zero if any test fails or a sanitizer reports.
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-all}"
# A sanitizer report fails the run instead of scrolling by.
export TSAN_OPTIONS="halt_on_error=1:abort_on_error=1${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

run_thread() {
    echo "==> swift test --sanitize=thread (concurrency, suggestions)"
    swift test --sanitize=thread --scratch-path .build-tsan \
        --filter 'ConcurrencyTests|SuggestionTests|HandoffTests' </dev/null 2>&1 | grep -vE '^(◇ |✔ Test [^r])'
}

run_address() {
    echo "==> swift test --sanitize=address (hostile input, request reader, normalizer, segmenter, regex, loader errors)"
    swift test --sanitize=address --scratch-path .build-asan \
        --filter 'HostileInputTests|RequestReaderTests|NormalizerTests|SegmenterTests|LinearRegexTests|LoaderErrorTests|MatcherTests' \
        </dev/null 2>&1 | grep -vE '^(◇ |✔ Test [^r])'
}

run_server() {
    echo "==> example server smoke test on a ThreadSanitizer build"
    SMOKE_BUILD_FLAGS="--sanitize=thread --scratch-path $PWD/Examples/ChatServer/.build-tsan" \
        bash Examples/ChatServer/smoke.sh
}

set -o pipefail
case "$which" in
    thread) run_thread ;;
    address) run_address ;;
    server) run_server ;;
    all) run_thread; run_address; run_server ;;
    *) echo "sanitizers.sh: unknown argument: $which (thread, address, server or all)" >&2; exit 2 ;;
esac
echo "==> sanitizers: $which passed"
