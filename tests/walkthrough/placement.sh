#!/bin/bash
# Placement walkthrough with the real `openstack` client and its placement plugin (Debian's python3-osc-placement),
# as an operator checks a new Placement: resource provider create/list/show, inventory set/list, resource class
# create/list, trait create/list, provider trait set, aggregate set, allocation candidate list --resource VCPU=1,
# allocation set/show, provider usage and project usage, allocation delete; then clean-up. Prints one line per step
# (PASS/FAIL/SKIP) and a final
#   walkthrough: passed=N failed=N skipped=N
# Exit 1 if any step failed. Needs admin credentials in OS_* (e.g. `. <data-dir>/admin-openrc`) and a placement
# endpoint in the catalog. WALKTHROUGH_STRICT=1 counts steps skipped because Placement is not served as failures.
set -uo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH   # Debian's openstack client and python3
export LC_ALL=C.UTF-8 LANG=C.UTF-8
for v in OS_AUTH_URL OS_USERNAME OS_PASSWORD OS_PROJECT_NAME; do
  [ -n "${!v:-}" ] || { echo "walkthrough: $v is not set (source an admin-openrc first)" >&2; exit 2; }
done
command -v openstack >/dev/null || { echo "walkthrough: the openstack client is missing (scripts/install-deps.sh)" >&2; exit 2; }
export OS_IDENTITY_API_VERSION=3 OS_USER_DOMAIN_NAME=${OS_USER_DOMAIN_NAME:-Default} OS_PROJECT_DOMAIN_NAME=${OS_PROJECT_DOMAIN_NAME:-Default}
# The newest microversion the plugin speaks; every command below needs at least 1.12.
export OS_PLACEMENT_API_VERSION=${OS_PLACEMENT_API_VERSION:-1.39}
unset OS_CLOUD OS_TOKEN OS_AUTH_TYPE

TAG="walk$(date +%s)$RANDOM"
UPPER=$(echo "$TAG" | tr '[:lower:]' '[:upper:]')
PASSED=0 FAILED=0 SKIPPED=0
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
OUT="$TMP/out"
declare -A API_STATE   # API -> yes|no
declare -A DONE        # step key -> ok|failed|skipped
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # step, contains, lacks, equals, fails, value

# api placement: does the catalog have a placement endpoint that answers GET / with a version document?
api() {
  if [ -z "${API_STATE[$1]:-}" ]; then
    local url code=000
    url=$(openstack catalog show placement -f json 2>/dev/null | /usr/bin/python3 -c 'import json, sys
for e in json.load(sys.stdin).get("endpoints", []):
    if e.get("interface") == "public": print(e["url"]); break' 2>/dev/null)
    [ -n "$url" ] && code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 "$url/")
    [ "$code" = 200 ] && API_STATE[$1]=yes || API_STATE[$1]=no
  fi
  [ "${API_STATE[$1]}" = yes ]
}
api_why() { echo "the catalog has no placement endpoint answering GET /"; }

uuid() { /usr/bin/python3 -c 'import uuid; print(uuid.uuid4())'; }
RP_NAME="$TAG-compute"
CONSUMER=$(uuid); AGG=$(uuid)
PROJECT_ID=$(uuid | tr -d -); USER_ID=$(uuid | tr -d -)

rp_value() { local var=$1; shift; local o; o=$("$@" -f value -c uuid 2>&1) || { echo "$o"; return 1; }
             [ -n "$o" ] || { echo "no uuid in the output"; return 1; }; printf -v "$var" '%s' "$o"; echo "$o"; }

step create     "resource provider create" "placement" "" rp_value RP openstack resource provider create "$RP_NAME"
step list       "resource provider list (the new provider)" "placement" "create" contains "$RP_NAME" openstack resource provider list -f value
step show       "resource provider show (generation 0, its own root)" "placement" "create" \
  contains "$RP" openstack resource provider show "$RP" -f value -c root_provider_uuid
step inventory  "resource provider inventory set VCPU=8 MEMORY_MB=4096 DISK_GB=100 (allocation ratio 16 for VCPU)" "placement" "create" \
  openstack resource provider inventory set "$RP" --resource VCPU=8 --resource VCPU:allocation_ratio=16.0 \
  --resource MEMORY_MB=4096 --resource DISK_GB=100
step inv_list   "resource provider inventory list (VCPU total 8, ratio 16.0)" "placement" "inventory" \
  contains "16.0" openstack resource provider inventory list "$RP" -f value
step rc_create  "resource class create CUSTOM_$UPPER" "placement" "" openstack resource class create "CUSTOM_$UPPER"
step rc_list    "resource class list (standard and the new custom class)" "placement" "rc_create" \
  contains "CUSTOM_$UPPER" openstack resource class list -f value
step trait      "trait create CUSTOM_T_$UPPER" "placement" "" openstack trait create "CUSTOM_T_$UPPER"
step trait_list "trait list (standard traits too)" "placement" "trait" contains "HW_CPU_X86_AVX2" openstack trait list -f value
step rp_trait   "resource provider trait set (HW_CPU_X86_AVX2 and the custom trait)" "placement" "create trait" \
  contains "CUSTOM_T_$UPPER" openstack resource provider trait set "$RP" --trait HW_CPU_X86_AVX2 --trait "CUSTOM_T_$UPPER" -f value
step aggregate  "resource provider aggregate set" "placement" "create" \
  contains "$AGG" openstack resource provider aggregate set "$RP" --aggregate "$AGG" --generation 2 -f value
step candidates "allocation candidate list --resource VCPU=1 --required HW_CPU_X86_AVX2 --member-of AGG (the provider)" "placement" "inventory rp_trait aggregate" \
  contains "$RP" openstack allocation candidate list --resource VCPU=1 --required HW_CPU_X86_AVX2 --member-of "$AGG" -f value
step alloc_set  "resource provider allocation set (VCPU=2, MEMORY_MB=512)" "placement" "inventory" \
  openstack resource provider allocation set "$CONSUMER" --allocation "rp=$RP,VCPU=2,MEMORY_MB=512" \
  --project-id "$PROJECT_ID" --user-id "$USER_ID" --consumer-type INSTANCE
step alloc_show "resource provider allocation show" "placement" "alloc_set" \
  contains "$RP" openstack resource provider allocation show "$CONSUMER" -f value
step rp_usage   "resource provider usage show (VCPU 2 used)" "placement" "alloc_set" \
  contains "VCPU 2" openstack resource provider usage show "$RP" -f value
step usage      "resource usage show for the project (INSTANCE: MEMORY_MB 512)" "placement" "alloc_set" \
  contains "'MEMORY_MB': 512" openstack resource usage show "$PROJECT_ID" -f value
step in_use     "resource provider delete refused while allocations exist" "placement" "alloc_set" \
  fails openstack resource provider delete "$RP"
step alloc_del  "resource provider allocation delete" "placement" "alloc_set" openstack resource provider allocation delete "$CONSUMER"
step delete     "resource provider delete" "placement" "create" openstack resource provider delete "$RP"
step gone       "resource provider list (gone)" "placement" "delete" lacks "$RP_NAME" openstack resource provider list -f value
step rc_delete  "resource class delete" "placement" "rc_create" openstack resource class delete "CUSTOM_$UPPER"
step trait_del  "trait delete" "placement" "trait" openstack trait delete "CUSTOM_T_$UPPER"

if [ "${WALKTHROUGH_STRICT:-0}" = 1 ] && [ "$SKIPPED" -gt 0 ] && ! api placement; then FAILED=$((FAILED + SKIPPED)); SKIPPED=0; fi
echo "walkthrough: passed=$PASSED failed=$FAILED skipped=$SKIPPED"
[ "$FAILED" = 0 ]
