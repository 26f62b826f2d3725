#!/usr/bin/env bash
# Set up, build in Debug under AddressSanitizer + UndefinedBehaviorSanitizer, run every
# test (ctest), and check formatting. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== format check (clang-format)"
git ls-files -- '*.h' '*.cpp' | xargs clang-format --dry-run -Werror

echo "== web map (npm, Vite)"
bash scripts/build_web.sh

echo "== build (Release straitwatch, for the browser test)"
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DSTRAITWATCH_TESTS=OFF >/dev/null
cmake --build build/release --target straitwatch -j "$(nproc)"

echo "== build (Debug, ASan + UBSan)"
cmake -S . -B build/debug -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTRAITWATCH_SANITIZE=ON \
  -DSTRAITWATCH_WEB_TEST_BINARY="$PWD/build/release/src/straitwatch" >/dev/null
cmake --build build/debug

echo "== naming check (clang-tidy)"
git ls-files -- 'src/*.cpp' | xargs -P2 -n8 clang-tidy -p build/debug --quiet 2>/dev/null

echo "== tests"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build/debug --output-on-failure -j2
