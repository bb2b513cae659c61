#!/usr/bin/env bash
# Smoke test of the example chat server: build it, start it on 127.0.0.1 with a free port,
# exercise every route, stop it. Exits non-zero on the first failure (and prints the server's log).
#
#   Examples/ChatServer/smoke.sh              # against the shipped Rules/
#   Examples/ChatServer/smoke.sh DIR          # against another rules directory (or KEFU_RULES=DIR)
#
# Needs swift; installs curl with apt-get when it is missing. Reads no stdin, so it runs in CI as is.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# fail, need_package, use_work_dir, stop_on_exit, show_on_failure, random_token, server_port
. "$HERE/common.sh"
RULES=${1:-${KEFU_RULES:-$ROOT/Rules}}
use_work_dir smoke
SERVER_PID=""
stop_on_exit SERVER_PID
show_on_failure 40 "$WORK/server.err"

pass() { echo "ok    $*"; }

need_package curl curl  # the only tool needed besides swift

echo "building kefu-server (debug)…"
# SMOKE_BUILD_FLAGS: extra `swift build` flags, e.g. "--sanitize=thread --scratch-path DIR"
# (.ci/sanitizers.sh runs this test on a ThreadSanitizer build of the server).
read -r -a EXTRA <<<"${SMOKE_BUILD_FLAGS:-}"
swift build --package-path "$HERE" --product kefu-server ${EXTRA[@]+"${EXTRA[@]}"} </dev/null
BIN="$(swift build --package-path "$HERE" ${EXTRA[@]+"${EXTRA[@]}"} --show-bin-path </dev/null)/kefu-server"
[ -x "$BIN" ] || fail "no executable at $BIN"

# Start on a free port: --port 0 lets the kernel choose; the server prints the port it got.
TOKEN=$(random_token)
echo "starting kefu-server with rules $RULES"
KEFU_RELOAD_TOKEN="$TOKEN" "$BIN" --host 127.0.0.1 --port 0 --rules "$RULES" --name smoke \
    --request-timeout 2 --idle-timeout 3 </dev/null >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!

PORT=$(server_port "$SERVER_PID" "$WORK/server.out" "the server")
BASE="http://127.0.0.1:$PORT"

# request METHOD PATH [curl options…]: sets STATUS, and the answer's body in $WORK/body.
request() {
    local method=$1 path=$2
    shift 2
    STATUS=$(curl -sS --max-time 10 -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$method" "$@" "$BASE$path") \
        || fail "$method $path: curl failed"
}
expect() {  # expect STATUS TEXT WHAT: the last answer had this status and contains this text
    [ "$STATUS" = "$1" ] || fail "$3: expected HTTP $1, got $STATUS: $(cat "$WORK/body")"
    grep -qF -- "$2" "$WORK/body" || fail "$3: the answer lacks '$2': $(cat "$WORK/body")"
    pass "$3 → $STATUS"
}

for _ in $(seq 50); do
    STATUS=$(curl -s --max-time 2 -o "$WORK/body" -w '%{http_code}' "$BASE/health" || true)
    [ "$STATUS" = 200 ] && break
    sleep 0.1
done
expect 200 '"status":"ok"' "GET /health on port $PORT"
grep -qF '"rules_generation":1' "$WORK/body" || fail "a fresh server should serve generation 1: $(cat "$WORK/body")"

request POST /suggest -H 'Content-Type: application/json' --data-binary '{"text":"这件背心L号的多长？能包邮吗"}'
expect 200 '"id":"size"' "POST /suggest finds the size intent"

request POST /suggest -H 'Content-Type: application/json' --data-binary '{"text":'
expect 400 '"code":"invalid-json"' "POST /suggest with bad JSON"

request POST /suggest -H 'Content-Type: application/json' --data-binary '{"id":1}'
expect 400 '"code":"missing-text"' "POST /suggest without text"

grep -qi '^X-Kefu-Replica: smoke' "$WORK/headers" || fail "no 'X-Kefu-Replica: smoke' header: $(cat "$WORK/headers")"
pass "answers carry X-Kefu-Replica"

# The conversation id from the header or the query: a follow-up remembers the product.
request POST /suggest -H 'X-Kefu-Conversation: smoke-1' \
    --data-binary '{"text":"这件背心L号多长","product":"vest-cotton-01"}'
expect 200 '"product":"vest-cotton-01"' "first turn, conversation id in X-Kefu-Conversation"
request POST '/suggest?conversation=smoke-1' --data-binary '{"text":"那XL呢"}'
expect 200 '"product":"vest-cotton-01"' "follow-up, conversation id in the query"
grep -qF '"size":"XL"' "$WORK/body" || fail "the follow-up lost its size: $(cat "$WORK/body")"
request POST /suggest -H 'X-Kefu-Conversation: smoke-2' --data-binary '{"text":"那XL呢","conversation":"smoke-1"}'
expect 400 '"code":"invalid-field"' "body and header naming different conversations"
request POST /suggest -H "X-Kefu-Conversation: $(printf '%0129d' 0)" --data-binary '{"text":"那XL呢"}'
expect 400 "longer than 128 bytes" "a 129-byte X-Kefu-Conversation"

# A body that trickles in is cut off at --request-timeout (2 s here) with 408.
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
printf 'POST /suggest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"te' >&3
started=$SECONDS
reply=$(timeout 10 cat <&3 || true)
exec 3<&- 3>&-
[[ "$reply" == "HTTP/1.1 408"* ]] || fail "a slow body was not answered 408: '$reply'"
[ $((SECONDS - started)) -le 5 ] || fail "a slow body was cut off after $((SECONDS - started)) s, not about 2"
pass "a slow body is cut off with 408 after about 2 s"

request POST /reload
expect 403 '"error"' "POST /reload without a token"

request POST /reload -H "Authorization: Bearer not-$TOKEN"
expect 403 '"error"' "POST /reload with a wrong token"

request POST /reload -H "Authorization: Bearer $TOKEN"
expect 200 '"rules_generation":2' "POST /reload with the token"

kill -HUP "$SERVER_PID"
for _ in $(seq 50); do
    request GET /health
    grep -qF '"rules_generation":3' "$WORK/body" && break
    sleep 0.1
done
expect 200 '"rules_generation":3' "SIGHUP reloads"

# Stop it the way a supervisor would, and expect a clean exit.
kill -TERM "$SERVER_PID"
rc=0
wait "$SERVER_PID" || rc=$?
SERVER_PID=""
[ "$rc" -eq 0 ] || fail "the server exited with status $rc on SIGTERM"
pass "SIGTERM stops the server cleanly"
grep -qF '这件背心' "$WORK/server.err" && fail "the log carries a shopper's text without --log-text"
pass "the log carries no shopper text"
echo "smoke test passed"
