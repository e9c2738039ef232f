# Shared by the benchmarks: sourced, not run.

# seconds START_NS END_NS: the time between two `date +%s%N`, in seconds
seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", (e - s) / 1e9 }'; }

# median VALUE...: the middle value (the lower middle of an even count)
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# timed RSS_FILE COMMAND...: runs COMMAND after a sync, writes its peak RSS (KiB) to RSS_FILE, prints the wall seconds
timed() {
  local start end
  sync
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$1" "${@:2}" >/dev/null
  end=$(date +%s%N)
  seconds "$start" "$end"
}

# documents_database FILE SIZE_MB: a SQLite database of about SIZE_MB of rows of text, numbers and blobs (half
# random, half zero-filled); prints its size and row count
documents_database() {
  local rows=$(( $2 * 1024 * 1024 / 2200 ))
  sqlite3 "$1" <<SQL
PRAGMA page_size = 4096;
CREATE TABLE doc (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, views INTEGER, attachment BLOB);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
INSERT INTO doc (title, body, views, attachment)
SELECT 'report ' || (i % 5000), printf('%.*c', 600 + i % 400, 'x') || ' ' || lower(hex(randomblob(150))), i * 7 % 100000,
       CASE WHEN i % 2 = 0 THEN randomblob(1400) ELSE zeroblob(200) END
FROM n;
SQL
  echo "   database: $(( $(stat -c %s "$1") / 1024 / 1024 )) MB, $rows rows"
}
