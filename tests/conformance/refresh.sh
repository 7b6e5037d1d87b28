#!/bin/bash
# Runs a whole Tempest suite against the cloud in OS_* and compares it with the ratchet list:
#   tests/conformance/refresh.sh identity|keystone-plugin|image [--append]
# Prints tests passing but not listed (--append adds them), listed tests that fail, and, with REF=<dir of a
# run-tempest.sh run against the reference Keystone>, tests that pass on the reference but not here.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SUITE=${1:?usage: refresh.sh identity|keystone-plugin|image [--append]}
LIST="$ROOT/tests/conformance/$SUITE.txt"
[ -f "$LIST" ] || { echo "no list $LIST" >&2; exit 2; }
RES=${TEMPEST_OUT:-$ROOT/tempest-results/refresh-$SUITE-$(date +%Y%m%d-%H%M%S)}
TEMPEST_OUT="$RES" "$ROOT/../shared/conformance/run-tempest.sh" "$SUITE" || true
strip() { sed -e 's/#.*//' -e 's/\[.*//' -e 's/[[:space:]]*$//' "$1" | { grep -v '^$' || true; } | sort -u; }
strip "$LIST" > "$RES/listed.ids"
strip "$RES/passing.txt" > "$RES/passing.ids"
strip "$RES/failing.txt" > "$RES/failing.ids"
comm -13 "$RES/listed.ids" "$RES/passing.ids" > "$RES/new.ids"
comm -12 "$RES/listed.ids" "$RES/failing.ids" > "$RES/regressed.ids"
echo "== passing, not listed ($(wc -l < "$RES/new.ids")):"; cat "$RES/new.ids"
echo "== listed, failing ($(wc -l < "$RES/regressed.ids")):"; cat "$RES/regressed.ids"
if [ -n "${REF:-}" ]; then
  strip "$REF/passing.txt" > "$RES/ref-passing.ids"
  echo "== passing on the reference, not here:"; comm -23 "$RES/ref-passing.ids" "$RES/passing.ids"
fi
if [ "${2:-}" = --append ] && [ -s "$RES/new.ids" ]; then
  grep -F -f <(sed 's/$/[/' "$RES/new.ids") "$RES/passing.txt" | sort -u >> "$LIST"   # full ids, with [id-…]
  echo "appended $(wc -l < "$RES/new.ids") ids to $LIST"
fi
