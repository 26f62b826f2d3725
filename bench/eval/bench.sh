#!/usr/bin/env bash
# The life-safety evaluation, long versions: each scenario of scenarios/ over its
# [evaluation] seeds (straitwatch evaluate), with the report folders under build/bench/eval/.
#
#   bench/eval/bench.sh                    (every scenario)
#   bench/eval/bench.sh dover-busy-day     (one; SEEDS=N overrides its seed count)
#
# There is no outside anchor for these figures: the targets are the issue's (printed with
# each report: every small boat tracked within 2 min of first sight, completeness >= 99 %,
# every dangerous encounter warned with a median lead >= 15 min, < 1 false collision alert
# per hour per 100 tracks, 90 % search areas holding the truth 85-95 % of the time).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
release=build/release
work=build/bench/eval

echo "== build ($release, Release)"
cmake -S . -B "$release" -DCMAKE_BUILD_TYPE=Release -DSTRAITWATCH_TESTS=OFF >/dev/null
cmake --build "$release" --target straitwatch -j "$(nproc)" >/dev/null
straitwatch="$repo/$release/src/straitwatch"

scenarios=("$@")
[ "${#scenarios[@]}" -eq 0 ] && scenarios=(night-of-24-november dover-busy-day sensor-siting)
for name in "${scenarios[@]}"; do
  echo "== $name"
  extra=()
  [ -n "${SEEDS:-}" ] && extra+=(--seeds "$SEEDS")
  start=$(date +%s)
  "$straitwatch" evaluate --scenario "scenarios/$name.toml" --out "$work/$name" "${extra[@]}"
  echo "($name: $(($(date +%s) - start)) s)"
done
