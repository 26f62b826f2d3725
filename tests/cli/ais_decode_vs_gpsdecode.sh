#!/usr/bin/env bash
# Differential test: `straitwatch ais decode` must print byte-for-byte what gpsd 3.22's
# gpsdecode prints, in -j, -u -j and -u -c modes, on every recorded AIS log.
#
# Every message gpsdecode prints must be printed identically and in the same order;
# straitwatch may print more (lines gpsd's lexer loses, e.g. the line after a run-on
# sentence): those extra lines are reported, not failed.
#
# gpsd decodes only the talkers AI AB AD AN AR AS AT AX BS SA; straitwatch accepts any
# talker, so both are fed only the lines gpsd would consider (other lines are skipped by
# both, and what straitwatch does with them is covered by its unit tests).
set -euo pipefail
straitwatch=$1
data=$2
command -v gpsdecode >/dev/null || { echo "gpsdecode not installed (apt-get install gpsd-clients)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
files=0
for input in "$data"/gpsd/sample.aivdm "$data"/real/* "$data"/libais/*.nmea "$data"/libais/test.aivdm \
             "$data"/pyais/pyais_test_sentences.nmea "$data"/pyais/tests/*; do
  awk '{ line = $0; sub(/^\\[^\\]*\\/, "", line)
         if (line ~ /^[!$]..VD[MO]/ && substr(line, 2, 2) !~ /^(AI|AB|AD|AN|AR|AS|AT|AX|BS|SA)$/) next
         print }' "$input" > "$work/input"
  files=$((files + 1))
  for mode in "-j" "-u -j" "-u -c"; do
    # shellcheck disable=SC2086
    # gpsdecode also reports GNSS fixes (TPV, SKY, ...) from mixed feeds: keep AIS only.
    gpsdecode $mode < "$work/input" 2>/dev/null | grep -E '^(\{"class":"AIS"|[0-9]+\|)' \
      > "$work/expected" || true
    # shellcheck disable=SC2086
    "$straitwatch" ais decode $mode "$work/input" > "$work/actual"
    missing=$(diff "$work/expected" "$work/actual" | grep -c '^<' || true)
    extra=$(diff "$work/expected" "$work/actual" | grep -c '^>' || true)
    if [ "$missing" -ne 0 ]; then
      failures=$((failures + 1))
      echo "DIFFERS: $(basename "$input") [$mode]: $missing gpsdecode lines not matched"
      diff "$work/expected" "$work/actual" | head -6 || true
    elif [ "$extra" -ne 0 ]; then
      echo "extra: $(basename "$input") [$mode]: $extra lines decoded that gpsdecode dropped"
    fi
  done
done
echo "compared $files files x 3 modes: $failures differ"
[ "$failures" -eq 0 ]
