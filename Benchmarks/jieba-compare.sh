#!/usr/bin/env bash
# Reference figure for Kefu's segmenter: time jieba.lcut over the benchmark messages.
#
#   Benchmarks/jieba-compare.sh [MESSAGES_FILE] [--json] [--passes N]
#
# Creates a Python venv at Benchmarks/.build-venv (git-ignored) if missing and
# installs jieba into it, then runs Benchmarks/jieba_bench.py with that venv's
# python. Safe to re-run: an existing venv with jieba is reused as is.
# MESSAGES_FILE defaults to Benchmarks/Data/messages.txt.
#
# Environment:
#   PYTHON      interpreter used to create the venv (default: python3)
#   JIEBA_SPEC  pip requirement for jieba (default: jieba==0.42.1)
#   JIEBA_VENV  venv directory (default: Benchmarks/.build-venv)
#
# Progress and the python/jieba used go to stderr; the result line (or JSON)
# goes to stdout.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${JIEBA_VENV:-$SCRIPT_DIR/.build-venv}"
VPY="$VENV/bin/python"
PYTHON="${PYTHON:-python3}"
JIEBA_SPEC="${JIEBA_SPEC:-jieba==0.42.1}"

file="$SCRIPT_DIR/Data/messages.txt"
bench_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --json) bench_args+=("--json") ;;
        --passes) bench_args+=("--passes" "${2:?--passes needs a number}"); shift ;;
        --passes=*) bench_args+=("$1") ;;
        -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "jieba-compare: unknown option: $1" >&2; exit 2 ;;
        *) file="$1" ;;
    esac
    shift
done

if [ ! -f "$file" ]; then
    echo "jieba-compare: no such file: $file" >&2
    exit 1
fi

log() { echo "jieba-compare: $*" >&2; }

# (a) venv, created once. A half-made one (no python inside) is rebuilt.
if [ ! -x "$VPY" ]; then
    command -v "$PYTHON" >/dev/null 2>&1 || { log "python not found: $PYTHON"; exit 1; }
    log "creating venv $VENV (with $("$PYTHON" --version 2>&1))"
    "$PYTHON" -m venv --clear "$VENV"
fi

jieba_version() {
    "$VPY" -W ignore -c 'import jieba; print(jieba.__version__)' 2>/dev/null
}

if ! jieba_version >/dev/null; then
    log "installing $JIEBA_SPEC into $VENV"
    "$VPY" -m pip install --quiet --disable-pip-version-check "$JIEBA_SPEC"
fi
version="$(jieba_version)" || { log "jieba failed to import from $VPY"; exit 1; }

log "python: $VPY ($("$VPY" --version 2>&1)), jieba $version"
log "messages: $file"

# (b) the benchmark itself.
"$VPY" "$SCRIPT_DIR/jieba_bench.py" "$file" ${bench_args[@]+"${bench_args[@]}"}
