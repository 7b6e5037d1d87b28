#!/bin/bash
# Placement benchmark: upstream's perfload scenario (bench/placement/perfload.py) against SharpStack and the
# reference Placement (Debian's Zed, uwsgi + MariaDB) on this machine, same client, one side after the other:
#   for each size in BENCH_SIZES (providers; "1000 10000 50000") and the nested variant at BENCH_NESTED_SIZES (1000):
#   fixtures, the allocation-candidates query timed once and after each of 99 allocations, 500 requests at
#   concurrency 10 (req/s, p50/p95/p99), then 3,000 claims at concurrency 10 (allocations/s; 1,000 would last under a
#   second on SharpStack, too short to measure a rate).
# The reference runs only the sizes in BENCH_REF_SIZES ("1000"; its fixtures take ~15 min per 10,000 providers).
# Each size starts from an empty Placement: SharpStack gets a fresh data dir, the reference a re-created database.
# Resident memory (VmRSS, summed over the service's processes) is reported after each size.
# Report: bench/results/placement-<date>.md (also printed). Run as root from the repository (needs ../shared):
#   bench/placement/run.sh
#   BENCH_SIZES=1000 BENCH_NESTED_SIZES= bench/placement/run.sh      # quick
# Knobs: BENCH_SIZES, BENCH_NESTED_SIZES, BENCH_REF_SIZES, BENCH_REQUESTS (500), BENCH_CLAIMS (3000),
# BENCH_CONCURRENCY (10), BENCH_PORT (8878: SharpStack's Placement; Identity on BENCH_IDENTITY_PORT, 5200),
# SHARPSTACK_NO_BUILD=1.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARPSTACK_SHARED:-$ROOT/../shared}
SIZES=${BENCH_SIZES:-1000 10000 50000}
NESTED=${BENCH_NESTED_SIZES-1000}
REF_SIZES=${BENCH_REF_SIZES-1000}
REQUESTS=${BENCH_REQUESTS:-500}
CLAIMS=${BENCH_CLAIMS:-3000}
CONC=${BENCH_CONCURRENCY:-10}
PORT=${BENCH_PORT:-8878}
ID_PORT=${BENCH_IDENTITY_PORT:-5200}
REF_STATE=${REF_STATE:-/var/tmp/sharpstack-ref}
REF_URL=http://127.0.0.1:8778
PY=/usr/bin/python3
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# a default port that something else holds is moved (a port set explicitly is used as given)
[ -z "${BENCH_PORT:-}" ] && port_busy "$PORT" && PORT=$(free_port)
[ -z "${BENCH_IDENTITY_PORT:-}" ] && port_busy "$ID_PORT" && ID_PORT=$(free_port)
RESULTS="$ROOT/bench/results"; mkdir -p "$RESULTS"
RESULT="$RESULTS/placement-$(date +%Y%m%d-%H%M).md"
WORK=$(mktemp -d /var/tmp/sharpstack-placement-bench-XXXXXX)
SS_PID=""
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (the reference needs it)"
cleanup() { set +e; stop_ss; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

rss_of() { # PIDS... -> MB
  local total=0 p kb
  for p in "$@"; do kb=$(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0); total=$((total + ${kb:-0})); done
  echo $((total / 1024))
}
stop_ss() { if [ -n "$SS_PID" ]; then kill -TERM "$SS_PID" 2>/dev/null; wait "$SS_PID" 2>/dev/null; SS_PID=""; fi; }
start_ss() { # fresh data dir each time: an empty Placement
  stop_ss
  rm -rf "$WORK/data"
  SHARPSTACK_IDENTITY__BIND_PORT=$ID_PORT SHARPSTACK_PLACEMENT__BIND_PORT=$PORT SHARPSTACK_IMAGE__BIND_PORT=0 \
  SHARPSTACK_DEFAULT__LOG_REQUESTS=false SHARPSTACK_NO_BUILD=${SS_BUILT:-0} \
    "$ROOT/scripts/up.sh" --data-dir "$WORK/data" --admin-password bench-admin > "$WORK/sharpstack.log" 2>&1 &
  SS_PID=$!; SS_BUILT=1
  for _ in $(seq 1 600); do
    [ -f "$WORK/data/admin-openrc" ] && curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$PORT/" && break
    kill -0 "$SS_PID" 2>/dev/null || { tail -20 "$WORK/sharpstack.log" >&2; SS_PID=""; die "SharpStack did not start"; }
    sleep 0.5
  done
  SS_TOKEN=$(set +u; . "$WORK/data/admin-openrc"; /usr/bin/openstack token issue -f value -c id)
}
reset_ref() { # an empty reference Placement: its tables emptied in MariaDB (no restart needed)
  curl -s -o /dev/null --max-time 5 "$REF_URL/" || "$SHARED/reference/up.sh" placement >&2 || die "reference up.sh placement failed"
  mysql -uroot placement -e "SET FOREIGN_KEY_CHECKS=0; DELETE FROM allocations; DELETE FROM consumers;
    DELETE FROM inventories; DELETE FROM resource_provider_traits; DELETE FROM resource_provider_aggregates;
    DELETE FROM resource_providers; DELETE FROM placement_aggregates; DELETE FROM traits WHERE name LIKE 'CUSTOM\_%';
    DELETE FROM projects; DELETE FROM users; SET FOREIGN_KEY_CHECKS=1;" || die "could not empty the reference Placement database"
  REF_TOKEN=$(set +u; . "$REF_STATE/admin-openrc.sh"; /usr/bin/openstack token issue -f value -c id)
}
ref_pids() { pgrep -f "placement uWSGI|uwsgi.*placement" || true; }

declare -A R
run_side() { # SIDE SIZE NESTED(0/1)
  local side=$1 n=$2 nested=$3 url token pids extra=""
  [ "$nested" = 1 ] && extra=--nested
  if [ "$side" = ss ]; then start_ss; url=http://127.0.0.1:$PORT; token=$SS_TOKEN; else reset_ref; url=$REF_URL; token=$REF_TOKEN; fi
  log "$side: $n providers$([ "$nested" = 1 ] && echo ", nested" || true)"
  local out
  out=$($PY "$HERE/perfload.py" "$url" "$token" "$n" $extra --requests "$REQUESTS" --claims "$CLAIMS" --concurrency "$CONC") || { log "$side $n failed"; return 0; }
  if [ "$side" = ss ]; then pids=$SS_PID; pids="$pids $(pgrep -P "$SS_PID" || true)"; else pids=$(ref_pids); fi
  out=$(echo "$out" | jq -c --argjson rss "$(rss_of $pids)" '. + {rss_mb: $rss}')
  log "$out"
  R[$side.$n.$nested]=$out
}

for n in $SIZES; do
  run_side ss "$n" 0
  [[ " $REF_SIZES " == *" $n "* ]] && run_side ref "$n" 0
done
for n in $NESTED; do
  run_side ss "$n" 1
  [[ " $REF_SIZES " == *" $n "* ]] && run_side ref "$n" 1
done
stop_ss

f() { echo "${R[$1]:-}" | jq -r ".$2 // \"-\"" 2>/dev/null || echo -; }
ratio() { $PY -c 'import sys
a, b = sys.argv[1], sys.argv[2]
try: print("%.1f×" % (float(a) / float(b)))
except Exception: print("-")' "$1" "$2"; }
{
  echo "# Placement benchmark (perfload), $(date '+%Y-%m-%d %H:%M')"
  echo
  echo "SharpStack $(git -C "$ROOT" rev-parse --short HEAD) (all-in-one, SQLite, Keystone tokens) vs the reference Placement (Debian's Zed, uwsgi, MariaDB) on $(nproc) cores shared by both and by the client. Query: \`GET /allocation_candidates?resources=VCPU:1,DISK_GB:10,MEMORY_MB:256&member_of=AGG&required=HW_CPU_X86_AVX2\` (half of the providers have the trait). Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| providers | side | candidates | first ms | after 99 allocations: mean / max ms | $REQUESTS req at $CONC: req/s | p50 ms | p95 ms | p99 ms | claims/s | RSS MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for key in $(for n in $SIZES; do echo "$n.0"; done; for n in $NESTED; do echo "$n.1"; done); do
    for side in ss ref; do
      [ -n "${R[$side.$key]:-}" ] || continue
      k=$side.$key
      label="${key%.*}$([ "${key#*.}" = 1 ] && echo " nested" || true)"
      echo "| $label | $([ $side = ss ] && echo SharpStack || echo reference) | $(f $k candidates) | $(f $k first_ms) | $(f $k after_allocations_mean_ms) / $(f $k after_allocations_max_ms) | $(f $k req_per_s) | $(f $k p50_ms) | $(f $k p95_ms) | $(f $k p99_ms) | $(f $k claims_per_s) | $(f $k rss_mb) |"
    done
    if [ -n "${R[ss.$key]:-}" ] && [ -n "${R[ref.$key]:-}" ]; then
      echo "| | **SharpStack ÷ reference** | | $(ratio "$(f ref.$key first_ms)" "$(f ss.$key first_ms)") faster | $(ratio "$(f ref.$key after_allocations_mean_ms)" "$(f ss.$key after_allocations_mean_ms)") faster (mean) | $(ratio "$(f ss.$key req_per_s)" "$(f ref.$key req_per_s)") | | | | $(ratio "$(f ss.$key claims_per_s)" "$(f ref.$key claims_per_s)") | |"
    fi
  done
  echo
  echo "Raw results (perfload.py JSON):"
  echo
  for k in "${!R[@]}"; do echo "- $k: \`${R[$k]}\`"; done
} > "$RESULT"
cat "$RESULT"
log "written to $RESULT"
