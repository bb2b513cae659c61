#!/usr/bin/env bash
# Writes the corpus HTML report and a screenshot of it taken by headless Chromium (Debian's
# package, installed when missing), to look at the page as a rule author would.
#
#   bash .ci/report-screenshot.sh [CORPUS] [OUT_DIR]     (defaults: Corpus/test, .build-report)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-Corpus/test}"
out="${2:-.build-report}"
mkdir -p "$out"
if ! command -v chromium >/dev/null 2>&1; then
    echo "report: installing chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
swift run -q kefu test --quiet --html "$out/report.html" "$corpus" >/dev/null || true
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2200 \
    --screenshot="$out/report.png" "file://$PWD/$out/report.html" 2>/dev/null
echo "report: $out/report.html, screenshot $out/report.png"
