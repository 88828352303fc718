#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests of the PostgreSQL store (ctest's
# fixture: FIXTURES_SETUP runs `start`, FIXTURES_CLEANUP runs `stop`).
#
#   postgres_fixture.sh start BINDIR URLFILE   initdb a cluster in a new temporary
#       folder, start it listening on a Unix socket in that folder only (no TCP),
#       and write its URL (database "postgres", superuser "crosscheck", no
#       password) to URLFILE; the tests make their own databases there
#   postgres_fixture.sh stop BINDIR URLFILE    stop that server, remove its folder
#       and URLFILE
#
# PostgreSQL refuses to run as root: as root, the cluster belongs to the
# `postgres` system user (Debian's package creates it) and its commands run as it.
# Durability is off (fsync, full pages): the data is thrown away at the end.
set -euo pipefail

command=${1:?start or stop}
bindir=${2:?the folder of initdb and pg_ctl}
urlfile=${3:?the file for the server URL}
port=5432  # the socket's name only: it lives in the cluster's own folder

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$command" in
  start)
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
      echo "postgres_fixture: running as root and there is no 'postgres' user to run the server as" >&2
      exit 1
    fi
    if [ -f "$urlfile" ]; then "$0" stop "$bindir" "$urlfile" || true; fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-pg.XXXXXX")
    chmod 700 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    if ! as_owner "$bindir/initdb" -D "$dir/data" -U crosscheck --auth=trust -E UTF8 --locale=C --no-sync \
        >"$dir/initdb.log" 2>&1; then
      cat "$dir/initdb.log" >&2
      rm -rf "$dir"
      exit 1
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port -c fsync=off -c full_page_writes=off -c max_connections=100" \
        start >/dev/null; then
      cat "$dir/server.log" >&2
      rm -rf "$dir"
      exit 1
    fi
    echo "postgresql://crosscheck@/postgres?host=$dir&port=$port" >"$urlfile"
    echo "postgres_fixture: server up at $dir"
    ;;
  stop)
    [ -f "$urlfile" ] || exit 0
    url=$(cat "$urlfile")
    dir=${url#*host=}
    dir=${dir%%&*}
    case "$dir" in
      */crosscheck-pg.*) ;;
      *) echo "postgres_fixture: $urlfile does not name a folder of ours" >&2; exit 1 ;;
    esac
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir" "$urlfile"
    ;;
  *)
    echo "usage: $0 start|stop BINDIR URLFILE" >&2
    exit 2
    ;;
esac
