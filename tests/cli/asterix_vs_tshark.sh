#!/usr/bin/env bash
# Conformance of the ASTERIX encoder and decoder with Wireshark's dissector:
#  - `straitwatch asterix encode --pcap` writes the CAT010/CAT034 test pattern (every item
#    of both UAPs) as Ethernet/IPv4/UDP frames; tshark must dissect every frame with no
#    malformed-packet or expert report, and show the same field values that
#    `straitwatch asterix decode --records` prints for the same blocks;
#  - `straitwatch asterix decode` turns the pattern's target reports into observations and
#    counts what it cannot use.
# Wireshark 4.0 reads I010/202 with an LSB of 1/16 m/s, EUROCONTROL CAT010 ed. 1.1 gives
# 0.25 m/s: that factor of 4 is the one difference allowed.
set -euo pipefail
straitwatch=$1
command -v tshark >/dev/null || { echo "tshark not installed (apt-get install tshark)"; exit 1; }
command -v python3 >/dev/null || { echo "python3 not installed"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$straitwatch" asterix encode --pcap --port 8600 -o "$work/pattern.pcap"
"$straitwatch" asterix encode -o "$work/pattern.bin"
tshark -r "$work/pattern.pcap" -d udp.port==8600,asterix -T json --no-duplicate-keys \
  > "$work/tshark.json" 2>"$work/tshark.err"
"$straitwatch" asterix decode --records "$work/pattern.bin" > "$work/records.jsonl"

python3 - "$work/tshark.json" "$work/records.jsonl" <<'PYTHON'
import json
import sys

frames = json.load(open(sys.argv[1]))
ours = [json.loads(line) for line in open(sys.argv[2])]

problems = []
theirs = []


def leaves(node, prefix, out):
    if isinstance(node, list):
        for element in node:
            leaves(element, prefix, out)
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str):
                if key.startswith(prefix):
                    out[key[len(prefix):]] = value
            else:
                leaves(value, prefix, out)


for number, frame in enumerate(frames, 1):
    layers = frame["_source"]["layers"]
    if "_ws.malformed" in layers or "_ws.expert" in json.dumps(layers):
        problems.append(f"frame {number}: Wireshark reports a malformed packet or expert info")
    blocks = layers.get("asterix", [])
    for block in blocks if isinstance(blocks, list) else [blocks]:
        category = int(block["asterix.category"])
        messages = block["asterix.message"]
        prefix = "asterix.%03d_" % category
        for message in messages if isinstance(messages, list) else [messages]:
            fields = {}
            leaves(message, prefix, fields)
            items = {key[len(prefix):] for key in message if key.startswith(prefix)}
            theirs.append((category, items, fields))

if len(theirs) != len(ours):
    problems.append(f"record count: tshark {len(theirs)}, straitwatch {len(ours)}")

compared = 0
for index, ((category, items, fields), record) in enumerate(zip(theirs, ours)):
    where = f"record {index + 1} (CAT{category:03d})"
    our_items = {key.split("_")[0] for key in record if key != "category"}
    raw_items = {key.split("_")[0] for key in record if key.endswith("_hex")}
    if record["category"] != category:
        problems.append(f"{where}: category {record['category']}")
    if our_items != items:
        problems.append(f"{where}: items ours {sorted(our_items)} tshark {sorted(items)}")
    for field, text in fields.items():
        if field.split("_")[0] in raw_items:
            continue
        if field not in record:
            problems.append(f"{where}: {field} missing")
            continue
        value = record[field]
        compared += 1
        if isinstance(value, str):
            if value != text.rstrip(" "):
                problems.append(f"{where}: {field} ours {value!r} tshark {text!r}")
            continue
        expected = int(text, 16) if text.startswith("0x") else float(text)
        if category == 10 and field in ("202_VX", "202_VY"):
            expected *= 4
        if abs(value - expected) > 1e-9 * max(1.0, abs(expected)):
            problems.append(f"{where}: {field} ours {value} tshark {text}")

for problem in problems:
    print("DIFFERS:", problem)
print(f"tshark: {len(frames)} frames, {len(theirs)} records, {compared} field values compared")
sys.exit(1 if problems or compared == 0 else 0)
PYTHON

# Observations: the test pattern has 6 CAT010 records (one start of update cycle, five
# target reports) in the second datagram and two target reports again in the third.
"$straitwatch" asterix decode --sac 1 --sic 2 --site-lat 51.1279 --site-lon 1.3134 \
  --reference-time 2026-01-01T12:00:00Z --stats "$work/pattern.bin" \
  > "$work/observations.jsonl" 2> "$work/stats.txt"
count=$(wc -l < "$work/observations.jsonl")
if [ "$count" -ne 7 ]; then
  echo "expected 7 observations, got $count"; cat "$work/stats.txt"; exit 1
fi
grep -q "not_target_report: 1" "$work/stats.txt" || { echo "status record not counted"; cat "$work/stats.txt"; exit 1; }
grep -q '"kind":"radar_track"' "$work/observations.jsonl" || { echo "no radar_track"; exit 1; }
grep -q '"kind":"radar_plot"' "$work/observations.jsonl" || { echo "no radar_plot"; exit 1; }
# The record stamped 86399.992 s, received at noon on 1 January: 23:59:59.992 that day.
grep -q '"time":"2026-01-01T23:59:59.992187500Z"' "$work/observations.jsonl" \
  || { echo "time of day not placed on the reference day"; exit 1; }
echo "observations: $count"
