# Shared by the walkthroughs (sourced): the step runner and the small output checks used as step commands.
# The sourcing script defines api NAME (does the cloud serve that API? 0/1) and api_why NAME (why not), and the
# counters PASSED FAILED SKIPPED, the arrays DONE (step key -> ok|failed|skipped) and the file $OUT.

# step KEY "what" "APIS" "NEEDED STEPS" command...: skipped when an API is not served or a needed step did not pass
step() {
  local key=$1 what=$2 apis=$3 needs=$4 a n; shift 4
  for a in $apis; do
    if ! api "$a"; then
      DONE[$key]=skipped; SKIPPED=$((SKIPPED+1))
      printf 'SKIP %s (%s)\n' "$what" "$(api_why "$a")"; return 0
    fi
  done
  for n in $needs; do
    if [ "${DONE[$n]:-}" != ok ]; then
      DONE[$key]=skipped; SKIPPED=$((SKIPPED+1))
      printf 'SKIP %s (needs step "%s", which did not pass)\n' "$what" "$n"; return 0
    fi
  done
  if "$@" > "$OUT" 2>&1; then
    DONE[$key]=ok; PASSED=$((PASSED+1)); printf 'PASS %s\n' "$what"
  else
    DONE[$key]=failed; FAILED=$((FAILED+1)); printf 'FAIL %s\n' "$what"
    sed 's/^/     | /' "$OUT" | tail -15
  fi
}

# helpers used as step commands (fail with a message when the output is not what is expected)
contains() { local needle=$1; shift; local o; o=$("$@" 2>&1) || { echo "$o"; return 1; }
             grep -qF -- "$needle" <<< "$o" || { echo "$o"; echo "expected to find: $needle"; return 1; }; echo "$o"; }
lacks()    { local needle=$1; shift; local o; o=$("$@" 2>&1) || { echo "$o"; return 1; }
             if grep -qF -- "$needle" <<< "$o"; then echo "$o"; echo "expected NOT to find: $needle"; return 1; fi; echo "$o"; }
equals()   { local want=$1; shift; local o; o=$("$@" 2>&1) || { echo "$o"; return 1; }
             [ "$o" = "$want" ] || { echo "$o"; echo "expected exactly: $want"; return 1; }; echo "$o"; }
fails()    { local o; if o=$("$@" 2>&1); then echo "$o"; echo "expected this command to fail"; return 1; fi; echo "$o"; }
value()    { local var=$1; shift; local o; o=$("$@" -f value -c id 2>&1) || { echo "$o"; return 1; }
             [ -n "$o" ] && [ "$(echo "$o" | wc -l)" = 1 ] || { echo "$o"; echo "expected one id"; return 1; }
             printf -v "$var" '%s' "$o"; echo "$o"; }
