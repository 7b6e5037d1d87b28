#!/bin/bash
# Reset hook for a SharpStack Placement target (the contract is in README.md): stops the previous
# `sharpstack serve placement`, wipes its data directory, writes a configuration from the PLACEMENT_*
# variables (noauth2, policy, CORS), starts it again and returns when GET / answers.
#
#   GABBI_TARGET=http://127.0.0.1:8878 GABBI_RESET_CMD=tests/conformance/placement/sharpstack-reset.sh \
#     tests/conformance/placement/run.sh
#   sharpstack-reset.sh stop          stop the server
#
# Needs the built binary (.build/sharpstack/sharpstack, made by scripts/up.sh or `dotnet publish`).
# Knobs: SS_PLACEMENT_WS (work dir; default /tmp/sharpstack-placement-gabbi), SHARPSTACK_BIN.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BIN=${SHARPSTACK_BIN:-$ROOT/.build/sharpstack/sharpstack}
WS=${SS_PLACEMENT_WS:-/tmp/sharpstack-placement-gabbi}
TARGET=${GABBI_TARGET:-http://127.0.0.1:8878}
PORT=${TARGET##*:}; PORT=${PORT%%/*}
PIDF="$WS/placement.pid"

stop_srv() {
  [ -f "$PIDF" ] || return 0
  local pid; pid=$(cat "$PIDF"); rm -f "$PIDF"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 40); do [ -d "/proc/$pid" ] || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null
}

[ "${1:-}" = stop ] && { stop_srv; exit 0; }
[ -x "$BIN" ] || { echo "sharpstack-reset.sh: $BIN not built (run scripts/up.sh or dotnet publish first)" >&2; exit 2; }

stop_srv
rm -rf "$WS/data"; mkdir -p "$WS/data"
{
  echo "[placement]"
  echo "bind_port = $PORT"
  echo "auth_strategy = noauth2"
  echo "[oslo_policy]"
  echo "enforce_scope = ${PLACEMENT_ENFORCE_SCOPE:-false}"
  echo "enforce_new_defaults = ${PLACEMENT_ENFORCE_NEW_DEFAULTS:-false}"
  [ -n "${PLACEMENT_POLICY_FILE:-}" ] && echo "policy_file = $PLACEMENT_POLICY_FILE"
  if [ -n "${PLACEMENT_CORS_ALLOWED_ORIGIN:-}" ]; then
    echo "[placement_cors]"
    echo "allowed_origin = $PLACEMENT_CORS_ALLOWED_ORIGIN"
    [ -n "${PLACEMENT_CORS_ALLOW_HEADERS:-}" ] && echo "allow_headers = $PLACEMENT_CORS_ALLOW_HEADERS"
  fi
  echo "[DEFAULT]"
  echo "log_requests = false"
} > "$WS/data/sharpstack.conf"
echo "=== ${GABBI_FIXTURE:-?} $(date +%T)" >> "$WS/placement.log"
# Only the file above configures it: SHARPSTACK_* variables of the caller (e.g. CI's own cloud's ports) would win.
setsid env $(env | grep -o '^SHARPSTACK_[A-Z0-9_]*' | sed 's/^/-u /') "$BIN" serve placement --data-dir "$WS/data" >> "$WS/placement.log" 2>&1 < /dev/null &
echo $! > "$PIDF"
for _ in $(seq 1 150); do
  curl -s -o /dev/null "$TARGET/" && exit 0
  [ -d "/proc/$(cat "$PIDF")" ] || { echo "sharpstack placement exited; see $WS/placement.log" >&2; tail -5 "$WS/placement.log" >&2; exit 1; }
  sleep 0.1
done
echo "sharpstack placement did not answer on $TARGET; see $WS/placement.log" >&2
exit 1
