#!/usr/bin/env bash
# The simulator's AIS output must decode identically in gpsd's gpsdecode and in
# `straitwatch ais decode` (-j and -u -j): `straitwatch sim` writes ais.nmea for ten
# simulated minutes of the default scenario (types 1, 5, 18 and 24, NMEA 4.0 tag blocks,
# two stations), and both decoders must print the same JSON for every message.
set -euo pipefail
straitwatch=$1
scenario=$2
command -v gpsdecode >/dev/null || { echo "gpsdecode not installed (apt-get install gpsd-clients)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$straitwatch" sim --scenario "$scenario" --seed 3 --duration 600 --out "$work/out" -q
lines=$(wc -l < "$work/out/ais.nmea")
[ "$lines" -gt 1000 ] || { echo "only $lines AIS lines simulated"; exit 1; }
failures=0
for mode in "-j" "-u -j"; do
  # shellcheck disable=SC2086
  gpsdecode $mode < "$work/out/ais.nmea" > "$work/gpsd" 2>/dev/null || true
  # shellcheck disable=SC2086
  "$straitwatch" ais decode $mode "$work/out/ais.nmea" > "$work/straitwatch"
  decoded=$(wc -l < "$work/gpsd")
  for type in 1 5 18 24; do
    if ! grep -q "\"type\":$type," "$work/gpsd"; then
      failures=$((failures + 1))
      echo "no type $type message decoded [$mode]"
    fi
  done
  if ! cmp -s "$work/gpsd" "$work/straitwatch"; then
    failures=$((failures + 1))
    echo "DIFFERS from gpsdecode [$mode]"
    diff "$work/gpsd" "$work/straitwatch" | head -6 || true
  fi
  echo "[$mode] $lines sentences, $decoded messages decoded by gpsdecode"
done
[ "$failures" -eq 0 ]
