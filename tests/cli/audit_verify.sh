#!/usr/bin/env bash
# `straitwatch audit verify` on a node's real audit log: a short simulated run leaves a
# sealed log that verifies (exit 0); one changed byte is found, with its line (exit 1); a
# missing key is an error (exit 2). (Reopening, refusal of a broken log and every-byte flips:
# tests/share/audit_log_test.cpp.)
set -euo pipefail
binary=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scenario=$(cd "$(dirname "$0")/../.." && pwd)/data/sim/encounters.toml

"$binary" run --scenario "$scenario" --duration 20 --speed 30 --data-dir "$work/node" --fresh \
  --quiet --http-port 0 >"$work/run.log" 2>&1
log=$work/node/audit/audit.log
out=$("$binary" audit verify "$work/node")
echo "$out"
[[ $out == "audit log OK:"* ]] || { echo "FAIL: a fresh log does not verify"; exit 1; }
grep -q '"kind":"seal"' "$log" || { echo "FAIL: no seal at close"; exit 1; }

# One byte of the first record's hash changed ('Z' is never a hex digit).
printf 'Z' | dd of="$log" bs=1 seek=10 conv=notrunc status=none
set +e
out=$("$binary" audit verify "$log")
status=$?
set -e
echo "$out"
[ $status = 1 ] || { echo "FAIL: a changed byte gave exit $status, not 1"; exit 1; }
[[ $out == *"BROKEN"*"line 1 "* ]] || { echo "FAIL: the broken line is not named"; exit 1; }

set +e
"$binary" audit verify "$log" --public-key "$work/missing.pem" 2>/dev/null
status=$?
set -e
[ $status = 2 ] || { echo "FAIL: a missing key gave exit $status, not 2"; exit 1; }
echo "PASS"
