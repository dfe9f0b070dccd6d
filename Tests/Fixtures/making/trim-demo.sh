#!/usr/bin/env bash
# trim-demo.sh DEMO_DIR OUT_DIR: a small copy of a Tern's demo catalogue in OUT_DIR/demo (what
# TERN_DATA_DIR=OUT_DIR points `tern init --demo` at): three students' applications (demo, bfoster,
# dreyes), the listings they applied to, those listings' organizations, and every staff member.
set -euo pipefail
src=$1; out=$2/demo
mkdir -p "$out"
keep='["demo","bfoster","dreyes"]'
jq --argjson keep "$keep" '[.[] | select(.student as $s | $keep | index($s))]' "$src/applications.json" > "$out/applications.json"
jq --slurpfile apps "$out/applications.json" '[ ($apps[0] | map(.opportunity)) as $refs | .[] | select(.ref as $r | $refs | index($r)) ]' "$src/opportunities.json" > "$out/opportunities.json"
jq --slurpfile opps "$out/opportunities.json" '[ ($opps[0] | map(.organization)) as $names | .[] | select(.name as $n | $names | index($n)) ]' "$src/organizations.json" > "$out/organizations.json"
jq --argjson keep "$keep" '[.[] | select(.username as $u | $keep | index($u))]' "$src/students.json" > "$out/students.json"
cp "$src/staff.json" "$out/staff.json"
