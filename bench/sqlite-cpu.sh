#!/usr/bin/env bash
# Benchmark: CPU seconds of lifeboat builds against the anchors on an existing SQLite database. Not a test.
#
#   bench/sqlite-cpu.sh DATABASE [RUNS] [JAR...]    defaults: 3 runs, backup-cli/target/lifeboat.jar
#
# On a machine shared with other work, wall times say more about the neighbours than about lifeboat; the CPU time a
# program uses (user + system, from GNU time) moves much less. This script times, alternately in each run, the
# anchors (sqlite3 SRC ".backup TMP" && zstd -3 -T2 TMP; zstd -d + sqlite3 "PRAGMA integrity_check") and a backup
# and a restore into a new file by each JAR given (say, the build before a change and the build after it), run by
# the ./lifeboat launcher (LIFEBOAT_JAR=JAR) as a user runs it, and prints every figure with the load average when
# it was taken, then the medians. DATABASE is only read (as any backup reads it); to make issue 13's row-heavy one:
#   bash -c '. bench/common.sh && rows_database /var/tmp/rows/rows.db 650'
# Needs: java 17+, sqlite3, zstd, GNU time (/usr/bin/time), bc.
set -euo pipefail
db=${1:?usage: bench/sqlite-cpu.sh DATABASE [RUNS] [JAR...]}
runs=${2:-3}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
shift $(( $# < 2 ? $# : 2 ))
jars=("$@")
if [ ${#jars[@]} -eq 0 ]; then
  "$root/lifeboat" --version >/dev/null   # builds the jar if needed
  jars=("$root/backup-cli/target/lifeboat.jar")
fi
for jar in "${jars[@]}"; do   # the launcher prepares each jar's class-data sharing archive on its first run
  LIFEBOAT_JAR=$jar "$root/lifeboat" --version >/dev/null
done
work="${BENCH_DIR:-$(mktemp -d /var/tmp/lifeboat-bench.XXXXXX)}"
trap 'rm -rf "$work"' EXIT
cd "$work"

declare -A cpu
# measure LABEL COMMAND...: runs COMMAND after a sync, prints its wall and CPU seconds, peak RSS and the load
measure() {
  local label=$1 wall user sys rss
  shift
  sync
  /usr/bin/time -f "%e %U %S %M" -o time.txt "$@" >/dev/null 2>err.txt || { echo "$label failed:"; cat err.txt; exit 1; }
  read -r wall user sys rss < time.txt
  cpu[$label]+="$(echo "$user + $sys" | bc) "
  printf '   %-20s wall %6.2f s   CPU %6.2f s (user %6.2f, system %5.2f)   peak RSS %4d MiB   load %s\n' "$label" \
    "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" $(( rss / 1024 )) "$(cut -d' ' -f1 /proc/loadavg)"
}
for run in $(seq 1 "$runs"); do
  echo "== run $run"
  rm -f tmp.db tmp.db.zst anchor.db
  measure "anchor backup" sh -c "sqlite3 '$db' '.backup tmp.db' && zstd -q -3 -T2 tmp.db -o tmp.db.zst"
  measure "anchor restore" sh -c "zstd -q -d tmp.db.zst -o anchor.db && sqlite3 anchor.db 'PRAGMA integrity_check'"
  rm -f tmp.db tmp.db.zst anchor.db
  for i in "${!jars[@]}"; do
    rm -rf repo restored.db
    measure "backup, jar $(( i + 1 ))" env LIFEBOAT_JAR="${jars[$i]}" "$root/lifeboat" backup "$db" --repo repo --quiet
    measure "restore, jar $(( i + 1 ))" env LIFEBOAT_JAR="${jars[$i]}" "$root/lifeboat" restore latest restored.db \
      --repo repo --quiet
  done
done
echo
echo "== CPU seconds, median of $runs runs, $(nproc) cores"
for i in "${!jars[@]}"; do echo "   jar $(( i + 1 )): ${jars[$i]}"; done
for label in "anchor backup" "anchor restore" $(for i in "${!jars[@]}"; do echo "backup,_jar_$(( i + 1 ))"; \
    echo "restore,_jar_$(( i + 1 ))"; done); do
  label=${label//_/ }
  # shellcheck disable=SC2086
  printf '   %-20s %6.2f s\n' "$label" "$(median ${cpu[$label]})"
done
