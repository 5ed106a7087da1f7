#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the store tests (marker `postgres`).
#
#   eval "$(bash scripts/start-postgres.sh)"    # exports DOSSIER_TEST_PG_URL
#
# Installs Debian's `postgresql` package when no server binaries are present, creates a
# cluster under $DOSSIER_PG_DIR (default /tmp/dossier-pg) owned by the `postgres` user,
# starts it on loopback on a free port, creates the database `dossier_test`, and prints
# `export DOSSIER_TEST_PG_URL=...` on standard output (everything else goes to stderr).
# Running it again while the server is up reuses it. Stop it with:
#   runuser -u postgres -- pg_ctl -D /tmp/dossier-pg/data stop
set -euo pipefail

log() { echo "start-postgres: $*" >&2; }

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

PGBIN="$(find_bin || true)"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  log "installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  PGBIN="$(find_bin)"
fi

ROOT="${DOSSIER_PG_DIR:-/tmp/dossier-pg}"
DATA="$ROOT/data"
DB="${DOSSIER_PG_DB:-dossier_test}"

# Run a command as the postgres user (initdb refuses to run as root).
as_pg() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

mkdir -p "$ROOT"
if [ "$(id -u)" = "0" ]; then chown postgres "$ROOT"; fi

if as_pg "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  PORT="$(cat "$ROOT/port")"
  log "reusing the server already running on 127.0.0.1:$PORT"
else
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_pg "$PGBIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 -N >&2
  fi
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  echo "$PORT" > "$ROOT/port"
  as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$ROOT/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $ROOT -c fsync=off -c max_connections=300" start >&2
  log "server started on 127.0.0.1:$PORT (log: $ROOT/server.log)"
fi

if ! as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB" >&2
fi

echo "export DOSSIER_TEST_PG_URL=postgresql://postgres@127.0.0.1:$PORT/$DB"
