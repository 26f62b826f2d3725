#!/usr/bin/env bash
# Build the libFuzzer targets with clang and run the AIS decoder fuzzer.
#
#   fuzz/run.sh [SECONDS] [LIBFUZZER_FLAG...]     (default 600 s)
#
# Configures build/fuzz (clang, ASan + UBSan, RelWithDebInfo), builds ais_decoder_fuzz, copies
# the seed corpus fuzz/ingest/ais/corpus into build/fuzz/corpus-work (inputs found by earlier
# runs stay there) and fuzzes for SECONDS. The log is build/fuzz/ais_decoder_fuzz.log; a crash
# is written to build/fuzz/artifacts/ and the script exits non-zero. Minimise a crash with
#   build/fuzz/fuzz/ais_decoder_fuzz -minimize_crash=1 -runs=10000 build/fuzz/artifacts/crash-...
# then add the minimised input to fuzz/ingest/ais/corpus/ so that it is replayed forever.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true
build=build/fuzz

CC=clang CXX=clang++ cmake -S . -B "$build" -DSTRAITWATCH_FUZZ=ON -DSTRAITWATCH_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" --target ais_decoder_fuzz -j "$(nproc)"

mkdir -p "$build/corpus-work" "$build/artifacts"
cp fuzz/ingest/ais/corpus/* "$build/corpus-work/"

# The project builds UBSan in recoverable mode: make every UB report fatal here.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1

log="$build/ais_decoder_fuzz.log"
echo "fuzzing ais_decoder_fuzz for $seconds s (log: $log)"
status=0
"$build/fuzz/ais_decoder_fuzz" "$build/corpus-work" \
  -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$build/artifacts/" "$@" >"$log" 2>&1 || status=$?

executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
run_time=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
echo "executions: ${executions:-unknown} in ${run_time:-unknown} s"
echo "corpus: $(find "$build/corpus-work" -type f | wc -l) inputs; coverage: $(grep -o 'cov: [0-9]*' "$log" | tail -1)"
if [ "$status" -ne 0 ]; then
  echo "FAILED (exit $status): see $log and $build/artifacts/"
  grep -E '^==[0-9]+==ERROR|runtime error|^SUMMARY|ais_decoder_fuzz: ' "$log" | head -20 || true
  exit "$status"
fi
echo "clean: no crash, leak, timeout or sanitizer report"
