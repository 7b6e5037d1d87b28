#!/bin/bash
# Builds SharpStack (Release, into .build/sharpstack/) and starts the all-in-one cloud in the foreground:
#   scripts/up.sh [sharpstack up options...]     e.g. scripts/up.sh --data-dir /tmp/ss --admin-password secret
# First start creates the databases, keys, admin user and catalog, and writes <data-dir>/admin-openrc.
# Stop with Ctrl+C (or SIGTERM). SHARPSTACK_NO_BUILD=1 skips the build. Other verbs: .build/sharpstack/sharpstack --help
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/.build/sharpstack"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "scripts/up.sh: the .NET SDK 10 (dotnet) is needed to build SharpStack; see scripts/install-deps.sh" >&2
  exit 1
fi
if [ "${SHARPSTACK_NO_BUILD:-0}" != 1 ]; then
  echo "[up.sh] building SharpStack into $OUT" >&2
  dotnet publish "$ROOT/src/SharpStack.Host/SharpStack.Host.csproj" -c Release -o "$OUT" --nologo -v quiet >&2
fi
exec "$OUT/sharpstack" up "$@"
