#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests, on a free loopback port in a temporary folder.
#   scripts/test-postgres.sh start   initdb + start (fast-test settings: no fsync), print the export line
#   scripts/test-postgres.sh env     print `export RUNNEL_TEST_DATABASE_URL=…` of the running cluster
#   scripts/test-postgres.sh stop    stop it and delete its folder
# `make test` starts it before `swift test` and stops it afterwards, even when tests fail.
# Needs Debian's postgresql (make deps installs it). As root, the server runs as `postgres`
# (initdb refuses root). The state file (where the cluster is) is $RUNNEL_TEST_PG_STATE.
set -euo pipefail
STATE=${RUNNEL_TEST_PG_STATE:-${TMPDIR:-/tmp}/runnel-test-postgres.env}

pgbin() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "test-postgres: PostgreSQL is not installed (apt-get install postgresql, or make deps)" >&2; exit 1; }
    echo "$bin"
}

as_server() { # run a server command as the user that owns the cluster
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    if [ -f "$STATE" ]; then
        # shellcheck disable=SC1090
        . "$STATE"
        if "$(pgbin)/pg_isready" -q -h 127.0.0.1 -p "$RUNNEL_TEST_PG_PORT"; then cat "$STATE" | grep '^export RUNNEL_TEST_DATABASE_URL'; return; fi
        stop
    fi
    local bin dir port url
    bin=$(pgbin)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/runnel-pg.XXXXXX")
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    as_server "$bin/initdb" -D "$dir/data" -U runnel --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
    for attempt in 1 2 3; do
        port=$(free_port)
        if as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >/dev/null; then
            break
        fi
        [ "$attempt" = 3 ] && { cat "$dir/log" >&2; rm -rf "$dir"; exit 1; }
    done
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U runnel runnel_test
    url="postgres://runnel@127.0.0.1:$port/runnel_test?sslmode=disable"
    {
        echo "RUNNEL_TEST_PG_DIR=$dir"
        echo "RUNNEL_TEST_PG_PORT=$port"
        echo "export RUNNEL_TEST_DATABASE_URL='$url'"
    } >"$STATE"
    echo "export RUNNEL_TEST_DATABASE_URL='$url'"
}

stop() {
    [ -f "$STATE" ] || return 0
    # shellcheck disable=SC1090
    . "$STATE"
    if [ -d "${RUNNEL_TEST_PG_DIR:-}/data" ]; then
        as_server "$(pgbin)/pg_ctl" -D "$RUNNEL_TEST_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    case "${RUNNEL_TEST_PG_DIR:-}" in */runnel-pg.*) rm -rf "$RUNNEL_TEST_PG_DIR" ;; esac
    rm -f "$STATE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) [ -f "$STATE" ] || { echo "test-postgres: no cluster is running (scripts/test-postgres.sh start)" >&2; exit 1; }
         grep '^export RUNNEL_TEST_DATABASE_URL' "$STATE" ;;
    *) echo "usage: scripts/test-postgres.sh start|stop|env" >&2; exit 2 ;;
esac
