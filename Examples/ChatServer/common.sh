# Shell functions shared by smoke.sh, load.sh and scale-out.sh (sourced, not run): failing,
# installing a tool, the temporary directory and what is stopped and shown on exit, building and
# starting the server.

fail() { echo "FAIL: $*" >&2; exit 1; }

# use_work_dir NAME: makes the temporary directory WORK (kefu-NAME.XXXXXX under $TMPDIR or /tmp)
# and arranges the script's exit, however it comes (INT and TERM exit with 130): the processes
# named with stop_on_exit are stopped, the logs named with show_on_failure are printed when the
# script failed, WORK is removed, and the script's status is kept.
use_work_dir() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/kefu-$1.XXXXXX")
    trap clean_up_on_exit EXIT
    trap 'exit 130' INT TERM
}
STOP_ON_EXIT=()
SHOW_ON_FAILURE=()

# stop_on_exit VARIABLE…: on exit, stop (see stop) the pid each variable holds then, in this order;
# a variable may name an array element (PIDS[kefu-a]), and one that is empty or unset is skipped.
stop_on_exit() { STOP_ON_EXIT+=("$@"); }

# show_on_failure LINES FILE…: on a failed exit, print the last LINES lines of each FILE not empty.
show_on_failure() {
    local lines=$1 file
    shift
    for file in "$@"; do SHOW_ON_FAILURE+=("$lines:$file"); done
}

clean_up_on_exit() {
    local status=$? variable entry
    for variable in ${STOP_ON_EXIT[@]+"${STOP_ON_EXIT[@]}"}; do stop "${!variable:-}"; done
    if [ "$status" -ne 0 ]; then
        for entry in ${SHOW_ON_FAILURE[@]+"${SHOW_ON_FAILURE[@]}"}; do
            [ -s "${entry#*:}" ] || continue
            echo "--- $(basename "${entry#*:}") (last ${entry%%:*} lines) ---" >&2
            tail -n "${entry%%:*}" "${entry#*:}" >&2
        done
    fi
    rm -rf "$WORK"
    exit "$status"
}

# print_usage: the running script's header comment, from its second line to `set -euo`.
print_usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

# random_token: 32 hex digits from /dev/urandom (a reload token).
random_token() {
    od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}

# need_package COMMAND PACKAGE: apt-get install the Debian package when the command is missing
# (as root, or through passwordless sudo).
need_package() {
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "$1 not found; installing the Debian package '$2'" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || fail "$1 is missing and neither root nor sudo is available"
        sudo="sudo -n"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -qq --no-install-recommends "$2" </dev/null >/dev/null 2>&1 || {
        $sudo apt-get update -qq </dev/null || fail "apt-get update failed"
        $sudo apt-get install -y -qq --no-install-recommends "$2" </dev/null || fail "cannot install $2"
    }
    command -v "$1" >/dev/null 2>&1 || fail "$1 is still missing after installing $2"
}

# stop PID: TERM, then KILL after 5 s.
stop() {
    local pid=$1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# build_release_server LOG: builds kefu-server in release mode (output to LOG) and sets BIN.
build_release_server() {
    swift build -c release --package-path "$HERE" --product kefu-server </dev/null >"$1" 2>&1 || {
        tail -n 40 "$1" >&2
        fail "the release build of kefu-server failed"
    }
    BIN="$(swift build -c release --package-path "$HERE" --show-bin-path </dev/null)/kefu-server"
    [ -x "$BIN" ] || fail "no executable at $BIN"
}

# server_port PID OUT NAME: waits up to 30 s for the server started as PID to print
# "kefu-server listening on http://127.0.0.1:N" to OUT, and prints N.
server_port() {
    local pid=$1 out=$2 name=$3 port=""
    for _ in $(seq 300); do
        kill -0 "$pid" 2>/dev/null || fail "$name exited at start"
        port=$(sed -n 's|^kefu-server listening on http://127\.0\.0\.1:\([0-9][0-9]*\)$|\1|p' "$out")
        [ -n "$port" ] && { echo "$port"; return 0; }
        sleep 0.1
    done
    fail "$name did not say which port it listens on within 30 s"
}
