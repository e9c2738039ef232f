#!/usr/bin/env bash
# Benchmark: what starting lifeboat costs. Not a test; prints figures.
#
#   bench/startup.sh [RUNS]      default: 5 runs (the median is reported)
#
# Times, alternately in the same run, a backup of examples/shop.db (64 KiB) through ./lifeboat with and without its
# class-data sharing archive (LIFEBOAT_CDS=off), and the anchor: sqlite3 .backup of the same file piped through
# zstd -3. Needs: java 17+, sqlite3, zstd.
set -euo pipefail
runs=${1:-5}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
lifeboat="$root/lifeboat"
"$lifeboat" --version >/dev/null   # builds the jar and its class-data sharing archive if needed
work="${BENCH_DIR:-$(mktemp -d /var/tmp/lifeboat-bench.XXXXXX)}"
trap 'rm -rf "$work"' EXIT
cd "$work"

shared=(); unshared=(); anchor=()
for run in $(seq 1 "$runs"); do
  shared+=("$(timed rss1 "$lifeboat" backup "$root/examples/shop.db" --repo "shared$run" --quiet)")
  unshared+=("$(timed rss2 env LIFEBOAT_CDS=off "$lifeboat" backup "$root/examples/shop.db" --repo "unshared$run" --quiet)")
  anchor+=("$(timed rss3 sh -c "sqlite3 '$root/examples/shop.db' '.backup copy$run.db' && zstd -q -3 copy$run.db")")
  echo "   run $run: with the archive ${shared[-1]} s, without ${unshared[-1]} s, sqlite3 + zstd ${anchor[-1]} s"
done
echo
echo "== backup of a 64 KiB database, median of $runs runs, $(nproc) cores"
printf 'lifeboat, class-data sharing   %5.2f s\n' "$(median "${shared[@]}")"
printf 'lifeboat, without              %5.2f s\n' "$(median "${unshared[@]}")"
printf 'sqlite3 .backup + zstd -3      %5.2f s   (issue 13 target for lifeboat: under 0.6 s)\n' "$(median "${anchor[@]}")"
