#!/bin/bash
# Starts the machine's PostgreSQL cluster (Debian's postgresql package, see install-deps.sh) for the storage tests,
# creates their role, and prints the environment the tests read:
#   eval "$(scripts/start-postgres.sh)"
# Run as root. Idempotent: an online cluster and an existing role are kept.
set -euo pipefail
log() { echo "[start-postgres] $*" >&2; }
[ "$(id -u)" = 0 ] || { log "run as root"; exit 1; }
ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
[ -n "$ver" ] || { log "PostgreSQL is not installed (scripts/install-deps.sh installs it)"; exit 1; }
pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$ver main" || pg_createcluster "$ver" main >&2
pg_lsclusters -h | grep "^$ver main" | grep -q online || pg_ctlcluster "$ver" main start >&2
for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
pg_isready -q -h 127.0.0.1 || { log "PostgreSQL $ver did not start"; exit 1; }
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='sharpstack_test'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE sharpstack_test LOGIN PASSWORD 'sharpstack_test' CREATEDB\"" >&2
log "PostgreSQL $ver online on 127.0.0.1:5432, role sharpstack_test"
echo "export SHARPSTACK_TEST_POSTGRES=postgresql://sharpstack_test:sharpstack_test@127.0.0.1"
echo "export SHARPSTACK_TEST_POSTGRES_RESTART='pg_ctlcluster $ver main restart'"
