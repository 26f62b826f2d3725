#!/usr/bin/env bash
# AIS decoder throughput: `straitwatch ais decode -j` against gpsd's `gpsdecode -j`, both run
# in this script on the same inputs, pinned to one core, output written to a file.
#
#   bench/ais/bench.sh
#
# Environment (all optional): BENCH_LINES (default 1000000), BENCH_RUNS (5), BENCH_CPU (1).
#
# 1. Builds straitwatch in build/release (the project's Release build, -O3).
# 2. Makes two inputs of BENCH_LINES lines with ../shared/bench/ais/make_input.py:
#    sample_mix  from tests/data/ais/gpsd/sample.aivdm, seed 1;
#    real_mix    from the real gpsd feed logs tests/data/ais/real/gpsd-*.log (gpsd's
#                test/daemon logs, the "useful real inputs" of the shared gpsd data), seed 2.
# 3. Times both decoders with hyperfine (1 warm-up, BENCH_RUNS runs) and reports medians:
#    lines/s, MB/s, the speed-up straitwatch/gpsdecode, next to the recorded anchor figures.
# 4. Checks that straitwatch prints every line gpsdecode prints, in the same order (as
#    tests/cli/ais_decode_vs_gpsdecode.sh); extra lines are counted, not failed.
#
# Exits non-zero if an output check fails. Results: build/bench/ais/ (inputs, outputs,
# hyperfine JSON, results.txt).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

lines=${BENCH_LINES:-1000000}
runs=${BENCH_RUNS:-5}
cpu=${BENCH_CPU:-1}
make_input="$repo/../shared/bench/ais/make_input.py"
work=build/bench/ais
release=build/release
goal=10

for tool in gpsdecode hyperfine taskset jq python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not installed" >&2; exit 1; }
done
[ -f "$make_input" ] || { echo "bench: $make_input not found" >&2; exit 1; }

echo "== build ($release, Release)"
cmake -S . -B "$release" -DCMAKE_BUILD_TYPE=Release \
  -DSTRAITWATCH_TESTS=OFF >/dev/null
cmake --build "$release" --target straitwatch -j "$(nproc)" >/dev/null
straitwatch="$repo/$release/src/straitwatch"
[ -x "$straitwatch" ] || { echo "bench: $straitwatch not built" >&2; exit 1; }

mkdir -p "$work"
declare -A sources=(
  [sample_mix]="tests/data/ais/gpsd/sample.aivdm"
  [real_mix]="$(echo tests/data/ais/real/gpsd-*.log)"
)
declare -A seeds=([sample_mix]=1 [real_mix]=2)
# Anchor figures recorded on the same kind of machine (2-core VM, one core), thousand lines/s.
declare -A anchor_gpsdecode=([sample_mix]=258 [real_mix]=233)
declare -A anchor_aiscatcher=([sample_mix]=765 [real_mix]=602)
inputs=(sample_mix real_mix)

echo "== inputs ($lines lines)"
for name in "${inputs[@]}"; do
  input="$work/$name.nmea"
  made_with="${sources[$name]} --lines $lines --seed ${seeds[$name]}"
  if [ ! -f "$input" ] || [ "$(cat "$input.args" 2>/dev/null)" != "$made_with" ]; then
    # shellcheck disable=SC2086  # the source list is a list of repo-relative paths
    python3 "$make_input" $made_with -o "$input"
    echo "$made_with" > "$input.args"
  fi
  echo "$name: $(wc -l < "$input") lines, $(wc -c < "$input") bytes from ${sources[$name]}"
done

# Other work on the machine skews both decoders; the load average goes into the results.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== timing (hyperfine, taskset -c $cpu, 1 warm-up + $runs runs, medians; load $load_before)"
for name in "${inputs[@]}"; do
  input="$work/$name.nmea"
  # Each run writes a new file: the previous run's output is deleted before the timing
  # (--prepare), not truncated by the timed shell (freeing some 230 MB of page cache,
  # about 0.1 s, is not the decoder's work).
  taskset -c "$cpu" hyperfine --warmup 1 --runs "$runs" --style basic \
    --prepare "rm -f '$work/$name.gpsdecode.out' '$work/$name.straitwatch.out'" \
    --export-json "$work/$name.hyperfine.json" \
    --command-name gpsdecode "gpsdecode -j < '$input' > '$work/$name.gpsdecode.out'" \
    --command-name straitwatch "'$straitwatch' ais decode -j '$input' > '$work/$name.straitwatch.out'"
done

median() {  # median seconds of a command in a hyperfine JSON export
  jq -r --arg cmd "$2" '.results[] | select(.command == $cmd) | .median' "$1"
}

echo "== output check (every gpsdecode line, in order, in straitwatch's output)"
check_failed=0
declare -A extra_lines
for name in "${inputs[@]}"; do
  input="$work/$name.nmea"
  # The timed runs delete their outputs before each run (--prepare), so the last one
  # leaves only straitwatch's: both are written again here, untimed.
  gpsdecode -j < "$input" > "$work/$name.gpsdecode.out" 2>/dev/null || true
  "$straitwatch" ais decode -j "$input" > "$work/$name.straitwatch.out"
  # gpsd decodes only these talkers; both decoders get the lines gpsd would consider.
  awk '{ line = $0; sub(/^\\[^\\]*\\/, "", line)
         if (line ~ /^[!$]..VD[MO]/ && substr(line, 2, 2) !~ /^(AI|AB|AD|AN|AR|AS|AT|AX|BS|SA)$/) next
         print }' "$input" > "$work/$name.gpsd-talkers.nmea"
  if cmp -s "$input" "$work/$name.gpsd-talkers.nmea"; then
    expected="$work/$name.gpsdecode.out"
    actual="$work/$name.straitwatch.out"
  else
    expected="$work/$name.gpsd-talkers.gpsdecode.out"
    actual="$work/$name.gpsd-talkers.straitwatch.out"
    gpsdecode -j < "$work/$name.gpsd-talkers.nmea" > "$expected" 2>/dev/null || true
    "$straitwatch" ais decode -j "$work/$name.gpsd-talkers.nmea" > "$actual"
  fi
  if [ ! -s "$expected" ]; then
    check_failed=1
    echo "$name: gpsdecode wrote nothing to compare ($expected)"
    extra_lines[$name]="-"
    continue
  fi
  diff "$expected" "$actual" > "$work/$name.diff" || true
  missing=$(grep -c '^<' "$work/$name.diff" || true)
  extra_lines[$name]=$(grep -c '^>' "$work/$name.diff" || true)
  if [ "$missing" -ne 0 ]; then
    check_failed=1
    echo "$name: DIFFERS: $missing of $(wc -l < "$expected") gpsdecode lines not matched (see $work/$name.diff)"
  else
    echo "$name: identical on all $(wc -l < "$expected") gpsdecode lines; ${extra_lines[$name]} extra lines from straitwatch"
  fi
done

echo "== results"
{
  echo "date: $(date -u +%Y-%m-%d) host: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "gpsdecode $(gpsdecode -V 2>&1 | awk '{ print $NF }'); lines $lines; medians of $runs runs on cpu $cpu;" \
       "load average before timing: $load_before"
  printf '%-10s | %-11s | %11s | %7s | %9s | %7s | %-15s | %-11s\n' \
    input decoder "k lines/s" "MB/s" "speed-up" "goal" "anchor k l/s" "extra lines"
  for name in "${inputs[@]}"; do
    input="$work/$name.nmea"
    json="$work/$name.hyperfine.json"
    n_lines=$(wc -l < "$input")
    n_bytes=$(wc -c < "$input")
    gpsd_s=$(median "$json" gpsdecode)
    ours_s=$(median "$json" straitwatch)
    ratio=$(awk -v g="$gpsd_s" -v s="$ours_s" 'BEGIN { printf "%.1f", g / s }')
    met=$(awk -v r="$ratio" -v goal="$goal" 'BEGIN { print (r >= goal ? "met" : "MISSED") }')
    for decoder in gpsdecode straitwatch; do
      seconds=$gpsd_s anchor="gpsdecode ${anchor_gpsdecode[$name]}" speedup="1.0" goal_col="" extra=""
      if [ "$decoder" = straitwatch ]; then
        seconds=$ours_s anchor="AIS-catcher ${anchor_aiscatcher[$name]}" speedup=$ratio
        goal_col="$met" extra=${extra_lines[$name]}
      fi
      awk -v name="$name" -v dec="$decoder" -v s="$seconds" -v l="$n_lines" -v b="$n_bytes" \
        -v up="$speedup" -v goal="$goal_col" -v anchor="$anchor" -v extra="$extra" \
        'BEGIN { printf "%-10s | %-11s | %11.0f | %7.1f | %8sx | %7s | %-15s | %-11s\n",
                 name, dec, l / s / 1000, b / s / 1e6, up, goal, anchor, extra }'
    done
  done
  echo "goal: straitwatch >= ${goal}x gpsdecode on both inputs; anchors: ../shared/bench/README.md"
} | tee "$work/results.txt"

[ "$check_failed" -eq 0 ] || { echo "bench: output check failed" >&2; exit 1; }
