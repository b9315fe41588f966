#!/usr/bin/env bash
# run.sh BIN SETDIR [SUFFIX]
# Runs the concvet binary BIN (default suite, tests included — concvet's
# default) over every scratch module of SETDIR (SETDIR/<name>/module.txt,
# made by setup.sh), one module at a time, and saves per module:
#   SETDIR/<name>/out-SUFFIX.txt    the text output (stdout+stderr) and exit code
#   SETDIR/<name>/out-SUFFIX.json   the same run's diagnostics as JSON
#   SETDIR/<name>/time-SUFFIX.txt   wall s, user s, sys s, max RSS KB, exit
# SUFFIX defaults to the binary's basename without "concvet-"
# (bin/concvet-base -> out-base.txt).
set -uo pipefail
export GOTOOLCHAIN=local GOWORK=off GOFLAGS=-mod=mod LC_ALL=C
[ $# -ge 2 ] || { echo "usage: run.sh BIN SETDIR [SUFFIX]" >&2; exit 2; }
bin=$(readlink -f "$1"); setdir=$(readlink -f "$2")
suffix=${3:-$(basename "$bin" | sed 's/^concvet-//')}
[ -x "$bin" ] || { echo "run.sh: $bin is not executable" >&2; exit 2; }
for d in "$setdir"/*/; do
  [ -f "$d/module.txt" ] || continue
  name=$(basename "$d"); mod=$(head -1 "$d/module.txt")
  cd "$d"
  /usr/bin/time -f '%e %U %S %M %x' -o "time-$suffix.txt" \
    "$bin" -c=0 "$mod/..." > "out-$suffix.txt" 2>&1
  echo "exit $(tail -1 "time-$suffix.txt" | awk '{print $5}')" >> "out-$suffix.txt"
  # Second pass for JSON: through go vet and the build cache, nearly free.
  "$bin" -json "$mod/..." > "out-$suffix.json" 2>/dev/null
  n=$(grep -c '^/' "out-$suffix.txt" || true)
  printf '%-14s %5s lines  %s\n' "$name" "$n" "$(tail -1 "time-$suffix.txt")"
done
