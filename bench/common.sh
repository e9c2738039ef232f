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

# rows_database FILE SIZE_MB: issue 13's row-heavy SQLite profile, scaled to about SIZE_MB (650 MB: 400,000 customers,
# 1,600,000 orders of 12 random words and 200 random bytes with an index on customer_id, an FTS5 table over 200,000
# documents of 30 random words), in WAL mode and checkpointed; prints its size and row count
rows_database() {
  local customers=$(( 400000 * $2 / 650 )) orders=$(( 1600000 * $2 / 650 )) documents=$(( 200000 * $2 / 650 ))
  sqlite3 "$1" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
PRAGMA page_size = 4096;
CREATE TEMP TABLE word (id INTEGER PRIMARY KEY, w TEXT NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 255)
INSERT INTO word SELECT i, lower(hex(randomblob(2 + i % 5))) FROM n;
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, email TEXT UNIQUE, created_at TEXT, balance REAL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers, total REAL, note TEXT,
                     payload BLOB);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE VIRTUAL TABLE documents USING fts5(body);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $customers)
INSERT INTO customers SELECT i, 'customer ' || lower(hex(randomblob(6))), 'c' || i || '@example.' || lower(hex(randomblob(3))),
  strftime('%Y-%m-%dT%H:%M:%fZ', 1600000000 + i * 37, 'unixepoch'), round((abs(random()) % 10000000) / 100.0, 2) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $orders)
INSERT INTO orders (customer_id, total, note, payload)
SELECT 1 + abs(random()) % $customers, round((abs(random()) % 100000) / 100.0, 2),
  (SELECT group_concat(w, ' ') FROM (SELECT (SELECT w FROM word WHERE id = abs(random()) % 256 + 0 * n.i + 0 * k.j) AS w
     FROM (WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 12) SELECT j FROM k) k)),
  randomblob(200) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $documents)
INSERT INTO documents (body)
SELECT (SELECT group_concat(w, ' ') FROM (SELECT (SELECT w FROM word WHERE id = abs(random()) % 256 + 0 * n.i + 0 * k.j) AS w
     FROM (WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 30) SELECT j FROM k) k)) FROM n;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  echo "   database: $(( $(stat -c %s "$1") / 1024 / 1024 )) MB, $(( customers + orders + documents )) rows" \
       "($customers customers, $orders orders, $documents documents)"
}
