#!/usr/bin/env bash
# Scale-out benchmark: the same recorded sea fused by 1, 2 and 3 region processes over a
# real nats-server (JetStream, file storage, loopback) on this machine.
#
#   bench/scale/bench.sh [SIMULATED_SECONDS]      (default 3600)
#
# 1. Builds straitwatch in build/release (Release).
# 2. Starts nats-server -js in build/bench/scale/ on a free loopback port and feeds
#    data/sim/dover_busy.toml (seed 1, the busiest scenario) onto the input stream once
#    (`straitwatch region feed`).
# 3. For each plan — one region over the whole sea (tests/data/region/one_region.toml),
#    two bands (bench/scale/two_regions.toml), three bands (scenarios/regions-dover.toml) —
#    starts its region processes together, each reading the whole input stream from its
#    own durable consumer, and takes each process's own figure (inputs from its first
#    batch to its last, idle time excluded). The sea's throughput is the inputs over the
#    slowest region's time. Three runs each; medians.
# 4. Prints inputs/s per plan and the ratio to one region (the anchor: the single-process
#    engine on the same inputs), and the observations each region fused.
#
# Results: build/bench/scale/results.txt.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
seconds=${1:-3600}
work=build/bench/scale
release=build/release

echo "== build ($release, Release)"
cmake -S . -B "$release" -DCMAKE_BUILD_TYPE=Release -DSTRAITWATCH_TESTS=OFF >/dev/null
cmake --build "$release" --target straitwatch -j "$(nproc)" >/dev/null
straitwatch="$repo/$release/src/straitwatch"

rm -rf "$work"
mkdir -p "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'listen: 127.0.0.1:%s\njetstream { store_dir: "%s" }\n' "$port" "$repo/$work/js" >"$work/nats.conf"
nats-server -c "$work/nats.conf" -l "$work/nats.log" &
nats=$!
trap 'kill $nats 2>/dev/null; wait $nats 2>/dev/null || true' EXIT
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

# Every plan reads the one input stream (prefix "bench"); region names differ per plan so
# that each has its own durable consumers and state.
plan() {  # source file, tag
  sed -e "s|nats://127.0.0.1:4222|nats://127.0.0.1:$port|" -e 's|^prefix = .*|prefix = "bench"|' \
    -e "s|^name = \"\\([a-z]*\\)\"|name = \"$2-\\1\"|" "$1" >"$work/$2.toml"
  grep -o "^name = \"[^\"]*\"" "$work/$2.toml" | sed 's/name = "\(.*\)"/\1/'
}

echo "== feeding $seconds simulated seconds of data/sim/dover_busy.toml (seed 1)"
plan tests/data/region/one_region.toml feed >/dev/null
"$straitwatch" region feed --plan "$work/feed.toml" --scenario data/sim/dover_busy.toml --seed 1 \
  --duration "$seconds" | tail -n 1 | tee "$work/feed.txt"
inputs=$(sed -n 's/^fed \([0-9]*\) inputs.*/\1/p' "$work/feed.txt")

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: >"$work/results.txt"
anchor=""
for case in "1 tests/data/region/one_region.toml" "2 bench/scale/two_regions.toml" \
  "3 scenarios/regions-dover.toml"; do
  set -- $case
  count=$1
  source=$2
  rates=()
  for attempt in 1 2 3; do
    tag="k$count-r$attempt"
    names=$(plan "$source" "$tag")
    pids=()
    for name in $names; do
      "$straitwatch" region run --plan "$work/$tag.toml" --region "$name" \
        --scenario data/sim/dover_busy.toml --exit-idle 3 >"$work/$tag-$name.log" 2>&1 &
      pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    slowest=$(cat "$work"/"$tag"-*.log | sed -n 's/^region .*: [0-9]* inputs in \([0-9.]*\) s .*/\1/p' |
      sort -g | tail -n 1)
    rates+=("$(awk -v n="$inputs" -v t="$slowest" 'BEGIN { printf "%.0f", n / t }')")
  done
  rate=$(printf '%s\n' "${rates[@]}" | median)
  [ -n "$anchor" ] || anchor=$rate
  printf '%d region(s): %9s inputs/s for the sea   %5.2fx one region   (runs: %s)\n' "$count" \
    "$rate" "$(awk -v a="$rate" -v b="$anchor" 'BEGIN { print a / b }')" "${rates[*]}" |
    tee -a "$work/results.txt"
  for log in "$work"/"k$count-r1"-*.log; do
    printf '    %s\n' "$(grep -E '^region .* inputs in ' "$log")"
    grep -E '^picture:' "$log" | sed 's/^/      /'
  done | tee -a "$work/results.txt"
done
echo "inputs: $inputs (one simulated hour of the busiest scenario by default); $(nproc) cores" |
  tee -a "$work/results.txt"
