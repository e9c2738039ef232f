#!/usr/bin/env bash
# Benchmark: the cost of encryption. Not a test; prints figures.
#
#   bench/encryption.sh [SIZE_MB] [RUNS]      defaults: 300 MB, 3 runs (the median is reported)
#
# Generates a SQLite database (text, numbers, blobs) and a key pair (lifeboat key generate), then times,
# alternately in the same run:
#   backup   lifeboat backup  --encrypt-to RECIPIENT     vs  lifeboat backup
#   restore  lifeboat restore --identity KEY (new file)  vs  lifeboat restore (new file)
# and prints the overhead and lifeboat's peak RSS, lifeboat run by ./lifeboat with its default JVM options.
# An encrypted restore first decrypts the whole archive into scratch space (nothing is used before the age stream
# has authenticated), so it writes the archive's size once more than a plain restore.
# Needs: java 17+, sqlite3, GNU time (/usr/bin/time). Scratch space: about 4x SIZE_MB.
set -euo pipefail
size_mb=${1:-300}
runs=${2:-3}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
lifeboat="$root/lifeboat"   # as a user runs it, with the launcher's default JVM options
"$lifeboat" --version >/dev/null   # builds the jar if needed
work="${BENCH_DIR:-$(mktemp -d /var/tmp/lifeboat-bench.XXXXXX)}"
trap 'rm -rf "$work"' EXIT
cd "$work"

echo "== generating a ${size_mb} MB SQLite database in $work"
documents_database src.db "$size_mb"
recipient=$("$lifeboat" key generate -o key.txt)
echo "   recipient: $recipient"


plain_backup=(); enc_backup=(); plain_restore=(); enc_restore=(); plain_rss=(); enc_rss=()
for run in $(seq 1 "$runs"); do
  rm -rf plain encrypted restored-*.db
  plain_backup+=("$(timed rss1 "$lifeboat" backup src.db --repo plain --quiet)")
  enc_backup+=("$(timed rss2 "$lifeboat" backup src.db --repo encrypted --encrypt-to "$recipient" --quiet)")
  plain_restore+=("$(timed rss3 "$lifeboat" restore latest restored-plain.db --repo plain --quiet)")
  enc_restore+=("$(timed rss4 "$lifeboat" restore latest restored-enc.db --repo encrypted --identity key.txt --quiet)")
  plain_rss+=("$(cat rss1)" "$(cat rss3)"); enc_rss+=("$(cat rss2)" "$(cat rss4)")
  cmp -s <(sqlite3 restored-plain.db .sha3sum) <(sqlite3 restored-enc.db .sha3sum) \
    || { echo "the two restores differ" >&2; exit 1; }
  echo "   run $run: backup plain ${plain_backup[-1]} s, encrypted ${enc_backup[-1]} s;" \
       "restore plain ${plain_restore[-1]} s, encrypted ${enc_restore[-1]} s"
done
sizes="archive $(stat -c %s plain/*.lifeboat.tar) bytes, encrypted $(stat -c %s encrypted/*.lifeboat.tar.age) bytes"

pb=$(median "${plain_backup[@]}"); eb=$(median "${enc_backup[@]}")
pr=$(median "${plain_restore[@]}"); er=$(median "${enc_restore[@]}")
overhead() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f%%", (a / b - 1) * 100 }'; }
echo
echo "== results (median of $runs runs, $(nproc) cores; $sizes)"
printf 'backup   encrypted %6.2f s   plain %6.2f s   overhead %s   (aim: under +10%%)\n' "$eb" "$pb" "$(overhead "$eb" "$pb")"
printf 'restore  encrypted %6.2f s   plain %6.2f s   overhead %s\n' "$er" "$pr" "$(overhead "$er" "$pr")"
printf 'peak RSS encrypted %d MiB   plain %d MiB   with the launcher default JVM options\n' \
  "$(( $(printf '%s\n' "${enc_rss[@]}" | sort -n | tail -1) / 1024 ))" \
  "$(( $(printf '%s\n' "${plain_rss[@]}" | sort -n | tail -1) / 1024 ))"
