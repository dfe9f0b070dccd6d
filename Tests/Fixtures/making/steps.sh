#!/usr/bin/env bash
# steps.sh N TERN DEMO_DIR: in the current directory, makes catalogue.sqlite with TERN, the tern
# built from the commit of schema vN, doing what that version's commands and screens could do.
# DEMO_DIR is that commit's data/demo. Run by remake.sh; see README.md.
set -euo pipefail
n=$1; T=$2; demo=$3
M=$(cd "$(dirname "$0")" && pwd)
. "$M/tui.sh"
DB=catalogue.sqlite
rm -rf data xdg $DB $DB-wal $DB-shm $DB-heads
"$M/trim-demo.sh" "$demo" data

# The demo catalogue (v1's tern seeds an existing file; init came with v2), two listings of our
# own, and two applications imported with their statuses (walked along the state machine).
if (( n == 1 )); then TERN_DATA_DIR=$PWD/data $T seed --demo --db $DB
else TERN_DATA_DIR=$PWD/data $T init --demo --db $DB; fi
$T import "$M/listings.json" --db $DB
# From v4, imported listings wait for review.
if (( n >= 4 )); then
  $T postings approve frozen-listing frozen-delivery --note "Frozen: approved for the fixture" --db $DB
fi
$T import "$M/applications.json" --db $DB

if (( n >= 2 )); then
  # tern apply, as the file's owner for demo (audited as acting for a student).
  $T apply frozen-listing --hours 8 --note "Frozen note from tern apply" --link https://demo.example/work --user demo --db $DB
  # As demo in the student screen: save two listings, save a search, mark the work in progress delivered.
  tui_start $T --db $DB --user demo
  tui_keys s j j s /; tui_text frozen; tui_keys Enter S Enter Tab Tab G d
  tui_text https://demo.example/frozen-delivery; tui_keys Enter
  tui_quit
fi
if (( n >= 9 )); then
  # Reopen the withdrawal in the demo data: a on the listing, y to confirm.
  tui_start $T --db $DB --user demo
  tui_keys /; tui_text "app store"; tui_keys Enter a y
  tui_quit
fi
if (( n >= 3 )); then
  $T settings --home-currency EUR --db $DB
fi
if (( n >= 4 )); then
  # Review: one listing left pending, one declined; an organization trusted; staff added; expiry run.
  $T import "$M/review-listings.json" --db $DB
  $T postings decline frozen-declined --reason needs_more_information --note "Frozen: say what the sales target is" --db $DB
  $T organizations trust "Tern Fixture Works" --note "Frozen: known partner" --db $DB
  $T staff add fixadvisor --name "Fixture Advisor" --db $DB
  if (( n >= 9 )); then $T staff add fixadmin --name "Fixture Admin" --role admin --db $DB; fi
  $T expire --db $DB
fi
if (( n >= 5 )); then
  # The staff console as the file's owner: a saved view, a claim (opening), a move undone and
  # made again, a staff-only note.
  tui_start $T triage --db $DB
  tui_keys l; tui_text "student:demo"; tui_keys Enter :; tui_text "view save frozen-demo"; tui_keys Enter j Enter r u r n
  tui_text "Frozen staff-only note from the console"; tui_keys C-s
  tui_quit
  b=$($T applications list --student bfoster --opportunity frozen-listing --status shortlisted --json --db $DB | jq -r '.[0].id')
  $T applications move "$b" rejected --reason position-filled --note "Frozen: filled by an earlier applicant" --staff-only --db $DB
  $T audit --student demo --db $DB > /dev/null
  $T report --db $DB > /dev/null
fi
if (( n >= 11 )); then
  $T updates --user demo --mark-read --db $DB > /dev/null
fi
$T check --db $DB
