#!/usr/bin/env bash
# Differential test of `straitwatch ais encode`: every message of an encoded type in the
# recorded AIS logs is decoded to unscaled JSON, encoded back to !AIVDM sentences, and
#  - gpsd 3.22's gpsdecode must decode those sentences exactly as `straitwatch ais decode`
#    does (-j and -u -j), and
#  - `straitwatch ais decode -j` of the sentences must print what it printed for the
#    original log (the same messages, in the same order).
set -euo pipefail
straitwatch=$1
data=$2
command -v gpsdecode >/dev/null || { echo "gpsdecode not installed (apt-get install gpsd-clients)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Types the encoder produces.
encoded_types='"type":(1|2|3|4|5|11|18|19|21|24|27),'
failures=0
files=0
messages=0
checked=0
for input in "$data"/gpsd/sample.aivdm "$data"/real/* "$data"/libais/*.nmea "$data"/libais/test.aivdm \
             "$data"/pyais/pyais_test_sentences.nmea "$data"/pyais/tests/*; do
  name=$(basename "$input")
  files=$((files + 1))
  "$straitwatch" ais decode -u -j "$input" | grep -E "$encoded_types" > "$work/in.json" || true
  "$straitwatch" ais decode -j "$input" | grep -E "$encoded_types" > "$work/original" || true
  if ! "$straitwatch" ais encode "$work/in.json" > "$work/encoded.nmea"; then
    failures=$((failures + 1))
    echo "ENCODE FAILED: $name"
    continue
  fi
  count=$(wc -l < "$work/in.json")
  messages=$((messages + count))
  for mode in "-j" "-u -j"; do
    # shellcheck disable=SC2086
    gpsdecode $mode < "$work/encoded.nmea" > "$work/gpsd" 2>/dev/null || true
    checked=$((checked + $(wc -l < "$work/gpsd")))
    if [ "$(wc -l < "$work/gpsd")" -ne "$count" ]; then
      failures=$((failures + 1))
      echo "gpsdecode [$mode] decoded $(wc -l < "$work/gpsd") of $count messages: $name"
    fi
    # shellcheck disable=SC2086
    "$straitwatch" ais decode $mode "$work/encoded.nmea" > "$work/straitwatch"
    if ! cmp -s "$work/gpsd" "$work/straitwatch"; then
      failures=$((failures + 1))
      echo "DIFFERS from gpsdecode: $name [$mode]"
      diff "$work/gpsd" "$work/straitwatch" | head -6 || true
    fi
    if [ "$mode" = "-j" ] && ! cmp -s "$work/original" "$work/straitwatch"; then
      failures=$((failures + 1))
      echo "DIFFERS from the original log: $name"
      diff "$work/original" "$work/straitwatch" | head -6 || true
    fi
  done
done
# Sentence options: tag blocks, talker AB, channel B, three-sentence type 5 with
# sequence ids cycling from 9, VDO without a channel.
"$straitwatch" ais decode -u -j "$data"/gpsd/sample.aivdm | grep -E "$encoded_types" > "$work/in.json"
for options in "--talker AB --channel B --max-chars 28 --sequence-id 9 --tag-source dover-1 --tag-time 1767225600" \
               "--vdo --channel none"; do
  # shellcheck disable=SC2086
  "$straitwatch" ais encode $options "$work/in.json" > "$work/encoded.nmea"
  gpsdecode -j < "$work/encoded.nmea" > "$work/gpsd" 2>/dev/null || true
  "$straitwatch" ais decode -j "$work/encoded.nmea" > "$work/straitwatch"
  checked=$((checked + $(wc -l < "$work/gpsd")))
  if [ "$(wc -l < "$work/gpsd")" -ne "$(wc -l < "$work/in.json")" ] ||
     ! cmp -s "$work/gpsd" "$work/straitwatch"; then
    failures=$((failures + 1))
    echo "DIFFERS from gpsdecode with options: $options"
    diff "$work/gpsd" "$work/straitwatch" | head -6 || true
  fi
done
echo "encoded $messages messages from $files files; $checked gpsdecode decodes compared" \
     "(-j and -u -j) and each file re-decoded: $failures differ"
[ "$failures" -eq 0 ]
