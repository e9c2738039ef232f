#!/usr/bin/env bash
# Benchmark: what starting lifeboat costs. Not a test; prints figures.
#
#   bench/startup.sh [RUNS]      default: 5 runs (the median is reported)
#
# Times, alternately in the same run, a backup of examples/shop.db (64 KiB) through ./lifeboat with its class-data
# sharing archive and native libraries extracted once per build (the default), without the extracted libraries
# (LIFEBOAT_NATIVE=off: the libraries extract their own into the temporary directory), without either
# (LIFEBOAT_CDS=off too), and the anchor: sqlite3 .backup of the same file piped through zstd -3. Prints wall
# seconds, and CPU seconds (user + system), which a machine shared with other work disturbs less.
# Needs: java 17+, sqlite3, zstd, GNU time (/usr/bin/time).
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

# timed FILE COMMAND...: as bench/common.sh's, but FILE gets the user and system seconds too; cpu FILE: their sum
timed() {
  local start end
  sync
  start=$(date +%s%N)
  /usr/bin/time -f "%M %U %S" -o "$1" "${@:2}" >/dev/null
  end=$(date +%s%N)
  seconds "$start" "$end"
}
cpu() { awk '{ printf "%.2f", $2 + $3 }' "$1"; }

shared=(); shared_cpu=(); extracting=(); extracting_cpu=(); unshared=(); unshared_cpu=(); anchor=()
for run in $(seq 1 "$runs"); do
  shared+=("$(timed rss1 "$lifeboat" backup "$root/examples/shop.db" --repo "shared$run" --quiet)")
  shared_cpu+=("$(cpu rss1)")
  extracting+=("$(timed rss2 env LIFEBOAT_NATIVE=off "$lifeboat" backup "$root/examples/shop.db" --repo "extracting$run" --quiet)")
  extracting_cpu+=("$(cpu rss2)")
  unshared+=("$(timed rss3 env LIFEBOAT_CDS=off LIFEBOAT_NATIVE=off "$lifeboat" backup "$root/examples/shop.db" \
    --repo "unshared$run" --quiet)")
  unshared_cpu+=("$(cpu rss3)")
  anchor+=("$(timed rss4 sh -c "sqlite3 '$root/examples/shop.db' '.backup copy$run.db' && zstd -q -3 copy$run.db")")
  echo "   run $run: default ${shared[-1]} s, extracting ${extracting[-1]} s, neither ${unshared[-1]} s," \
    "sqlite3 + zstd ${anchor[-1]} s (load $(cut -d' ' -f1 /proc/loadavg))"
done
echo
echo "== backup of a 64 KiB database, median of $runs runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "                                                         wall      CPU"
printf 'lifeboat, class-data sharing, libraries extracted once   %5.2f s  %5.2f s\n' "$(median "${shared[@]}")" \
  "$(median "${shared_cpu[@]}")"
printf 'lifeboat, class-data sharing, LIFEBOAT_NATIVE=off        %5.2f s  %5.2f s\n' "$(median "${extracting[@]}")" \
  "$(median "${extracting_cpu[@]}")"
printf 'lifeboat, neither                                        %5.2f s  %5.2f s\n' "$(median "${unshared[@]}")" \
  "$(median "${unshared_cpu[@]}")"
printf 'sqlite3 .backup + zstd -3                                %5.2f s   (issue 13 target for lifeboat: under 0.6 s)\n' \
  "$(median "${anchor[@]}")"
