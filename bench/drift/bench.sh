#!/usr/bin/env bash
# Leeway drift throughput and statistics: `straitwatch drift` against the recorded
# OpenDrift 1.14.10 figures on the same synthetic Dover Strait forcing.
#
#   bench/drift/bench.sh
#
# Environment (all optional): BENCH_PARTICLES (default 1000000), BENCH_THREADS (2),
# BENCH_SEEDS ("1 2 3").
#
# 1. Builds straitwatch in build/release (Release).
# 2. Writes the forcing with ../shared/bench/drift/make_forcing.py (M2 tidal current and a
#    uniform 10 m/s south-westerly wind; datum 51.0 N 1.5 E, 2024-01-01T00:00Z).
# 3. Runs category 1 (PIW-1), BENCH_PARTICLES particles, 24 h in 10 min steps, under
#    /usr/bin/time -v: wall time, max RSS, particle-steps/s and the ratio to OpenDrift's
#    0.59 M particle-steps/s (one core: 100,000 particles x 144 steps in 24.4 s).
# 4. Runs the statistical check (100,000 particles, gaussian radius 500 m) for each seed
#    and prints centroid offset, r50 and r90 against OpenDrift's 51.05485 N 1.59003 E,
#    10.58 km, 18.44 km, 99.7 % active; and the five deterministic end points.
#
# Results: build/bench/drift/results.txt. Exits non-zero if a check fails.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

particles=${BENCH_PARTICLES:-1000000}
threads=${BENCH_THREADS:-2}
seeds=${BENCH_SEEDS:-1 2 3}
make_forcing="$repo/../shared/bench/drift/make_forcing.py"
work=build/bench/drift
release=build/release
opendrift_rate=0.59  # M particle-steps/s, OpenDrift 1.14.10, one core, same machine type

[ -f "$make_forcing" ] || { echo "bench: $make_forcing not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not installed" >&2; exit 1; }

echo "== build ($release, Release)"
cmake -S . -B "$release" -DCMAKE_BUILD_TYPE=Release -DSTRAITWATCH_TESTS=OFF >/dev/null
cmake --build "$release" --target straitwatch -j "$(nproc)" >/dev/null
straitwatch="$repo/$release/src/straitwatch"

mkdir -p "$work"
forcing="$work/dover_forcing.nc"
[ -f "$forcing" ] || /usr/bin/python3 "$make_forcing" -o "$forcing"
datum=(--forcing "$forcing" --lon 1.5 --lat 51.0 --start 2024-01-01T00:00Z --hours 24 --dt-min 10)
results="$work/results.txt"
: >"$results"
status=0

echo "== speed: $particles particles, 24 h, 10 min steps, $threads threads"
/usr/bin/time -v "$straitwatch" drift "${datum[@]}" --category 1 --radius 500 \
  --particles "$particles" --seed 1 --threads "$threads" -q >"$work/speed.out" 2>"$work/speed.time"
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/speed.time")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/speed.time")
wall_s=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
rate=$(awk -v n="$particles" -v s="$wall_s" 'BEGIN { printf "%.2f", n * 144 / s / 1e6 }')
ratio=$(awk -v r="$rate" -v o="$opendrift_rate" 'BEGIN { printf "%.0f", r / o }')
{
  cat "$work/speed.out"
  echo "wall ${wall_s} s (whole process), max RSS $((rss_kb / 1024)) MB"
  echo "particle-steps/s: ${rate} M (OpenDrift ${opendrift_rate} M on one core): ${ratio}x"
  awk -v s="$wall_s" -v m="$rss_kb" -v n="$particles" 'BEGIN {
    if (n == 1000000) printf "goal 1,000,000 particles <= 3 s and <= 300 MB: %s\n",
      (s <= 3 && m <= 300 * 1024) ? "met" : "NOT met" }'
} | tee -a "$results"

echo "== statistics: 100,000 particles, radius 500 m (OpenDrift 51.05485 N 1.59003 E, r50 10.58 km, r90 18.44 km, 99.7 % active)" | tee -a "$results"
printf '%-6s %-24s %10s %9s %9s %8s\n' seed centroid offset_m r50_km r90_km active | tee -a "$results"
for seed in $seeds; do
  out=$("$straitwatch" drift "${datum[@]}" --category 1 --radius 500 --particles 100000 \
    --seed "$seed" --threads "$threads" -q --geojson "$work/area_seed$seed.geojson")
  line=$(echo "$out" | awk '/^centroid/ {print $2, $4, $7, $10}')
  active=$(echo "$out" | awk '/^active/ {gsub(/\(/, "", $3); print $3}')
  read -r lat lon r50 r90 <<<"$line"
  verdict=$(awk -v la="$lat" -v lo="$lon" -v a="$r50" -v b="$r90" 'BEGIN {
    pi = atan2(0, -1); dn = (la - 51.05485) * 111195; de = (lo - 1.59003) * 111195 * cos(la * pi / 180)
    off = sqrt(dn * dn + de * de)
    ok = off <= 100 && (a / 10.58 - 1)^2 <= 0.02^2 && (b / 18.44 - 1)^2 <= 0.02^2
    printf "%.0f %s", off, ok ? "ok" : "FAIL" }')
  read -r offset ok <<<"$verdict"
  printf '%-6s %-24s %10s %9s %9s %7s%% %s\n' "$seed" "$lat N $lon E" "$offset" "$r50" "$r90" \
    "$active" "$ok" | tee -a "$results"
  [ "$ok" = ok ] || status=1
done

echo "== deterministic end points (zero stds, no jibing, radius 0), tolerance 2e-5 deg" | tee -a "$results"
while read -r category orientation lat lon; do
  "$straitwatch" drift "${datum[@]}" --category "$category" --orientation "$orientation" \
    --deterministic --jibe-probability 0 --radius 0 --particles 1 -q --csv "$work/end.csv" >/dev/null
  IFS=, read -r _ our_lat our_lon _ < <(tail -1 "$work/end.csv")
  awk -v c="$category" -v o="$orientation" -v a="$lat" -v b="$lon" -v x="$our_lat" -v y="$our_lon" 'BEGIN {
    dl = x - a; dn = y - b; if (dl < 0) dl = -dl; if (dn < 0) dn = -dn
    printf "category %2s orientation %s: ours %.6f N %.6f E, OpenDrift %.6f N %.6f E, diff %.1e %.1e %s\n",
      c, o, x, y, a, b, dl, dn, (dl <= 2e-5 && dn <= 2e-5) ? "ok" : "FAIL" }' | tee -a "$results"
done <<'POINTS'
67 0 50.998348 1.498220
1 0 51.077061 1.530707
1 1 51.018532 1.625644
29 0 51.254467 1.650746
29 1 51.094955 1.914946
POINTS
grep -q FAIL "$results" && status=1
exit $status
