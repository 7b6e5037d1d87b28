#!/bin/bash
# Image benchmark: SharpStack side by side with the reference Glance (Debian's Zed, file store) on this machine,
# and with a plain copy of the same bytes on the same disk (the physical limit). Same client (curl, wrk) for both.
#   upload     N images at once, each PUT /v2/images/{id}/file of a SIZE file (curl -T), N = each of BENCH_STREAMS
#   download   N images at once, GET /v2/images/{id}/file into a file on the same disk (curl -o)
#   plain copy N copies at once of the same file on the same disk (cp): the limit both are compared with
#   list       GET /v2/images (first page, default limit) with BENCH_LIST_IMAGES images in the cloud, wrk at
#              BENCH_LIST_CONCURRENCY connections: req/s, p50, p99
# Uploads are checked (active, size, md5 checksum), single-stream downloads compared byte for byte with the source.
# Resident memory (VmRSS from /proc, summed over the service's processes) is sampled every 0.2 s during each
# transfer: the maximum is reported per cell, so growth with image size shows. Report: bench/results/image-<date>.md
# (also printed). Run as root from the repository (needs ../shared):
#   bench/image/run.sh                       # 1 GiB and 4 GiB, 1 and 8 streams, list of 10,000 (~20-30 min)
#   BENCH_QUICK=1 bench/image/run.sh         # 1 GiB only
#   BENCH_SIZES_MB="64" BENCH_LIST_IMAGES=500 BENCH_DURATION=5 bench/image/run.sh   # a smoke run (~3 min)
# Knobs:
#   BENCH_SIZES_MB ("1024 4096")  image sizes in MiB; BENCH_QUICK=1 drops sizes above 1024
#   BENCH_STREAMS ("1 8")         concurrent transfers per cell
#   BENCH_SCENARIOS ("transfer list")
#   BENCH_LIST_IMAGES (10000)     images in the cloud for the list scenario (metadata only, removed afterwards;
#                                 BENCH_KEEP_LIST=1 keeps them for the next run, ids in bench/results/.list-ids-*)
#   BENCH_LIST_CONCURRENCY (16)   BENCH_LIST_PATH (/v2/images)   BENCH_DURATION (10 s)   BENCH_WARMUP (5 s)
#   BENCH_SIDES ("ss ref")        BENCH_PORT (9392, SharpStack's Image; Identity on BENCH_IDENTITY_PORT, 5100;
#                                 a default port found taken is replaced by a free one)
#   BENCH_WORKDIR (/var/tmp)      where the source, the copies, the downloads and SharpStack's data dir live
#                                 (the reference keeps its images under /var/tmp/sharpstack-ref/glance)
#   SHARPSTACK_NO_BUILD=1         use the existing .build/sharpstack (scripts/up.sh builds otherwise)
# The reference: started with ../shared/reference/up.sh glance if :9292 does not answer. A side that does not serve
# an API yet (404/405/501) has the scenarios that need it skipped with a note; so does a cell whose files would
# not fit on the disk (each cell needs 2 x N x SIZE free: the stored images and the downloads).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARPSTACK_SHARED:-$ROOT/../shared}
SIZES=${BENCH_SIZES_MB:-1024 4096}
if [ "${BENCH_QUICK:-0}" = 1 ]; then SIZES=$(for s in $SIZES; do if [ "$s" -le 1024 ]; then echo -n "$s "; fi; done); SIZES=${SIZES:-1024}; fi
STREAMS=${BENCH_STREAMS:-1 8}
SCENARIOS=${BENCH_SCENARIOS:-transfer list}
NLIST=${BENCH_LIST_IMAGES:-10000}
LIST_CONC=${BENCH_LIST_CONCURRENCY:-16}
LIST_PATH=${BENCH_LIST_PATH:-/v2/images}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-5}
SIDES=${BENCH_SIDES:-ss ref}
PORT=${BENCH_PORT:-9392}
ID_PORT=${BENCH_IDENTITY_PORT:-5100}
REF_STATE=${REF_STATE:-/var/tmp/sharpstack-ref}
REF_ID_URL=http://127.0.0.1:5000
REF_URL=http://127.0.0.1:9292
PY=/usr/bin/python3
FX="$PY $HERE/fixtures.py"
export BENCH_DIR=$HERE
RESULTS="$ROOT/bench/results"
RESULT="$RESULTS/image-$(date +%Y%m%d-%H%M).md"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "${BENCH_WORKDIR:-/var/tmp}"
WORK=$(mktemp -d "${BENCH_WORKDIR:-/var/tmp}/sharpstack-image-bench-XXXXXX")
SS_PID="" SAMPLER_PID=""

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (the reference Glance needs it)"
for t in curl jq wrk; do command -v $t >/dev/null || MISSING="${MISSING:-} $t"; done
if [ -n "${MISSING:-}" ]; then
  log "installing${MISSING}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $MISSING >/dev/null || die "apt-get install$MISSING failed"
fi

declare -A URL TOKEN IDS_FILE
cleanup() {
  set +e
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null
  for side in $SIDES; do
    [ -n "${TOKEN[$side]:-}" ] || continue
    for f in "$WORK/$side".cell-ids "$WORK/$side".list-ids; do
      [ -s "$f" ] || continue
      [ "$f" = "$WORK/$side.list-ids" ] && [ "${BENCH_KEEP_LIST:-0}" = 1 ] && continue
      log "deleting the bench images on $(side_name "$side") ($(wc -l < "$f"))"
      $FX delete "${URL[$side]}" "${TOKEN[$side]}" "$f"
    done
  done
  if [ -n "$SS_PID" ]; then kill -TERM "$SS_PID" 2>/dev/null; wait "$SS_PID" 2>/dev/null; SS_PID=""; fi
  [ -n "$WORK" ] && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
side_name() { case $1 in ss) echo SharpStack;; ref) echo Glance;; copy) echo "plain copy";; esac; }

# ------------------------------------------------------------------ the two sides
if [[ " $SIDES " == *" ref "* ]]; then
  if ! curl -s -o /dev/null --max-time 5 "$REF_URL/"; then
    log "starting the reference Glance"; "$SHARED/reference/up.sh" glance >&2 || die "reference up.sh glance failed"
  fi
  REF_PW=$(sed -n "s/^export OS_PASSWORD=//p" "$REF_STATE/admin-openrc.sh" 2>/dev/null | tr -d "'\"" | head -1)
  REF_PW=${REF_PW:-${ADMIN_PASSWORD:-admin}}
  URL[ref]=$REF_URL
  TOKEN[ref]=$($FX token "$REF_ID_URL" "$REF_PW") || die "no token from the reference Keystone"
fi
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
if [[ " $SIDES " == *" ss "* ]]; then
  # a default port that something else holds is moved (a port set explicitly is used as given)
  if [ -z "${BENCH_PORT:-}" ] && port_busy "$PORT"; then PORT=$(free_port); log "port 9392 is taken: SharpStack's Image uses $PORT"; fi
  if [ -z "${BENCH_IDENTITY_PORT:-}" ] && port_busy "$ID_PORT"; then ID_PORT=$(free_port); log "port 5100 is taken: SharpStack's Identity uses $ID_PORT"; fi
  SS_PW="bench-admin-$RANDOM$RANDOM"
  log "starting SharpStack: Identity :$ID_PORT, Image :$PORT (data dir $WORK/data)"
  # Placement (also started by up) on any free port: the reference's Placement holds 8778.
  SHARPSTACK_IDENTITY__BIND_PORT=$ID_PORT SHARPSTACK_IMAGE__BIND_PORT=$PORT SHARPSTACK_PLACEMENT__BIND_PORT=$(free_port) \
    "$ROOT/scripts/up.sh" --data-dir "$WORK/data" --admin-password "$SS_PW" > "$WORK/sharpstack.log" 2>&1 &
  SS_PID=$!
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$ID_PORT/v3" && break
    kill -0 "$SS_PID" 2>/dev/null || { tail -20 "$WORK/sharpstack.log" >&2; SS_PID=""; die "SharpStack did not start"; }
    sleep 0.5
  done
  TOKEN[ss]=$($FX token "http://127.0.0.1:$ID_PORT" "$SS_PW") || die "no token from SharpStack"
  URL[ss]=$($FX endpoint "http://127.0.0.1:$ID_PORT" "$SS_PW")
  [ -n "${URL[ss]}" ] || URL[ss]=http://127.0.0.1:$PORT
  for _ in $(seq 1 60); do curl -s -o /dev/null --max-time 5 "${URL[ss]}/" && break; sleep 0.5; done
fi

# ------------------------------------------------------------------ what each side serves
declare -A SERVES SKIPS_SEEN
SKIPS=() NOTES=()
skip() { [ -n "${SKIPS_SEEN[$1]:-}" ] && return 0; SKIPS_SEEN[$1]=1; SKIPS+=("$1"); log "not measured: $1"; }
for side in $SIDES; do
  while read -r api code; do
    SERVES[$side.$api]=$code
  done < <($FX probe "${URL[$side]}" "${TOKEN[$side]}")
  log "$(side_name $side) at ${URL[$side]}: create ${SERVES[$side.create]}, upload ${SERVES[$side.upload]}, download ${SERVES[$side.download]}, list ${SERVES[$side.list]}"
done
serves() { # SIDE API...: 0 if every API answered 2xx in the probe
  local a; for a in "${@:2}"; do [[ "${SERVES[$1.$a]:-0}" == 2?? ]] || return 1; done
}

# ------------------------------------------------------------------ measuring
pids_of() { # SIDE -> the service's processes
  case $1 in
    ss) echo "$SS_PID $(pgrep -P "$SS_PID" 2>/dev/null | tr '\n' ' ')" ;;
    ref) local m; m=$(cut -d' ' -f1 "$REF_STATE/pids/glance-api.pid" 2>/dev/null); [ -n "$m" ] && pgrep -g "$m" | tr '\n' ' ' ;;
  esac
}
rss_kb() { local t=0 p v; for p in "$@"; do v=$(awk '/^VmRSS/{print $2}' "/proc/$p/status" 2>/dev/null); t=$((t + ${v:-0})); done; echo $t; }
mb() { awk -v k="$1" 'BEGIN{printf "%.0f", k/1024}'; }
sampler_start() { # SIDE: the max RSS goes to $WORK/rss.max
  local side=$1; echo 0 > "$WORK/rss.max"
  [ "$side" = copy ] && return 0
  ( max=0; while :; do r=$(rss_kb $(pids_of "$side")); [ "$r" -gt "$max" ] && { max=$r; echo $max > "$WORK/rss.max"; }; sleep 0.2; done ) &
  SAMPLER_PID=$!
}
sampler_stop() { [ -n "$SAMPLER_PID" ] && { kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null || true; }; SAMPLER_PID=""; cat "$WORK/rss.max"; }
now() { date +%s.%N; }
mbps() { awk -v n="$1" -v s="$2" -v t="$3" 'BEGIN{ if (t > 0) printf "%.0f", n*s/t; else printf "-" }'; }   # streams MiB seconds
free_mb() { df -Pm "$WORK" | awk 'NR==2{print $4}'; }
settle() { sync -f "$WORK" 2>/dev/null || sync; }

declare -A RESULT_MBPS RESULT_RSS RESULT_NOTE RSS_IDLE
for side in $SIDES; do RSS_IDLE[$side]=$(rss_kb $(pids_of "$side")); done

# transfer SIDE SIZE_MB N: upload then download; sets RESULT_* [SIDE.up.SIZE.N] and [SIDE.down.SIZE.N]
transfer() {
  local side=$1 size=$2 n=$3 url=${URL[$1]} tok=${TOKEN[$1]} i t0 t1 ok=1 ids=() codes sink=file
  local need=$((2 * n * size + 1024)) key="$size.$n"
  if [ "$(free_mb)" -lt "$need" ]; then
    if [ "$(free_mb)" -lt $((n * size + 1024)) ]; then
      skip "$(side_name "$side") $size MiB × $n: not enough free disk ($(free_mb) MiB, needs $need)"; return 0
    fi
    sink=null; RESULT_NOTE[$side.down.$key]="downloads to /dev/null (disk space)"
  fi
  : > "$WORK/$side.cell-ids"
  for i in $(seq 1 "$n"); do
    id=$(curl -s -X POST -H "X-Auth-Token: $tok" -H 'Content-Type: application/json' "$url/v2/images" \
      -d "{\"name\":\"sharpstack-bench-$size-$i\",\"disk_format\":\"raw\",\"container_format\":\"bare\",\"tags\":[\"sharpstack-bench\"]}" | jq -r '.id // empty' 2>/dev/null || true)
    [ -n "$id" ] || { skip "$(side_name "$side"): image create failed"; return 0; }
    ids+=("$id"); echo "$id" >> "$WORK/$side.cell-ids"
  done
  log "$(side_name "$side") upload $size MiB × $n"
  settle; sampler_start "$side"; t0=$(now)
  local pids=()
  for i in $(seq 0 $((n - 1))); do
    curl -s -o "$WORK/up.$i.out" -w '%{http_code}' -X PUT -H "X-Auth-Token: $tok" -H 'Content-Type: application/octet-stream' \
      -T "$WORK/source.$size" "$url/v2/images/${ids[$i]}/file" > "$WORK/up.$i.code" &
    pids+=($!)
  done
  wait "${pids[@]}" 2>/dev/null || true
  t1=$(now); RESULT_RSS[$side.up.$key]=$(sampler_stop)
  codes=$(cat "$WORK"/up.*.code | sort | uniq -c | tr -s ' ' | tr '\n' ',')
  for i in $(seq 0 $((n - 1))); do
    read -r st sz ck < <(curl -s -H "X-Auth-Token: $tok" "$url/v2/images/${ids[$i]}" | jq -r '"\(.status) \(.size) \(.checksum)"' 2>/dev/null || true) || true
    if [ "$(cat "$WORK/up.$i.code")" != 204 ] || [ "$st" != active ] || [ "$sz" != $((size * 1048576)) ] || [ "$ck" != "${SRC_MD5[$size]}" ]; then
      ok=0; RESULT_NOTE[$side.up.$key]="failed: HTTP $(cat "$WORK/up.$i.code"), then status $st size $sz checksum $ck ($(head -c 200 "$WORK/up.$i.out"))"
      break
    fi
  done
  rm -f "$WORK"/up.*
  if [ $ok = 1 ]; then RESULT_MBPS[$side.up.$key]=$(mbps "$n" "$size" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')")
  else log "$(side_name "$side") upload $size MiB × $n: ${RESULT_NOTE[$side.up.$key]} (codes: $codes)"; fi

  if [ $ok = 1 ] && serves "$side" download; then
    log "$(side_name "$side") download $size MiB × $n"
    settle; sampler_start "$side"; t0=$(now)
    pids=()
    for i in $(seq 0 $((n - 1))); do
      out="$WORK/down.$i"; [ $sink = null ] && out=/dev/null
      curl -s -o "$out" -w '%{http_code} %{size_download}' -H "X-Auth-Token: $tok" "$url/v2/images/${ids[$i]}/file" > "$WORK/down.$i.code" &
      pids+=($!)
    done
    wait "${pids[@]}" 2>/dev/null || true
    t1=$(now); RESULT_RSS[$side.down.$key]=$(sampler_stop)
    local dok=1
    for i in $(seq 0 $((n - 1))); do
      read -r code got < "$WORK/down.$i.code" || true
      if [ "$code" != 200 ] || [ "$got" != $((size * 1048576)) ]; then dok=0; RESULT_NOTE[$side.down.$key]="failed: HTTP $code, $got bytes"; break; fi
    done
    if [ $dok = 1 ] && [ "$n" = 1 ] && [ $sink = file ] && ! cmp -s "$WORK/down.0" "$WORK/source.$size"; then
      dok=0; RESULT_NOTE[$side.down.$key]="failed: the downloaded bytes differ from the source"
    fi
    [ $dok = 1 ] && RESULT_MBPS[$side.down.$key]=$(mbps "$n" "$size" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')")
    rm -f "$WORK"/down.*
  elif [ $ok = 1 ]; then
    skip "$(side_name "$side") download: the API is not served yet (probe: HTTP ${SERVES[$side.download]})"
  fi
  $FX delete "$url" "$tok" "$WORK/$side.cell-ids" || true
  settle
}

# plain_copy SIZE_MB N: N concurrent cp of the source on the same disk
plain_copy() {
  local size=$1 n=$2 i t0 t1 pids=()
  [ "$(free_mb)" -lt $((n * size + 1024)) ] && { skip "plain copy $size MiB × $n: not enough free disk"; return 0; }
  log "plain copy $size MiB × $n"
  settle; t0=$(now)
  for i in $(seq 1 "$n"); do cp "$WORK/source.$size" "$WORK/copy.$i" & pids+=($!); done
  wait "${pids[@]}" 2>/dev/null || true
  t1=$(now)
  RESULT_MBPS[copy.$size.$n]=$(mbps "$n" "$size" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')")
  rm -f "$WORK"/copy.*; settle
}

declare -A SRC_MD5
if [[ " $SCENARIOS " == *" transfer "* ]]; then
  for size in $SIZES; do
    [ "$(free_mb)" -gt $((size + 2048)) ] || { skip "$size MiB: not enough free disk for the source file"; continue; }
    log "making a $size MiB source file (random bytes)"
    head -c $((size * 1048576)) /dev/urandom > "$WORK/source.$size"
    SRC_MD5[$size]=$(md5sum "$WORK/source.$size" | cut -d' ' -f1)
    for n in $STREAMS; do
      plain_copy "$size" "$n"
      for side in $SIDES; do
        if serves "$side" create upload; then transfer "$side" "$size" "$n"
        else skip "$(side_name "$side") upload/download: the API is not served yet (probe: create ${SERVES[$side.create]}, upload ${SERVES[$side.upload]})"; fi
      done
    done
    rm -f "$WORK/source.$size"
  done
fi

# ------------------------------------------------------------------ image list
declare -A LIST_ROW
wrk_run() { # SIDE CONNECTIONS SECONDS -> "req/s p50_ms p99_ms errors"
  local line t=2; [ "$2" -lt 2 ] && t=1
  line=$(BENCH_TOKEN=${TOKEN[$1]} BENCH_LIST_PATH=$LIST_PATH wrk -t$t -c"$2" -d"$3s" --timeout 30s -s "$HERE/list.lua" "${URL[$1]}" 2>&1 | grep '^BENCH ' || true)
  [ -n "$line" ] || { echo "- - - -"; return 0; }
  awk -v l="$line" 'BEGIN{ split(l, f, " "); for (i in f) { split(f[i], kv, "="); v[kv[1]] = kv[2] }
    printf "%.1f %.2f %.2f %d\n", v["requests"]/(v["duration_us"]/1e6), v["p50_us"]/1000, v["p99_us"]/1000, v["errors"] }'
}
if [[ " $SCENARIOS " == *" list "* ]]; then
  for side in $SIDES; do
    if ! serves "$side" create list; then
      skip "$(side_name "$side") image list: the API is not served yet (probe: create ${SERVES[$side.create]}, list ${SERVES[$side.list]})"; continue
    fi
    # images kept from an earlier run with BENCH_KEEP_LIST=1 are reused
    keep="$RESULTS/.list-ids-$side"; have=0
    if [ -s "$keep" ] && [ "${BENCH_KEEP_LIST:-0}" = 1 ]; then cp "$keep" "$WORK/$side.list-ids"; have=$(wc -l < "$keep"); fi
    if [ "$have" -lt "$NLIST" ]; then
      log "$(side_name "$side"): creating $((NLIST - have)) images for the list scenario"
      t0=$(now)
      $FX mklist "${URL[$side]}" "${TOKEN[$side]}" $((NLIST - have)) "$WORK/$side.list-ids" > /dev/null 2> "$WORK/$side.mklist.err" || true
      NOTES+=("$(side_name "$side"): $(($(wc -l < "$WORK/$side.list-ids") - have)) images created in $(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.0f", b-a}') s (8 at a time) for the list scenario $(head -c 200 "$WORK/$side.mklist.err")")
    fi
    if [ "${BENCH_KEEP_LIST:-0}" = 1 ]; then mkdir -p "$RESULTS"; cp "$WORK/$side.list-ids" "$keep"; fi
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: ${TOKEN[$side]}" "${URL[$side]}$LIST_PATH")
    [[ $code == 2?? ]] || { skip "$(side_name "$side") image list: $LIST_PATH answered HTTP $code"; continue; }
    log "$(side_name "$side") list: warm-up ${WARMUP}s, then ${DURATION}s at $LIST_CONC connections"
    wrk_run "$side" "$LIST_CONC" "$WARMUP" > /dev/null
    sampler_start "$side"
    LIST_ROW[$side]=$(wrk_run "$side" "$LIST_CONC" "$DURATION")
    LIST_ROW[$side.rss]=$(sampler_stop)
  done
fi

# ------------------------------------------------------------------ report
cell() { local v=${RESULT_MBPS[$1]:-}; if [ -n "$v" ]; then echo "$v"; elif [ -n "${RESULT_NOTE[$1]:-}" ]; then echo "failed"; else echo "-"; fi; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a+0 > 0 && b+0 > 0) printf "%.0f%%", 100*a/b; else printf "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a+0 > 0 && b+0 > 0) printf "%.1f×", a/b; else printf "-" }'; }
rssc_v() { if [ -n "${1:-}" ] && [ "$1" != 0 ]; then mb "$1"; else echo "-"; fi; }
rssc() { local v=${RESULT_RSS[$1]:-}; [ -n "$v" ] && [ "$v" != 0 ] && echo "$(mb "$v")" || echo "-"; }
dev_of() { df -P "$1" 2>/dev/null | awk 'NR==2{print $1}'; }
{
  echo "# Image benchmark, $(date '+%Y-%m-%d %H:%M')"
  echo
  echo "SharpStack $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') (${URL[ss]:-not run}, SQLite, file store in $WORK/data) vs the" \
       "reference Glance $(dpkg-query -W -f='${Version}' glance-api 2>/dev/null) (${URL[ref]:-not run}: glance-api, eventlet," \
       "$(sed -n 's/^workers = //p' /etc/glance/glance-api.conf 2>/dev/null | head -1) workers, MariaDB, file store in $REF_STATE/glance) on $(nproc) cores" \
       "shared by both and by the clients. Disk: $(dev_of "$WORK") for SharpStack, the copies and the downloads," \
       "$(dev_of "$REF_STATE") for Glance's store. Client: curl (\`-T\` upload, \`-o\` download into a file on the same disk)," \
       "N transfers started at once; MiB/s = N × size ÷ wall time of the slowest. Plain copy = N concurrent \`cp\` of the" \
       "source file on the same disk (page cache included, no fsync; SharpStack fsyncs each image before it becomes active, Glance does not)." \
       "Load average at start / end: $LOAD_START / $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| transfer | size | N | plain copy MiB/s | SharpStack MiB/s | % of copy | Glance MiB/s | % of copy | SharpStack ÷ Glance | RSS max MB (SS / Glance) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for size in $SIZES; do for n in $STREAMS; do for dir in up down; do
    c=$(cell "copy.$size.$n"); s=$(cell "ss.$dir.$size.$n"); r=$(cell "ref.$dir.$size.$n")
    [ "$c$s$r" = "---" ] && continue
    label=upload; [ $dir = down ] && label=download
    echo "| $label | $size MiB | $n | $c | $s | $(pct "$s" "$c") | $r | $(pct "$r" "$c") | **$(ratio "$s" "$r")** | $(rssc "ss.$dir.$size.$n") / $(rssc "ref.$dir.$size.$n") |"
  done; done; done
  echo
  if [[ " $SCENARIOS " == *" list "* ]]; then
    echo "| image list ($NLIST images, \`GET $LIST_PATH\`, $LIST_CONC connections, ${DURATION}s) | req/s | p50 ms | p99 ms | errors | RSS max MB |"
    echo "|---|---|---|---|---|---|"
    for side in $SIDES; do
      [ -n "${LIST_ROW[$side]:-}" ] || continue
      read -r a b c d <<<"${LIST_ROW[$side]}"
      echo "| $(side_name "$side") | $a | $b | $c | $d | $(rssc_v "${LIST_ROW[$side.rss]}") |"
    done
    if [ -n "${LIST_ROW[ss]:-}" ] && [ -n "${LIST_ROW[ref]:-}" ]; then
      echo; echo "List throughput SharpStack ÷ Glance: **$(ratio "$(cut -d' ' -f1 <<<"${LIST_ROW[ss]}")" "$(cut -d' ' -f1 <<<"${LIST_ROW[ref]}")")**"
    fi
    echo
  fi
  echo "| resident memory, idle (after start-up) | MB |"
  echo "|---|---|"
  for side in $SIDES; do echo "| $(side_name "$side") ($(echo $(pids_of "$side") | wc -w) process(es)) | $(mb "${RSS_IDLE[$side]}") |"; done
  echo
  echo "Glance also relies on MariaDB ($(mb "$(rss_kb $(pidof mariadbd 2>/dev/null))") MB now, shared with the other reference services)" \
       "and on Keystone for token validation (memcached cache)."
  notes=()
  for k in "${!RESULT_NOTE[@]}"; do notes+=("$(side_name "${k%%.*}") ${k#*.}: ${RESULT_NOTE[$k]}"); done
  if [ ${#SKIPS[@]} -gt 0 ] || [ ${#notes[@]} -gt 0 ]; then
    echo; echo "Not measured / notes:"
    printf -- '- %s\n' "${SKIPS[@]}" "${notes[@]}" | sort -u | grep -v '^- $' || true
  fi
  if [ ${#NOTES[@]} -gt 0 ]; then echo; echo "Fixtures:"; printf -- '- %s\n' "${NOTES[@]}"; fi
} > "$WORK/report.md"
mkdir -p "$RESULTS"
cp "$WORK/report.md" "$RESULT"
cat "$RESULT"
log "written to $RESULT"
