#!/bin/bash
# Installs what SharpStack's tests need, from Debian packages only (idempotent; run as root):
#   tempest + keystone/glance-tempest-plugin (conformance), python3-openstackclient (walkthroughs), qemu-utils
#   (the image walkthrough makes a small qcow2 with qemu-img),
#   openstacksdk / subunit / stestr (run-tempest.sh), postgresql (storage tests on PostgreSQL), curl, jq.
# Also checks that the .NET SDK is present (it is part of the machine, not installed here).
#   scripts/install-deps.sh [EXTRA_DEBIAN_PACKAGE...]     e.g. scripts/install-deps.sh wrk
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PKGS="tempest python3-tempest keystone-tempest-plugin glance-tempest-plugin python3-openstackclient python3-openstacksdk python3-osc-placement python3-gabbi qemu-utils
      python3-subunit python3-stestr subunit postgresql curl jq $*"

log() { echo "[install-deps] $*" >&2; }

if ! command -v dotnet >/dev/null 2>&1; then
  log "ERROR: the .NET SDK (dotnet, version 10) is not on PATH."
  log "Install it from Microsoft's packages for Debian (https://learn.microsoft.com/dotnet/core/install/linux-debian),"
  log "e.g. 'apt-get install dotnet-sdk-10.0' after adding packages.microsoft.com, then run this again."
  exit 1
fi
if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  log "ERROR: .NET SDK 10 is required; found: $(dotnet --list-sdks 2>/dev/null | tr '\n' ' ')"
  exit 1
fi

missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  log "all test packages present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  log "ERROR: missing Debian packages:$missing -- run this script as root (or: sudo apt-get install$missing)"
  exit 1
fi

# apt-get, waiting while another apt/dpkg holds the lock (up to 15 minutes)
apt_retry() {
  local i out rc
  for i in $(seq 1 180); do
    set +e; out=$(apt-get "$@" 2>&1); rc=$?; set -e
    if [ $rc -ne 0 ] && echo "$out" | grep -q "Could not get lock\|Unable to acquire\|Unable to lock"; then
      [ $i = 1 ] && log "apt is locked by another process; waiting"
      sleep 5; continue
    fi
    [ $rc -eq 0 ] || echo "$out" | tail -20 >&2
    return $rc
  done
  return 1
}

# a fresh machine may have no package lists yet, or old ones
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
  log "apt-get update"
  apt_retry update
fi
log "installing:$missing"
if ! apt_retry install -y --no-install-recommends $missing; then
  log "install failed; refreshing package lists and retrying once"
  apt_retry update
  apt_retry install -y --no-install-recommends $missing || { log "ERROR: apt-get install failed"; exit 1; }
fi
log "installed:$missing"
