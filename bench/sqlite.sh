#!/usr/bin/env bash
# Benchmark: lifeboat against the anchor on a generated SQLite database. Not a test; prints figures.
#
#   bench/sqlite.sh [SIZE_MB] [RUNS]      defaults: 600 MB, 3 runs (the median is reported)
#
# Generates a WAL-mode database in a scratch directory, of one of two profiles (BENCH_PROFILE): `documents` (the
# default: few, large rows of text, numbers and blobs, with an FTS5 index over their titles) or `rows` (many small
# rows: customers, orders with an index, and an FTS5 table, as bench/common.sh's rows_database describes), then in
# the same run times, alternately:
#   backup   lifeboat backup        vs  sqlite3 SRC ".backup TMP" && zstd -3 -T2 TMP
#   restore  lifeboat restore       vs  zstd -d + sqlite3 "PRAGMA integrity_check"
# and prints the wall-time ratios, archive sizes and lifeboat's peak RSS, running lifeboat through the ./lifeboat
# launcher as a user does (its default JVM options, class-data sharing archive and native libraries), and the cost
# per GB of the database. LIFEBOAT_JAR=path times another build (the launcher runs it without building).
# Needs: java 17+, sqlite3, zstd, GNU time (/usr/bin/time). Scratch space: about 4x SIZE_MB.
set -euo pipefail
size_mb=${1:-600}
runs=${2:-3}
profile=${BENCH_PROFILE:-documents}
case "$profile" in documents|rows) ;; *) echo "BENCH_PROFILE is documents or rows" >&2; exit 2 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
java_opts="-XX:+UseSerialGC -Xms16m"   # the launcher's default options, for the report
lifeboat="$root/lifeboat"   # as a user runs it; the first run after a build prepares its class-data sharing archive
"$lifeboat" --version >/dev/null   # builds the jar if needed
work="${BENCH_DIR:-$(mktemp -d /var/tmp/lifeboat-bench.XXXXXX)}"
trap 'rm -rf "$work"' EXIT
cd "$work"

echo "== generating a ${size_mb} MB SQLite database ($profile profile) in $work"
case "$profile" in
documents)
rows=$(( size_mb * 1024 * 1024 / 2200 ))
sqlite3 src.db <<SQL
PRAGMA journal_mode = WAL;
PRAGMA page_size = 4096;
CREATE TABLE doc (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, views INTEGER, score REAL,
                  attachment BLOB);
CREATE VIRTUAL TABLE doc_search USING fts5(title, content='doc', content_rowid='id');
CREATE TRIGGER doc_indexed AFTER INSERT ON doc BEGIN
  INSERT INTO doc_search(rowid, title) VALUES (new.id, new.title);
END;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
INSERT INTO doc (title, body, views, score, attachment)
SELECT 'report ' || (i % 5000) || ' on ' || substr('harbour lighthouse river mountain valley forest', 1 + (i % 6) * 7, 7),
       printf('%.*c', 600 + i % 400, 'x') || ' section ' || i || ' ' || lower(hex(randomblob(150))),
       i * 7 % 100000, (i % 1000) / 7.0,
       CASE WHEN i % 2 = 0 THEN randomblob(1400) ELSE zeroblob(200) END
FROM n;
SQL
  echo "   $rows rows in doc"
  ;;
rows) rows_database src.db "$size_mb" ;;
esac
src_bytes=$(( $(stat -c %s src.db) + $(stat -c %s src.db-wal 2>/dev/null || echo 0) ))
echo "   database: $(( src_bytes / 1024 / 1024 )) MB (file + WAL)"


lifeboat_backup=(); anchor_backup=(); lifeboat_restore=(); anchor_restore=(); rss=()
for run in $(seq 1 "$runs"); do
  rm -rf repo tmp.db tmp.db.zst restored.db anchor-restored.db
  sync
  start=$(date +%s%N); sqlite3 src.db ".backup tmp.db"; zstd -q -3 -T2 tmp.db -o tmp.db.zst; end=$(date +%s%N)
  anchor_backup+=("$(seconds "$start" "$end")")
  anchor_archive=$(stat -c %s tmp.db.zst)

  sync   # each timed step starts with no write-back of the previous one pending
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o rss.txt "$lifeboat" backup src.db --repo repo --quiet >/dev/null
  end=$(date +%s%N)
  lifeboat_backup+=("$(seconds "$start" "$end")")
  rss+=("$(cat rss.txt)")
  archive=$(ls repo/*.lifeboat.tar)
  lifeboat_archive=$(stat -c %s "$archive")

  sync
  start=$(date +%s%N); zstd -q -d tmp.db.zst -o anchor-restored.db; sqlite3 anchor-restored.db "PRAGMA integrity_check" >/dev/null
  end=$(date +%s%N)
  anchor_restore+=("$(seconds "$start" "$end")")

  sync
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o rss-restore.txt "$lifeboat" restore "$archive" restored.db --quiet >/dev/null
  end=$(date +%s%N)
  lifeboat_restore+=("$(seconds "$start" "$end")")
  rss+=("$(cat rss-restore.txt)")
  echo "   run $run: backup lifeboat ${lifeboat_backup[-1]} s, anchor ${anchor_backup[-1]} s;" \
       "restore lifeboat ${lifeboat_restore[-1]} s, anchor ${anchor_restore[-1]} s"
done

lb=$(median "${lifeboat_backup[@]}"); ab=$(median "${anchor_backup[@]}")
lr=$(median "${lifeboat_restore[@]}"); ar=$(median "${anchor_restore[@]}")
peak_kb=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
echo
echo "== results (median of $runs runs, $(nproc) cores)"
printf 'backup   lifeboat %6.2f s   anchor %6.2f s   ratio %.2fx   (target <= 1.2x)\n' "$lb" "$ab" "$(awk -v a="$lb" -v b="$ab" 'BEGIN{print a/b}')"
printf 'restore  lifeboat %6.2f s   anchor %6.2f s   ratio %.2fx   (target <= 1.5x)\n' "$lr" "$ar" "$(awk -v a="$lr" -v b="$ar" 'BEGIN{print a/b}')"
printf 'archive  lifeboat %d bytes   anchor %d bytes   ratio %.3f   (target <= 1.0)\n' "$lifeboat_archive" "$anchor_archive" \
  "$(awk -v a="$lifeboat_archive" -v b="$anchor_archive" 'BEGIN{print a/b}')"
printf 'per GB   backup %.2f s, restore %.2f s   (flat from 600 MB to 5 GB is the target)\n' \
  "$(awk -v t="$lb" -v b="$src_bytes" 'BEGIN{print t * 1073741824 / b}')" \
  "$(awk -v t="$lr" -v b="$src_bytes" 'BEGIN{print t * 1073741824 / b}')"
printf 'peak RSS lifeboat %d MiB with %s   (target < 256 MiB)\n' "$(( peak_kb / 1024 ))" "$java_opts"
