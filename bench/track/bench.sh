#!/usr/bin/env bash
# Multi-target tracker benchmark against the recorded Stone Soup figures (GNN with kd-tree
# gating, v1.9.1-66, same scenarios, one core).
#
#   bench/track/bench.sh
#
# Environment (all optional): BENCH_SIZES (default "100 1000 10000 100000"), BENCH_CPU (1),
# BENCH_ASSOC ("gnn jpda").
#
# 1. Builds straitwatch in build/release (Release).
# 2. Generates each scenario with ../shared/bench/tracking/gen_scenario.py -n N --seed 1
#    (100 scans, T = 2.5 s; kept between runs).
# 3. Runs `straitwatch track` pinned to one core (taskset) under /usr/bin/time -v. The
#    command times each tracker step with std::chrono::steady_clock and writes it to a
#    --timing CSV; the figure is the median step time after scan 5. Max RSS is reported.
# 4. Scores with `straitwatch score` and, for N <= 10,000, with gospa.py (p = 2, c = 100).
# 5. Prints ms/scan, the speed-up over Stone Soup, memory, GOSPA next to Stone Soup's.
# 6. For N <= 1,000, prints the GOSPA of a perfect-association Kalman filter (a lower bound).
#
# Results: build/bench/track/ (scenarios, tracks, timing CSVs, results.txt).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

sizes=${BENCH_SIZES:-"100 1000 10000 100000"}
cpu=${BENCH_CPU:-1}
assocs=${BENCH_ASSOC:-"gnn jpda"}
tracking="$repo/../shared/bench/tracking"
python=/usr/bin/python3
work=build/bench/track
release=build/release

for tool in taskset /usr/bin/time "$python"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not installed" >&2; exit 1; }
done

echo "== build ($release, Release)"
cmake -S . -B "$release" -DCMAKE_BUILD_TYPE=Release -DSTRAITWATCH_TESTS=OFF >/dev/null
cmake --build "$release" --target straitwatch -j "$(nproc)" >/dev/null
straitwatch="$repo/$release/src/straitwatch"

# Recorded Stone Soup figures (../shared/bench/README.md): ms/scan and GOSPA.
declare -A ss_ms=([100]=86 [1000]=1370 [10000]=50000)
declare -A ss_gospa_gnn=([100]=110.2 [1000]=352.5)
declare -A ss_gospa_jpda=([100]=105.3 [1000]=339.0)
declare -A goal_ms=([1000]=14 [10000]=150 [100000]=2500)

mkdir -p "$work"
results="$work/results.txt"
: >"$results"
printf '%-7s %-5s %10s %10s %9s %9s %12s %12s %9s\n' N assoc ms/scan goal_ms x_faster \
  rss_MB gospa gospa.py stonesoup | tee -a "$results"
for n in $sizes; do
  scenario="$work/n$n"
  if [ ! -f "$scenario/detections.csv" ]; then
    echo "== generating N=$n" >&2
    "$python" "$tracking/gen_scenario.py" -n "$n" --seed 1 --out "$scenario" >&2
  fi
  for assoc in $assocs; do
    tracks="$scenario/tracks_$assoc.csv"
    timing="$scenario/timing_$assoc.csv"
    /usr/bin/time -v -o "$scenario/time_$assoc.txt" taskset -c "$cpu" "$straitwatch" track \
      --det "$scenario/detections.csv" --out "$tracks" --assoc "$assoc" --timing "$timing" \
      2>"$scenario/track_$assoc.log"
    ms=$(awk -F, 'NR > 6 { print $3 }' "$timing" | sort -g |
      awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$scenario/time_$assoc.txt")
    gospa=$("$straitwatch" score --truth "$scenario/truth.csv" --tracks "$tracks" --c 100 --p 2 |
      sed -E 's/.*"mean_gospa": ([0-9.]+).*/\1/')
    reference=-
    if [ "$n" -le 10000 ]; then
      reference=$("$python" "$tracking/gospa.py" --truth "$scenario/truth.csv" --tracks "$tracks" \
        --c 100 --p 2 | sed -E 's/.*"mean_gospa": ([0-9.]+).*/\1/')
    fi
    faster=-
    if [ -n "${ss_ms[$n]:-}" ]; then faster=$(awk -v a="${ss_ms[$n]}" -v b="$ms" 'BEGIN { printf "%.0f", a / b }'); fi
    if [ "$assoc" = jpda ]; then ss_gospa=${ss_gospa_jpda[$n]:--}; else ss_gospa=${ss_gospa_gnn[$n]:--}; fi
    printf '%-7s %-5s %10.3f %10s %9s %9.1f %12.3f %12s %9s\n' "$n" "$assoc" "$ms" \
      "${goal_ms[$n]:--}" "$faster" "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')" "$gospa" \
      "$reference" "$ss_gospa" | tee -a "$results"
  done
done
echo "ms/scan: median tracker step after scan 5 (steady_clock inside straitwatch, one core);"
echo "x_faster: Stone Soup GNN ms/scan / ours (the only recorded Stone Soup timing is GNN)."

# How far from what the data allow: a perfect-association Kalman filter with the same
# model and confirmation rule (bench/track/oracle_bound.py).
for n in $sizes; do
  [ "$n" -le 1000 ] || continue
  scenario="$work/n$n"
  "$python" bench/track/oracle_bound.py "$scenario" "$scenario/tracks_oracle.csv"
  bound=$("$straitwatch" score --truth "$scenario/truth.csv" --tracks "$scenario/tracks_oracle.csv" \
    --c 100 --p 2 | sed -E 's/.*"mean_gospa": ([0-9.]+).*/\1/')
  echo "N=$n: perfect-association bound GOSPA $bound" | tee -a "$results"
done
