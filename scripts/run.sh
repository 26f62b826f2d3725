#!/usr/bin/env bash
# The main job: set up, build (Release) and run straitwatch on its embedded defaults.
# For now: decode the bundled AIS sample (gpsd's sample.aivdm, every message type)
# and print a summary by message type and by line outcome.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DSTRAITWATCH_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc)"
./build/release/src/straitwatch ais decode --quiet --stats tests/data/ais/gpsd/sample.aivdm 2>&1
