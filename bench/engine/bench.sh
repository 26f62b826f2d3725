#!/usr/bin/env bash
# End-to-end engine benchmark: a recorded simulated hour of the busiest scenario
# (data/sim/dover_busy.toml, seed 1) pushed through journal -> decode -> track -> store as
# fast as possible, on one engine thread.
#
#   bench/engine/bench.sh
#
# 1. Builds straitwatch in build/release (Release).
# 2. Records the hour once: `straitwatch run` with the built-in simulation at 60x, which
#    sends every report over loopback sockets into a node's journal (kept between runs).
# 3. Times `straitwatch replay JOURNAL --rejournal DIR` (every record appended to a new
#    journal with one fsync per batch of 4096 records, then decoded, fused and stored:
#    the live ingest path without the sockets), and the same without the journal and
#    without the store, to show which stage bounds it. Medians of 3 runs.
# 4. Prints observations/s and the ratio to the goal (200,000 observations/s).
# 5. Measures the latency receive -> picture update in a live run at real speed (the
#    busiest scenario, two minutes, sockets and journal as `straitwatch run`): it includes
#    the reorder window (5 s by default). BENCH_LIVE_S sets the length (0: skip).
#
# Results: build/bench/engine/ (recording, results.txt).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
work=build/bench/engine
release=build/release
goal=200000

echo "== build ($release, Release)"
cmake -S . -B "$release" -DCMAKE_BUILD_TYPE=Release -DSTRAITWATCH_TESTS=OFF >/dev/null
cmake --build "$release" --target straitwatch -j "$(nproc)" >/dev/null
straitwatch="$repo/$release/src/straitwatch"
mkdir -p "$work"

recording="$work/busy-hour"
if [ ! -f "$recording/recorded" ]; then
  echo "== recording a simulated busy hour (60x: about a minute)"
  "$straitwatch" run --scenario data/sim/dover_busy.toml --seed 1 --duration 3600 --speed 60 \
    --data-dir "$recording" --fresh --quiet >"$work/record.log"
  touch "$recording/recorded"
fi

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

run_case() {  # name, extra replay arguments...
  local name=$1
  shift
  local rates=()
  for attempt in 1 2 3; do
    local rate
    rate=$("$straitwatch" replay "$recording/journal" --store "$work/bench.sqlite" "$@" |
      sed -n 's/.* observations in .* s (\([0-9]*\) observations\/s).*/\1/p')
    rates+=("$rate")
  done
  local best
  best=$(printf '%s\n' "${rates[@]}" | median)
  printf '%-38s %12s obs/s   %6.2fx the goal   (runs: %s)\n' "$name" "$best" \
    "$(awk -v a="$best" -v g="$goal" 'BEGIN { print a / g }')" "${rates[*]}" | tee -a "$work/results.txt"
}

: >"$work/results.txt"
"$straitwatch" replay "$recording/journal" --no-store | grep -E "^replay: .* records" | tee -a "$work/results.txt"
run_case "journal(fsync)+decode+track+store" --rejournal "$work/rejournal"
run_case "decode+track+store (no journal)"
run_case "decode+track (no journal, no store)" --no-store
echo "goal: $goal observations/s with the journal on and fsync batched (one core for the engine thread)"

live=${BENCH_LIVE_S:-120}
if [ "$live" -gt 0 ]; then
  echo "== live at real speed for $live s (latency receive -> picture, includes the reorder window)"
  "$straitwatch" run --scenario data/sim/dover_busy.toml --seed 1 --duration "$live" --speed 1 \
    --data-dir "$work/live" --fresh --quiet >"$work/live.log"
  grep -E "^latency|^engine:" "$work/live.log" | tee -a "$work/results.txt"
fi
