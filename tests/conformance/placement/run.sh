#!/bin/bash
# Upstream Placement 8.0.0 gabbi tests (all 79 files) against a LIVE Placement endpoint.
#
#   run.sh [--ratchet LIST] [--list] [SELECTION]
#
#   SELECTION   a file (yaml names / stems / test ids, one a line) or a regex on the file stem;
#               default: every file
#   --ratchet LIST   run the files holding the ids in LIST; exit 1 if one of them did not pass
#   --list      print the test ids and exit
#
# Target:
#   GABBI_TARGET=http://host:port[/prefix]  GABBI_RESET_CMD='shell command'   (SharpStack)
#   neither set: reference mode, a throwaway Debian placement-api (uwsgi, noauth2) on
#                127.0.0.1:$GABBI_PORT (8779), database $GABBI_DB (placement_conformance) in
#                the MariaDB of shared/reference/up.sh, reset by reference-reset.sh
# The reset command runs before every file, with the PLACEMENT_* variables of README.md.
#
# Other knobs: GABBI_OUT (./gabbi-results), GABBI_DIR (the gabbits; default
# <repo>/../shared/conformance/placement-gabbits), GABBI_RESET_TIMEOUT (180 s).
# Output: progress on stderr, last line "N passed, N failed, N skipped"; in $GABBI_OUT:
# passing.txt failing.txt failing-reasons.txt skipped.txt files.txt summary.txt <file>.txt
# Exit: 0 all ran tests passed (ratchet: all listed passed), 1 otherwise, 2 setup error.
set -uo pipefail
export LC_ALL=C.UTF-8
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
PY=/usr/bin/python3          # Debian's python (gabbi from python3-gabbi)
fail_setup() { echo "$*" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 2; }

RATCHET=""; LIST=""; SEL=""
while [ $# -gt 0 ]; do
  case $1 in
    --ratchet) RATCHET=${2:?--ratchet LIST}; shift 2;;
    --list) LIST=1; shift;;
    -h|--help) sed -n '2,25p' "$0"; exit 0;;
    *) SEL=$1; shift;;
  esac
done

GABBI_DIR=${GABBI_DIR:-$(dirname "$REPO")/shared/conformance/placement-gabbits}
[ -d "$GABBI_DIR" ] || fail_setup "no gabbits dir $GABBI_DIR (set GABBI_DIR)"
OUT=${GABBI_OUT:-$PWD/gabbi-results}
$PY -c 'import gabbi' 2>/dev/null || fail_setup "gabbi missing: apt-get install python3-gabbi"
[ -n "$RATCHET" ] && { [ -f "$RATCHET" ] || fail_setup "no ratchet list $RATCHET"; RATCHET=$(cd "$(dirname "$RATCHET")" && pwd)/$(basename "$RATCHET"); }
[ -n "$SEL" ] && [ -f "$SEL" ] && SEL=$(cd "$(dirname "$SEL")" && pwd)/$(basename "$SEL")

args=(--gabbits "$GABBI_DIR" --out "$OUT")
[ -n "$SEL" ] && args+=(--select "$SEL")
[ -n "$RATCHET" ] && args+=(--ratchet "$RATCHET")
if [ -n "$LIST" ]; then GABBI_TARGET=${GABBI_TARGET:-http://127.0.0.1:8779} exec $PY "$HERE/runner.py" "${args[@]}" --list; fi

mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
export GABBI_WORKDIR="$OUT/work"; rm -rf "$GABBI_WORKDIR"; mkdir -p "$GABBI_WORKDIR"
if [ -z "${GABBI_TARGET:-}" ]; then
  # reference mode
  [ -n "${GABBI_RESET_CMD:-}" ] && fail_setup "GABBI_RESET_CMD without GABBI_TARGET"
  mysqladmin -uroot ping >/dev/null 2>&1 || fail_setup "MariaDB not running (run shared/reference/up.sh placement as root)"
  [ -x /usr/bin/placement-api ] && command -v uwsgi >/dev/null \
    || fail_setup "placement-api/uwsgi missing (run shared/reference/up.sh placement as root)"
  export REF_PORT=${GABBI_PORT:-8779} REF_DB=${GABBI_DB:-placement_conformance}
  export REF_WS=$(mktemp -d /tmp/gabbi-ref-XXXXXX)
  export GABBI_TARGET="http://127.0.0.1:$REF_PORT"
  export GABBI_RESET_CMD="'$HERE/reference-reset.sh'"
  trap '"$HERE/reference-reset.sh" stop; cp -f "$REF_WS"/*.log "$OUT/work/" 2>/dev/null; rm -rf "$REF_WS"' EXIT
else
  [ -n "${GABBI_RESET_CMD:-}" ] || fail_setup "GABBI_RESET_CMD required with GABBI_TARGET"
  export GABBI_TARGET GABBI_RESET_CMD
fi

$PY "$HERE/runner.py" "${args[@]}"
