#!/bin/bash
# Identity walkthrough with the real `openstack` client (Debian's python3-openstackclient), as an operator
# following an install guide would: domain/project/user/role create, role add (project and --system all),
# user list, token issue as admin and as the new user, service and endpoint create/list/delete, catalog list,
# then clean-up. Prints one line per step (PASS/FAIL/SKIP) and a final
#   walkthrough: passed=N failed=N skipped=N
# Exit 1 if any step failed. Needs admin credentials in OS_* (e.g. `. <data-dir>/admin-openrc`).
# A step whose API the cloud does not serve yet (GET /v3/<collection> answers 404/501) is SKIPPED with that
# reason; WALKTHROUGH_STRICT=1 counts such skips as failures (use it once every Identity API has landed).
set -uo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH   # Debian's openstack client and python3
export LC_ALL=C.UTF-8 LANG=C.UTF-8
for v in OS_AUTH_URL OS_USERNAME OS_PASSWORD OS_PROJECT_NAME; do
  [ -n "${!v:-}" ] || { echo "walkthrough: $v is not set (source an admin-openrc first)" >&2; exit 2; }
done
command -v openstack >/dev/null || { echo "walkthrough: the openstack client is missing (scripts/install-deps.sh)" >&2; exit 2; }
export OS_IDENTITY_API_VERSION=3 OS_USER_DOMAIN_NAME=${OS_USER_DOMAIN_NAME:-Default} OS_PROJECT_DOMAIN_NAME=${OS_PROJECT_DOMAIN_NAME:-Default}
unset OS_CLOUD OS_TOKEN OS_AUTH_TYPE

TAG="walk$(date +%s)$RANDOM"
AUTH=${OS_AUTH_URL%/}; AUTH=${AUTH%/v3}
PASSED=0 FAILED=0 SKIPPED=0
OUT=$(mktemp); trap 'rm -f "$OUT"' EXIT
declare -A API_STATE   # collection -> yes|no
declare -A DONE        # step key -> ok|failed|skipped
api_why() { echo "the cloud does not serve /v3/$1 yet"; }
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # step, contains, lacks, equals, fails, value

# api COLLECTION: does the cloud serve GET /v3/COLLECTION (anything but 404/501 counts as served)?
api() {
  if [ -z "${API_STATE[$1]:-}" ]; then
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 -H "X-Auth-Token: ${ADMIN_TOKEN:-}" "$AUTH/v3/$1")
    case $code in 404|501|000) API_STATE[$1]=no ;; *) API_STATE[$1]=yes ;; esac
  fi
  [ "${API_STATE[$1]}" = yes ]
}

# step KEY "description" "apis needed" "steps needed" command...: runs the command, prints one line.
# The command's stdout is kept in $OUT for the checks that follow.

as_user()  { env OS_USERNAME="$USER_NAME" OS_PASSWORD="$USER_PASSWORD" OS_PROJECT_NAME="$PROJECT_NAME" \
                 OS_USER_DOMAIN_NAME="$DOMAIN_NAME" OS_PROJECT_DOMAIN_NAME="$DOMAIN_NAME" "$@"; }

DOMAIN_NAME="$TAG-domain" PROJECT_NAME="$TAG-project" USER_NAME="$TAG-user" ROLE_NAME="$TAG-role"
SERVICE_NAME="$TAG-svc" SERVICE_TYPE="$TAG-type" ENDPOINT_URL="http://127.0.0.1:9/$TAG"
USER_PASSWORD="Pw-$TAG-$RANDOM"
DOMAIN_ID="" PROJECT_ID="" USER_ID="" ROLE_ID="" SERVICE_ID="" ENDPOINT_ID="" ADMIN_TOKEN=""
echo "walkthrough against $OS_AUTH_URL (names prefixed $TAG)"

step admin_token "token issue (admin)" "" "" value ADMIN_TOKEN openstack token issue
step domain      "domain create" "domains" "" value DOMAIN_ID openstack domain create --description walkthrough "$DOMAIN_NAME"
step project     "project create (in the new domain)" "projects" "domain" \
                 value PROJECT_ID openstack project create --domain "$DOMAIN_ID" "$PROJECT_NAME"
step user        "user create (in the new domain, with password)" "users" "domain project" \
                 value USER_ID openstack user create --domain "$DOMAIN_ID" --project "$PROJECT_ID" --password "$USER_PASSWORD" "$USER_NAME"
step role        "role create" "roles" "" value ROLE_ID openstack role create "$ROLE_NAME"
step grant       "role add --project (member role on the new project)" "roles role_assignments" "user project" \
                 openstack role add --project "$PROJECT_ID" --user "$USER_ID" member
step grant_new   "role add --project (the new role)" "roles role_assignments" "user project role" \
                 openstack role add --project "$PROJECT_ID" --user "$USER_ID" "$ROLE_ID"
step grant_sys   "role add --system all" "roles role_assignments" "user" \
                 openstack role add --system all --user "$USER_ID" reader
step assignments "role assignment list --user (project and system)" "role_assignments" "grant grant_sys" \
                 contains "all" openstack role assignment list --user "$USER_ID" --names
step user_list   "user list (finds the new user)" "users" "user" contains "$USER_NAME" openstack user list --domain "$DOMAIN_ID"
step user_show   "user show" "users" "user" contains "$USER_NAME" openstack user show "$USER_ID"
step user_token  "token issue (as the new user, project scope)" "" "grant" \
                 contains "$PROJECT_ID" as_user openstack token issue -f value -c project_id
step service     "service create" "services" "" \
                 value SERVICE_ID openstack service create --name "$SERVICE_NAME" --description walkthrough "$SERVICE_TYPE"
step service_list "service list (finds the new service)" "services" "service" contains "$SERVICE_NAME" openstack service list
step endpoint    "endpoint create (public, RegionOne)" "endpoints" "service" \
                 value ENDPOINT_ID openstack endpoint create --region RegionOne "$SERVICE_ID" public "$ENDPOINT_URL"
step endpoint_list "endpoint list --service (finds the new endpoint)" "endpoints" "endpoint" \
                 contains "$ENDPOINT_URL" openstack endpoint list --service "$SERVICE_ID"
CATALOG_NEEDLE=identity; [ -n "$ENDPOINT_ID" ] && CATALOG_NEEDLE=$SERVICE_NAME
step catalog     "catalog list (identity, and the new service once it has an endpoint)" "" "admin_token" \
                 contains "$CATALOG_NEEDLE" openstack catalog list
step endpoint_del "endpoint delete" "endpoints" "endpoint" openstack endpoint delete "$ENDPOINT_ID"
step endpoint_gone "endpoint list (endpoint gone)" "endpoints" "endpoint_del" \
                 lacks "$ENDPOINT_URL" openstack endpoint list --service "$SERVICE_ID"
step service_del "service delete" "services" "service" openstack service delete "$SERVICE_ID"
# clean-up, each a step of its own (a domain must be disabled before it can be deleted)
step user_del    "user delete" "users" "user" openstack user delete "$USER_ID"
step role_del    "role delete" "roles" "role" openstack role delete "$ROLE_ID"
step project_del "project delete" "projects" "project" openstack project delete "$PROJECT_ID"
step domain_off  "domain set --disable" "domains" "domain" openstack domain set --disable "$DOMAIN_ID"
step domain_del  "domain delete" "domains" "domain_off" openstack domain delete "$DOMAIN_ID"

if [ "${WALKTHROUGH_STRICT:-0}" = 1 ] && [ $SKIPPED -gt 0 ]; then
  echo "WALKTHROUGH_STRICT=1: $SKIPPED skipped step(s) count as failures"
  FAILED=$((FAILED+SKIPPED)); SKIPPED=0
fi
echo "walkthrough: passed=$PASSED failed=$FAILED skipped=$SKIPPED"
[ $FAILED = 0 ]
