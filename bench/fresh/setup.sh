#!/usr/bin/env bash
# setup.sh SETDIR NAME MODULE VERSION — a scratch module requiring MODULE@VERSION,
# with the test dependencies of its packages resolved, so that
# `go list MODULE/...` and `go vet`/concvet (tests included) work there.
set -euo pipefail
export GOTOOLCHAIN=local GOWORK=off GOFLAGS=-mod=mod LC_ALL=C
setdir=$1 name=$2 mod=$3 ver=$4
d="$setdir/$name"
mkdir -p "$d"; cd "$d"
[ -f go.mod ] || go mod init scratch >/dev/null 2>&1
go get "$mod@$ver" >/dev/null
go list -deps -test "$mod/..." >/dev/null
printf '%s\n%s\n' "$mod" "$ver" > module.txt
echo "$name: $(go list "$mod/..." | wc -l) packages"
