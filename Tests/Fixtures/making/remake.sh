#!/usr/bin/env bash
# remake.sh vN [vM ...]: remakes Tests/Fixtures/catalogue-vN.db with the tern of the commit that
# made it (the last commit on main whose newest migration was vN), never with today's code.
# Needs git, swift, tmux, jq and sqlite3. Builds in a scratch worktree beside the repository,
# removed at the end; the catalogue is made in a private directory (tern refuses world-writable ones).
set -euo pipefail
M=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$M" rev-parse --show-toplevel)
commit_of() {
  case $1 in
    v1) echo 30f072a08ba3bcfe59892ac485a882f7ef73cd31 ;;
    v2) echo 6374f9abd0a7d00da9a22fd334409fa0bc8ada42 ;;
    v3) echo bf2fa031f2b4c3192785696278fa0b21d03cef9b ;;
    v4) echo 6d6c69ffd1894a0efe70483ed6f2d98964ff0525 ;;
    v5) echo 1d430ac24c382ceb975ca59dbf14d6f8ebaa9304 ;;
    v6) echo 3af096e1a99e901962c3ff87e577b4157b917b5d ;;
    v7) echo 17862ef3ee592e63291cb026766515a6a6dae973 ;;
    v8) echo 913efe0460757747e5da946c87dede20b70b57cd ;;
    v9) echo 681bba28a1840eb17fd3f968eea1039fedf08a88 ;;
    v10) echo 42ba341a5d62085f7710276edc128307c52aac76 ;;
    v11) echo e316a67792d56c60d3b6e3152be270ae1cab0b50 ;;
    *) echo "no frozen catalogue is made for $1" >&2; return 1 ;;
  esac
}
scratch=${TERN_FIXTURES_SCRATCH:-$repo/../tern-fixtures-old}
work=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$scratch" 2>/dev/null || true; rm -rf "$work"' EXIT
for v in "$@"; do
  commit=$(commit_of "$v")
  if [ -d "$scratch" ]; then git -C "$scratch" checkout -q --detach "$commit"
  else git -C "$repo" worktree add -q --detach "$scratch" "$commit"; fi
  # Package.resolved is not committed: pin the dependencies the fixtures were made with.
  [ -f "$repo/Package.resolved" ] && cp "$repo/Package.resolved" "$scratch/"
  (cd "$scratch" && swift build --product tern)
  tern=$(cd "$scratch" && swift build --product tern --show-bin-path)/tern
  rm -rf "${work:?}/$v" && mkdir -m 700 "$work/$v"
  (cd "$work/$v" && "$M/steps.sh" "${v#v}" "$tern" "$scratch/data/demo")
  # One small file: a consistent copy, no -wal beside it, 1 KiB pages (the schema's ~90 tables,
  # indexes and triggers take a page each), vacuumed.
  out=$repo/Tests/Fixtures/catalogue-$v.db
  rm -f "$out" && sqlite3 "$work/$v/catalogue.sqlite" ".backup '$out'"
  sqlite3 "$out" "PRAGMA journal_mode=DELETE; PRAGMA page_size=1024; VACUUM;" > /dev/null
  echo "made $out ($(stat -c %s "$out") bytes) with $commit"
done
