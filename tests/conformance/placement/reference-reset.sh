#!/bin/bash
# Reset hook for the REFERENCE target (Debian placement-api 8.0.0 under uwsgi, noauth2).
# run.sh uses it when GABBI_TARGET is unset; it implements the reset-hook contract of
# README.md for Debian placement:
#
#   reference-reset.sh          stop the server, write placement.conf from the PLACEMENT_*
#                               variables, drop + re-create + db-sync the database, start
#                               uwsgi, return when it answers
#   reference-reset.sh stop     stop the server
#
# Needs: REF_WS (workspace dir, made by run.sh), REF_PORT, REF_DB (database name).
# MariaDB and the 'placement'@'127.0.0.1' account are those of ../../../../shared/reference/up.sh.
set -uo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
WS=${REF_WS:?REF_WS required}
PORT=${REF_PORT:-8779}
DB=${REF_DB:-placement_conformance}
DB_PASSWORD=${REF_DB_PASSWORD:-sharpstack-db}
PIDF="$WS/uwsgi.pid"

stop_srv() {
  [ -f "$PIDF" ] || return 0
  local pid; pid=$(cat "$PIDF"); rm -f "$PIDF"
  [ -n "$pid" ] || return 0
  kill -INT -- "-$pid" 2>/dev/null
  for _ in $(seq 1 40); do [ -d "/proc/$pid" ] || return 0; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null
  for _ in $(seq 1 20); do [ -d "/proc/$pid" ] || return 0; sleep 0.25; done
}

[ "${1:-}" = stop ] && { stop_srv; exit 0; }

stop_srv
mkdir -p "$WS/etc"
: > "$WS/etc/empty-policy.yaml"
POLICY=${PLACEMENT_POLICY_FILE:-$WS/etc/empty-policy.yaml}
{
  cat <<EOF
[DEFAULT]
log_dir = $WS
log_file = placement.log
[api]
auth_strategy = noauth2
[placement_database]
connection = mysql+pymysql://placement:$DB_PASSWORD@127.0.0.1/$DB?charset=utf8
[oslo_policy]
policy_file = $POLICY
enforce_scope = ${PLACEMENT_ENFORCE_SCOPE:-false}
enforce_new_defaults = ${PLACEMENT_ENFORCE_NEW_DEFAULTS:-false}
EOF
  if [ -n "${PLACEMENT_CORS_ALLOWED_ORIGIN:-}" ]; then
    echo "[cors]"
    echo "allowed_origin = $PLACEMENT_CORS_ALLOWED_ORIGIN"
    [ -n "${PLACEMENT_CORS_ALLOW_HEADERS:-}" ] && echo "allow_headers = $PLACEMENT_CORS_ALLOW_HEADERS"
  fi
} > "$WS/etc/placement.conf"
echo "=== ${GABBI_FIXTURE:-?} $(date +%T)" >> "$WS/placement.log"

cat > "$WS/uwsgi.ini" <<EOF
[uwsgi]
plugins = python3
http-socket = 127.0.0.1:$PORT
wsgi-file = /usr/bin/placement-api
master = true
processes = 1
threads = 2
lazy-apps = true
die-on-term = true
env = OS_PLACEMENT_CONFIG_DIR=$WS/etc
EOF

mysql -uroot -e "DROP DATABASE IF EXISTS \`$DB\`; CREATE DATABASE \`$DB\` CHARACTER SET utf8mb4;
  CREATE USER IF NOT EXISTS 'placement'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
  GRANT ALL PRIVILEGES ON \`$DB\`.* TO 'placement'@'127.0.0.1';" || { echo "mysql reset failed"; exit 1; }
placement-manage --config-file "$WS/etc/placement.conf" db sync >> "$WS/manage.log" 2>&1 \
  || { echo "db sync failed (see $WS/manage.log)"; exit 1; }

setsid /usr/bin/uwsgi --ini "$WS/uwsgi.ini" >> "$WS/uwsgi.log" 2>&1 < /dev/null &
echo $! > "$PIDF"
for _ in $(seq 1 120); do
  # "/" needs no token; a 200 there means the app (and its trait/RC sync) is loaded
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/")" = 200 ] && exit 0
  sleep 0.25
done
echo "placement did not answer on :$PORT (see $WS/uwsgi.log)"
exit 1
