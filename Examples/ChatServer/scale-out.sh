#!/usr/bin/env bash
# Scale-out test: three kefu-server replicas behind nginx, conversations hashed to replicas by
# their X-Kefu-Conversation header, one replica killed under load.
#
#   Examples/ChatServer/scale-out.sh                     # 3,000 conversations
#   Examples/ChatServer/scale-out.sh --conversations 6000
#
# Builds kefu-server in release mode and starts three replicas on 127.0.0.1 (free ports, names
# kefu-a, kefu-b, kefu-c, sent back in X-Kefu-Replica). Runs nginx as the current user, not the
# system service: its own prefix, configuration, pid file, logs and temporary files in a
# temporary directory, with nginx/kefu.conf rewritten to those ports. Then scale-out/driver.py
# (Python 3, standard library only) sends every conversation through nginx: a size question about
# a product, then a follow-up that needs the context (「那XL呢」); kills kefu-b with SIGKILL while a
# background load runs; and sends each conversation a third turn. It checks that every follow-up
# was understood in context, that nginx moved kefu-b's conversations (and only those) to the
# surviving replicas, that no request failed beyond those in flight at the kill, and that only
# the moved conversations lost their context. Prints the figures; exits non-zero if a check fails.
# Everything it started is stopped on exit.
#
# Needs swift and python3; installs nginx and curl with apt-get (as root, or through sudo) when
# they are missing.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# fail, need_package, use_work_dir, stop_on_exit, show_on_failure, print_usage, build_release_server,
# server_port
. "$HERE/common.sh"
CONVERSATIONS=3000
RULES=${KEFU_RULES:-$ROOT/Rules}

while [ $# -gt 0 ]; do
    case "$1" in
    --conversations) CONVERSATIONS=${2:?--conversations needs a number}; shift 2 ;;
    --conversations=*) CONVERSATIONS=${1#*=}; shift ;;
    -h | --help) print_usage; exit 0 ;;
    *) echo "scale-out.sh: unknown option '$1' (see --help)" >&2; exit 64 ;;
    esac
done
[[ "$CONVERSATIONS" =~ ^[0-9]+$ ]] && [ "$CONVERSATIONS" -ge 30 ] \
    || { echo "scale-out.sh: --conversations must be 30 or more, not '$CONVERSATIONS'" >&2; exit 64; }

use_work_dir scale-out
NAMES=(kefu-a kefu-b kefu-c)
declare -A PIDS=() PORTS=()
NGINX_PID=""
stop_on_exit NGINX_PID
for name in "${NAMES[@]}"; do
    stop_on_exit "PIDS[$name]"
    show_on_failure 15 "$WORK/$name.err"
done
show_on_failure 15 "$WORK/nginx/error.log"

PATH="$PATH:/usr/sbin:/sbin"  # nginx lives in /usr/sbin, which a non-root PATH may lack
need_package nginx nginx
need_package curl curl
command -v python3 >/dev/null 2>&1 || fail "python3 is needed (the driver)"

echo "building kefu-server (release; the first build takes several minutes)…"
build_release_server "$WORK/build.log"

# Three replicas on free ports, each with its name; no reload token (reloads are not tested here).
for name in "${NAMES[@]}"; do
    env -u KEFU_RELOAD_TOKEN LOG_LEVEL=warning "$BIN" --host 127.0.0.1 --port 0 --rules "$RULES" --name "$name" \
        </dev/null >"$WORK/$name.out" 2>"$WORK/$name.err" &
    PIDS[$name]=$!
done
for name in "${NAMES[@]}"; do
    PORTS[$name]=$(server_port "${PIDS[$name]}" "$WORK/$name.out" "$name")
    echo "$name: pid ${PIDS[$name]}, 127.0.0.1:${PORTS[$name]}"
done

# nginx: its own prefix in $WORK, kefu.conf with the real ports, a free port of its own.
NGINX_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
sed -e "s/127\.0\.0\.1:8080;/127.0.0.1:$NGINX_PORT;/" \
    -e "s/127\.0\.0\.1:8081 /127.0.0.1:${PORTS[kefu-a]} /" \
    -e "s/127\.0\.0\.1:8082 /127.0.0.1:${PORTS[kefu-b]} /" \
    -e "s/127\.0\.0\.1:8083 /127.0.0.1:${PORTS[kefu-c]} /" \
    "$HERE/nginx/kefu.conf" >"$WORK/nginx/kefu.conf"
grep -q "127.0.0.1:${PORTS[kefu-c]} " "$WORK/nginx/kefu.conf" || fail "could not rewrite the ports in kefu.conf"
{
    # As root, nginx would switch its workers to 'nobody': keep them the current user, as asked.
    [ "$(id -u)" -eq 0 ] && echo "user $(id -un) $(id -gn);"
    cat <<EOF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    include $WORK/nginx/kefu.conf;
    access_log $WORK/nginx/access.log kefu;
}
EOF
} >"$WORK/nginx/nginx.conf"
nginx -t -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" >"$WORK/nginx/test.log" 2>&1 \
    || { cat "$WORK/nginx/test.log" >&2; fail "nginx rejects the configuration"; }
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" -g 'daemon off;' \
    </dev/null >"$WORK/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
for _ in $(seq 100); do
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$WORK/nginx/stdout.log" "$WORK/nginx/error.log" >&2; fail "nginx exited at start"; }
    curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$NGINX_PORT/health" && break
    sleep 0.1
done
curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$NGINX_PORT/health" || fail "nginx does not answer on port $NGINX_PORT"
echo "nginx $(nginx -v 2>&1 | sed 's|.*/||'): pid $NGINX_PID, 127.0.0.1:$NGINX_PORT, prefix $WORK/nginx"

status=0
exec 3>&2 2>/dev/null  # bash reports the killed replica ("Killed") on its own stderr: not an error here
python3 "$HERE/scale-out/driver.py" --url "http://127.0.0.1:$NGINX_PORT" --catalog "$RULES/catalog.yaml" \
    --conversations "$CONVERSATIONS" --kill kefu-b \
    --replica "kefu-a=${PIDS[kefu-a]}" --replica "kefu-b=${PIDS[kefu-b]}" --replica "kefu-c=${PIDS[kefu-c]}" \
    </dev/null 2>&3 || status=$?
wait "${PIDS[kefu-b]}" || true
exec 2>&3 3>&-
PIDS[kefu-b]=""

for name in kefu-a kefu-c; do
    kill -0 "${PIDS[$name]}" 2>/dev/null || { echo "FAIL  $name is not running any more" >&2; status=1; }
done
echo "nginx: $(grep -c . "$WORK/nginx/access.log") requests logged, $(grep -c 'upstream=[^ ]*, ' "$WORK/nginx/access.log" || true) passed on to a second replica; $(grep -c '\[error\]' "$WORK/nginx/error.log" || true) upstream errors logged"
if [ "$status" -ne 0 ]; then
    echo "scale-out.sh: failed" >&2
    exit 1
fi
echo "scale-out.sh: all checks passed ($(date -u +%Y-%m-%d), $(nproc) cores)"
