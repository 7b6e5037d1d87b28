#!/bin/bash
# Identity benchmark: SharpStack side by side with the reference Keystone (Debian's Zed) on this machine, same
# client (wrk), same concurrency (1, 16, 64), each scenario for BENCH_DURATION seconds on both:
#   validate     GET /v3/auth/tokens (admin validates a project-scoped token)
#   password     token issue by password, project scope (both sides hash with pbkdf2_sha512, same rounds)
#   rescope      token issue by token (unscoped -> project)
#   appcred      token issue by application credential
#   userlist     GET /v3/users of a domain with 1,000 users
#   revoked      validate again after 10,000 revocation events
# Reports req/s, p50/p99 and the SharpStack/Keystone ratio, plus resident memory (from /proc) of each, in
# bench/results/identity-<date>.md (also printed). Run as root from the repository (needs ../shared):
#   bench/identity/run.sh
# Knobs: BENCH_DURATION (10), BENCH_WARMUP (5 s per scenario and side, not measured), BENCH_CONCURRENCY ("1 16 64"), BENCH_SCENARIOS (all of the above), BENCH_PORT
# (5100, SharpStack), BENCH_HASH_ROUNDS (25000), BENCH_USERS (1000), BENCH_REVOCATIONS (10000), SHARPSTACK_NO_BUILD=1.
# The reference: started with ../shared/reference/up.sh keystone if :5000 does not answer. For the password
# fixtures its /etc/keystone/keystone.conf gets [identity] password_hash_algorithm/rounds for a moment (uwsgi
# reloaded gracefully), then the original is put back. Its revocation events are inserted in MariaDB (through
# the API they would take ~10 minutes of Keystone CPU) and deleted at the end, with the bench users.
# A scenario whose API a side does not serve yet (404/501) is skipped with a note.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARPSTACK_SHARED:-$ROOT/../shared}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-5}
CONCURRENCY=${BENCH_CONCURRENCY:-1 16 64}
SCENARIOS=${BENCH_SCENARIOS:-validate password rescope appcred userlist revoked}
PORT=${BENCH_PORT:-5100}
ROUNDS=${BENCH_HASH_ROUNDS:-25000}
NUSERS=${BENCH_USERS:-1000}
NEVENTS=${BENCH_REVOCATIONS:-10000}
REF_URL=http://127.0.0.1:5000
REF_STATE=${REF_STATE:-/var/tmp/sharpstack-ref}
KS_CONF=/etc/keystone/keystone.conf
PY=/usr/bin/python3
export BENCH_DIR=$HERE
RESULT="$ROOT/bench/results/identity-$(date +%Y%m%d-%H%M).md"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d /tmp/sharpstack-bench-XXXXXX)
SS_PID="" CONF_CHANGED=0 EVENTS_INSERTED=0 REF_FIXTURES=0 REF_PW=""

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (the reference Keystone and its config need it)"

# ------------------------------------------------------------------ the reference's helpers, clean-up (always)
ks_master() { cut -d' ' -f1 "$REF_STATE/pids/keystone.pid" 2>/dev/null; }
ks_reload() { # graceful uwsgi reload (lazy-apps: the workers re-read keystone.conf), then wait for the API
  local m; m=$(ks_master); [ -n "$m" ] && kill -HUP "$m"
  sleep 3
  for _ in $(seq 1 120); do curl -sf -o /dev/null --max-time 5 "$REF_URL/v3" && return 0; sleep 0.5; done
  die "the reference Keystone did not answer after a reload"
}
ref_token() {
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' "$REF_URL/v3/auth/tokens" -d \
    "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\",\"domain\":{\"id\":\"default\"},\"password\":\"$REF_PW\"}}},\"scope\":{\"project\":{\"name\":\"admin\",\"domain\":{\"id\":\"default\"}}}}}" \
    | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: *//p' | tr -d '\r'
}
revoke_one() { # one revocation through the API: Keystone then drops its cached revocation list
  local t; t=$(ref_token)
  curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $t" -H "X-Subject-Token: $t" "$REF_URL/v3/auth/tokens"
}
cleanup() {
  set +e
  if [ "$CONF_CHANGED" = 1 ]; then log "restoring $KS_CONF"; cp -p "$WORK/keystone.conf.orig" "$KS_CONF"; CONF_CHANGED=0; ks_reload; fi
  if [ "$EVENTS_INSERTED" = 1 ]; then
    log "removing the bench revocation events from the reference"
    mysql -uroot keystone -e "DELETE FROM revocation_event WHERE audit_id LIKE 'bench%'"; EVENTS_INSERTED=0; revoke_one
  fi
  if [ "$REF_FIXTURES" = 1 ]; then
    log "removing the bench users from the reference"; REF_FIXTURES=0
    $PY "$HERE/fixtures.py" cleanup "$REF_URL" "$REF_PW"
  fi
  if [ -n "$SS_PID" ]; then kill -TERM "$SS_PID" 2>/dev/null; wait "$SS_PID" 2>/dev/null; SS_PID=""; fi
  [ -n "$WORK" ] && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ tools
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk >/dev/null || die "apt-get install wrk failed"
fi

# ------------------------------------------------------------------ the reference Keystone on :5000
if ! curl -sf -o /dev/null --max-time 5 "$REF_URL/v3"; then
  log "starting the reference Keystone"; "$SHARED/reference/up.sh" keystone >&2 || die "reference up.sh failed"
fi
command -v mysql >/dev/null || die "mysql client missing (it comes with the reference: ../shared/reference/up.sh keystone)"
[ -f "$REF_STATE/pids/keystone.pid" ] || die "no $REF_STATE/pids/keystone.pid: was the reference started by ../shared/reference/up.sh?"
REF_PW=$(sed -n "s/^export OS_PASSWORD=//p" "$REF_STATE/admin-openrc.sh" 2>/dev/null | tr -d "'\"" | head -1)
REF_PW=${REF_PW:-${ADMIN_PASSWORD:-admin}}

# ------------------------------------------------------------------ SharpStack on :$PORT, fresh data dir
SS_URL=http://127.0.0.1:$PORT
SS_PW="bench-admin-$RANDOM$RANDOM"
log "starting SharpStack on $SS_URL (data dir $WORK/data)"
# The other services `up` starts go to free ports (the reference services hold the defaults).
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SHARPSTACK_IDENTITY__BIND_PORT=$PORT SHARPSTACK_IDENTITY__PASSWORD_HASH_ALGORITHM=pbkdf2_sha512 \
  SHARPSTACK_IDENTITY__PASSWORD_HASH_ROUNDS=$ROUNDS SHARPSTACK_IMAGE__BIND_PORT=$(free_port) SHARPSTACK_PLACEMENT__BIND_PORT=$(free_port) \
  "$ROOT/scripts/up.sh" --data-dir "$WORK/data" --admin-password "$SS_PW" > "$WORK/sharpstack.log" 2>&1 &
SS_PID=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null --max-time 5 "$SS_URL/v3" && break
  kill -0 "$SS_PID" 2>/dev/null || { tail -20 "$WORK/sharpstack.log" >&2; SS_PID=""; die "SharpStack did not start"; }
  sleep 0.5
done
curl -sf -o /dev/null "$SS_URL/v3" || die "SharpStack did not answer on $SS_URL"

# ------------------------------------------------------------------ fixtures (password hashes: pbkdf2_sha512, $ROUNDS rounds)
log "reference: [identity] password_hash_algorithm = pbkdf2_sha512, password_hash_rounds = $ROUNDS (for the fixtures)"
cp -p "$KS_CONF" "$WORK/keystone.conf.orig"; CONF_CHANGED=1
$PY - "$KS_CONF" "$ROUNDS" <<'PYEOF'
import sys
path, rounds = sys.argv[1:3]
want = {'password_hash_algorithm': 'pbkdf2_sha512', 'password_hash_rounds': rounds}
out, section, done = [], None, set()
for line in open(path).read().splitlines():
    s = line.strip()
    if s.startswith('[') and s.endswith(']'):
        if section == 'identity':
            out += [f'{k} = {v}' for k, v in want.items() if k not in done]; done |= set(want)
        section = s[1:-1]
    elif section == 'identity' and s.split('=')[0].strip() in want:
        k = s.split('=')[0].strip(); out.append(f'{k} = {want[k]}'); done.add(k); continue
    out.append(line)
if section == 'identity':
    out += [f'{k} = {v}' for k, v in want.items() if k not in done]; done |= set(want)
if not done:
    out += ['[identity]'] + [f'{k} = {v}' for k, v in want.items()]
open(path, 'w').write('\n'.join(out) + '\n')
PYEOF
ks_reload
REF_FIXTURES=1
log "fixtures: reference"
$PY "$HERE/fixtures.py" prepare "$REF_URL" "$REF_PW" "$WORK/ref.env" 2> "$WORK/ref.notes" || { cat "$WORK/ref.notes" >&2; die "reference fixtures failed"; }
log "fixtures: SharpStack"
$PY "$HERE/fixtures.py" prepare "$SS_URL" "$SS_PW" "$WORK/ss.env" 2> "$WORK/ss.notes" || { cat "$WORK/ss.notes" >&2; die "SharpStack fixtures failed"; }
cp -p "$WORK/keystone.conf.orig" "$KS_CONF"; CONF_CHANGED=0; ks_reload
log "reference config restored"

# the hashes the password scenario verifies, read back from each database (user, hash algorithm, rounds)
HASH_SQL="SELECT p.password_hash FROM password p JOIN local_user l ON p.local_user_id = l.id WHERE l.name = '%s' AND l.domain_id = 'default' ORDER BY p.created_at_int DESC LIMIT 1"
REF_USER=$(. "$WORK/ref.env"; echo "$BENCH_USER"); SS_USER=$(. "$WORK/ss.env"; echo "$BENCH_USER")
REF_HASH=$(mysql -uroot -N keystone -e "$(printf "$HASH_SQL" "$REF_USER")" | cut -d'$' -f1-3)
SS_HASH=$($PY -c 'import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
for sql in ("SELECT p.password_hash FROM password p JOIN \"user\" u ON p.user_id = u.id WHERE u.name = ? AND u.domain_id = \"default\" ORDER BY p.created_at DESC LIMIT 1",
            sys.argv[2].replace("%s", "?").replace("\x27?\x27", "?")):
    try:
        r = c.execute(sql, (sys.argv[3],)).fetchone()
        if r: print("$".join(r[0].split("$")[:3])); break
    except sqlite3.Error:
        pass
else:
    print("?")' "$WORK/data/identity.db" "$HASH_SQL" "$SS_USER" 2>/dev/null || echo '?')
log "password hashes: reference $REF_HASH, SharpStack $SS_HASH"

if [[ " $SCENARIOS " == *" userlist "* ]]; then
  for side in ref ss; do
    url=$REF_URL pw=$REF_PW; [ $side = ss ] && url=$SS_URL pw=$SS_PW
    log "fixtures: $NUSERS users on $side"
    d=$($PY "$HERE/fixtures.py" users "$url" "$pw" "$NUSERS" 2>> "$WORK/$side.notes" | tail -1) || d=""
    echo "export BENCH_USERS_DOMAIN_ID='$d'" >> "$WORK/$side.env"
  done
fi

# ------------------------------------------------------------------ measuring
rss_kb() { local t=0 p v; for p in "$@"; do v=$(awk '/^VmRSS/{print $2}' "/proc/$p/status" 2>/dev/null); t=$((t + ${v:-0})); done; echo $t; }
ref_pids() { local m; m=$(ks_master); echo "$m $(ps --ppid "$m" -o pid= 2>/dev/null | tr '\n' ' ')"; }
ss_pids() { echo "$SS_PID"; }
mb() { awk -v k="$1" 'BEGIN{printf "%.0f", k/1024}'; }
declare -A RSS_MAX=([ref]=0 [ss]=0) RSS_IDLE=()
RSS_IDLE[ref]=$(rss_kb $(ref_pids)); RSS_IDLE[ss]=$(rss_kb $(ss_pids))
sample_rss() { local s r; for s in ref ss; do r=$(rss_kb $(${s}_pids)); [ "$r" -gt "${RSS_MAX[$s]}" ] && RSS_MAX[$s]=$r; done; return 0; }

# probe SIDE SCENARIO -> HTTP status of one request as the scenario sends it
probe() {
  ( . "$WORK/$1.env"
    post() { curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' "$BENCH_BASE/v3/auth/tokens" -d "$1"; }
    case $2 in
      validate|revoked) curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $BENCH_ADMIN_TOKEN" \
                          -H "X-Subject-Token: $BENCH_SUBJECT_TOKEN" "$BENCH_BASE/v3/auth/tokens" ;;
      userlist) [ -n "${BENCH_USERS_DOMAIN_ID:-}" ] || { echo 404; exit; }
                curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $BENCH_ADMIN_TOKEN" "$BENCH_BASE/v3/users?domain_id=$BENCH_USERS_DOMAIN_ID" ;;
      appcred) [ -n "${BENCH_APPCRED_ID:-}" ] || { echo 404; exit; }
               post "{\"auth\":{\"identity\":{\"methods\":[\"application_credential\"],\"application_credential\":{\"id\":\"$BENCH_APPCRED_ID\",\"secret\":\"$BENCH_APPCRED_SECRET\"}}}}" ;;
      password) post "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"$BENCH_USER\",\"domain\":{\"id\":\"default\"},\"password\":\"$BENCH_PASSWORD\"}}},\"scope\":{\"project\":{\"id\":\"$BENCH_PROJECT_ID\"}}}}" ;;
      rescope) post "{\"auth\":{\"identity\":{\"methods\":[\"token\"],\"token\":{\"id\":\"$BENCH_UNSCOPED_TOKEN\"}},\"scope\":{\"project\":{\"id\":\"$BENCH_PROJECT_ID\"}}}}" ;;
    esac )
}

# wrk_run SIDE SCENARIO CONNECTIONS -> "req/s p50_ms p99_ms errors"
wrk_run() {
  local side=$1 sc=$2 c=$3 t=2 script=$2 line
  [ "$c" -lt 2 ] && t=1
  [ "$sc" = revoked ] && script=validate
  line=$( . "$WORK/$side.env"; wrk -t"$t" -c"$c" -d"${DURATION}s" --timeout 30s -s "$HERE/$script.lua" "$BENCH_BASE" 2>&1 | grep '^BENCH ' || true)
  sample_rss
  [ -n "$line" ] || { echo "- - - -"; return 0; }
  local req dur p50 p99 err
  req=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line"); dur=$(sed -E 's/.*duration_us=([0-9]+).*/\1/' <<<"$line")
  p50=$(sed -E 's/.*p50_us=([0-9]+).*/\1/' <<<"$line"); p99=$(sed -E 's/.*p99_us=([0-9]+).*/\1/' <<<"$line")
  err=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line")
  awk -v r="$req" -v d="$dur" -v a="$p50" -v b="$p99" -v e="$err" 'BEGIN{printf "%.1f %.2f %.2f %d\n", r/(d/1e6), a/1000, b/1000, e}'
}

describe() { case $1 in
  validate) echo "token validate";; password) echo "issue: password, project scope";; rescope) echo "issue: token (re-scope)";;
  appcred) echo "issue: application credential";; userlist) echo "user list ($NUSERS users)";;
  revoked) echo "validate, +$NEVENTS revocation events";; *) echo "$1";; esac; }
side_name() { [ "$1" = ss ] && echo SharpStack || echo Keystone; }

ROWS=() SKIPS=()
add_revocations() {
  log "adding $NEVENTS revocation events to SharpStack (API: issue + revoke)"
  $PY "$HERE/fixtures.py" revoke "$SS_URL" "$SS_PW" "$NEVENTS" 2>> "$WORK/ss.notes" \
    || SKIPS+=("SharpStack: the revocation fixture failed (see the notes)")
  log "adding $NEVENTS revocation events to the reference (MariaDB insert)"
  EVENTS_INSERTED=1
  $PY - "$NEVENTS" <<'PYEOF' | mysql -uroot keystone
import sys, secrets
n = int(sys.argv[1])
rows = ",\n".join(f"(UTC_TIMESTAMP(), UTC_TIMESTAMP(), 'bench{secrets.token_urlsafe(13)[:17]}')" for _ in range(n))
print("INSERT INTO revocation_event (issued_before, revoked_at, audit_id) VALUES\n" + rows + ";")
PYEOF
  revoke_one
}

for sc in $SCENARIOS; do
  [ "$sc" = revoked ] && add_revocations
  ok=""
  for side in ss ref; do
    code=$(probe $side "$sc")
    case $code in
      2*) ok="$ok $side" ;;
      404|501) SKIPS+=("$(describe "$sc") on $(side_name $side): the API is not served yet (HTTP $code)") ;;
      *) SKIPS+=("$(describe "$sc") on $(side_name $side): one request answered HTTP $code, not measured") ;;
    esac
  done
  [ -n "$ok" ] || continue
  # Warm both sides the same way first: SharpStack's JIT tiers up in the first seconds, and a cold start is not
  # what a running cloud serves.
  for side in $ok; do
    log "$sc warm-up ${WARMUP}s $(side_name $side)"
    ( . "$WORK/$side.env"; wrk -t2 -c16 -d"${WARMUP}s" --timeout 30s -s "$HERE/$(if [ "$sc" = revoked ]; then echo validate; else echo "$sc"; fi).lua" "$BENCH_BASE" > /dev/null 2>&1 || true )
  done
  for c in $CONCURRENCY; do
    ss_r="- - - -" ref_r="- - - -"
    for side in $ok; do
      log "$sc c=$c $(side_name $side)"
      r=$(wrk_run $side "$sc" "$c")
      if [ $side = ss ]; then ss_r=$r; else ref_r=$r; fi
    done
    read -r s_rps s_p50 s_p99 s_err <<<"$ss_r"; read -r k_rps k_p50 k_p99 k_err <<<"$ref_r"
    ratio=$(awk -v a="$s_rps" -v b="$k_rps" 'BEGIN{ if (a+0 > 0 && b+0 > 0) printf "%.1f×", a/b; else printf "-" }')
    ROWS+=("| $(describe "$sc") | $c | $s_rps | $s_p50 | $s_p99 | $k_rps | $k_p50 | $k_p99 | **$ratio** | $s_err / $k_err |")
  done
done

# ------------------------------------------------------------------ report
sample_rss
INI="$REF_STATE/run/keystone-uwsgi.ini"
{
  echo "# Identity benchmark, $(date '+%Y-%m-%d %H:%M')"
  echo
  echo "SharpStack $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') ($SS_URL, SQLite) vs the reference Keystone" \
       "$(dpkg-query -W -f='${Version}' keystone 2>/dev/null) ($REF_URL: uwsgi $(sed -n 's/^processes = //p' "$INI" | head -1) processes" \
       "× $(sed -n 's/^threads = //p' "$INI" | head -1) threads, MariaDB, memcached) on $(nproc) cores shared by both and by wrk;" \
       "wrk for ${DURATION}s per cell. Password hashes: SharpStack \`$SS_HASH\`, Keystone \`$REF_HASH\`." \
       "Ratio = SharpStack req/s ÷ Keystone req/s; latencies in ms. Load average at start / end: $LOAD_START / $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| scenario | conc. | SharpStack req/s | p50 | p99 | Keystone req/s | p50 | p99 | ratio | errors (SS / KS) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  [ ${#ROWS[@]} -gt 0 ] && printf '%s\n' "${ROWS[@]}"
  echo
  echo "| resident memory | idle (after fixtures) | max seen during the run |"
  echo "|---|---|---|"
  echo "| SharpStack (one process) | $(mb "${RSS_IDLE[ss]}") MB | $(mb "${RSS_MAX[ss]}") MB |"
  echo "| Keystone (uwsgi master + workers) | $(mb "${RSS_IDLE[ref]}") MB | $(mb "${RSS_MAX[ref]}") MB |"
  echo
  echo "Keystone also relies on MariaDB ($(mb "$(rss_kb $(pidof mariadbd 2>/dev/null))") MB now, shared with the other reference" \
       "services) and memcached ($(mb "$(rss_kb $(pidof memcached 2>/dev/null))") MB). The reference's uwsgi answers with" \
       "\`Connection: close\` (its up.sh setting), so wrk reconnects for every Keystone request."
  if [ "$(. "$WORK/ss.env"; echo "$BENCH_USER_KIND")" = admin ]; then
    echo "SharpStack's token scenarios use the admin user on the admin project (its users API is not served yet);" \
         "Keystone's use a bench user with the admin role on its own project."
  fi
  if [[ " $SCENARIOS " == *" revoked "* ]]; then
    echo "Keystone's revocation events were inserted in its database (the rows its API writes; ~10 minutes of Keystone" \
         "CPU through the API); SharpStack's came through its API (token issue + DELETE /v3/auth/tokens)."
  fi
  if [ ${#SKIPS[@]} -gt 0 ]; then echo; echo "Not measured:"; printf -- '- %s\n' "${SKIPS[@]}"; fi
  notes=$(cat "$WORK/ss.notes" "$WORK/ref.notes" 2>/dev/null | grep -v '^$' | sort -u || true)
  if [ -n "$notes" ]; then echo; echo "Fixture notes:"; echo "$notes" | sed 's/^/- /'; fi
} > "$WORK/report.md"
mkdir -p "$(dirname "$RESULT")"
cp "$WORK/report.md" "$RESULT"
cat "$RESULT"
log "written to $RESULT"
