#!/usr/bin/env bash
# Benchmark: lifeboat against pg_dump and pg_restore on a generated PostgreSQL database. Not a test; prints figures.
#
#   bench/postgres.sh [SIZE_MB] [RUNS]      defaults: 600 MB, 3 runs (the median is reported)
#
# Starts a throwaway PostgreSQL server on 127.0.0.1 (binaries from PG_BIN, default the newest
# /usr/lib/postgresql/*/bin; port PGPORT, default the first free one from 54329), generates a database of at least
# SIZE_MB of one of two profiles (BENCH_PROFILE): `documents` (the default: orders with numeric and timestamptz,
# events with jsonb, blobs with bytea, indexes on each) or `rows` (400,000 customers and 1,600,000 small orders per
# 600 MB, with a foreign key and an index on it), then in the same run times:
#   backup   lifeboat backup --jobs 2    vs  pg_dump -Fc                       (target <= 0.5x)
#                                        vs  pg_dump -Fc -Z0 | zstd -3 -T2      (target <= 1.2x)
#   restore  lifeboat restore --jobs 2   vs  pg_restore -j 2 into an empty database (target <= 1.0x)
# and prints the wall-time ratios, archive sizes and lifeboat's peak RSS (target < 256 MiB), running lifeboat through
# the ./lifeboat launcher, as a user does (its default JVM options, its class-data sharing archive and native libraries
# prepared once per jar before anything is timed). A missed target still exits 0; a failing
# command exits non-zero. BENCH_ANCHORS_ONLY=1 times only pg_dump and pg_restore; LIFEBOAT_JAR=path times that jar,
# LIFEBOAT_JAR=before.jar:after.jar each of them, alternately in every run (results per jar). BENCH_DIR: where the
# scratch directory goes (default /var/tmp).
# Needs: java 17+, PostgreSQL server binaries, zstd, GNU time (/usr/bin/time). Run as root, the server runs as the
# postgres OS user. Scratch space: about 4x SIZE_MB.
set -euo pipefail
size_mb=${1:-600}
runs=${2:-3}
profile=${BENCH_PROFILE:-documents}
case "$profile" in documents|rows) ;; *) echo "BENCH_PROFILE is documents or rows" >&2; exit 2 ;; esac
anchors_only=${BENCH_ANCHORS_ONLY:-0}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
IFS=: read -r -a jars <<< "${LIFEBOAT_JAR:-$root/backup-cli/target/lifeboat.jar}"   # LIFEBOAT_JAR: other builds
java_opts="-XX:+UseSerialGC -Xms16m"   # the launcher's default options, for the report

pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$pg_bin/initdb" ] || { echo "bench: no PostgreSQL server binaries (set PG_BIN)" >&2; exit 1; }
for tool in zstd:zstd /usr/bin/time:time; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    echo "== installing ${tool#*:}"
    apt-get install -y -q "${tool#*:}" >/dev/null
  fi
done
if [ "$anchors_only" != 1 ]; then
  if [ -z "${LIFEBOAT_JAR:-}" ]; then
    "$root/lifeboat" --version >/dev/null   # builds the jar if needed
  fi
  for jar in "${jars[@]}"; do   # the launcher prepares each jar's class-data sharing archive on its first run
    LIFEBOAT_JAR=$jar "$root/lifeboat" --version >/dev/null
  done
fi
unset LIFEBOAT_JAR   # run_lifeboat hands each jar to the launcher

work=$(mktemp -d "${BENCH_DIR:-/var/tmp}/lifeboat-pg-bench.XXXXXX")
chmod 755 "$work"
pgdata="$work/server/data"
as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(runuser -u postgres --); fi
server_started=0
cleanup() {
  if [ "$server_started" = 1 ]; then
    "${as_postgres[@]}" "$pg_bin/pg_ctl" stop -D "$pgdata" -m fast -w >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$work"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -n "${PGPORT:-}" ]; then
  port=$PGPORT
  if port_in_use "$port"; then echo "bench: port $port (PGPORT) is in use" >&2; exit 1; fi
else
  port=54329
  while port_in_use "$port"; do port=$(( port + 1 )); done
fi

user=bench
db=benchdb
PGPASSWORD=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
export PGPASSWORD PGHOST=127.0.0.1 PGPORT=$port PGUSER=$user PGDATABASE=postgres
url() { echo "postgresql://$user@127.0.0.1:$port/$1"; }

echo "== starting PostgreSQL $("$pg_bin/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$port in $work"
mkdir -p "$work/server"
if [ "$(id -u)" = 0 ]; then chown postgres: "$work/server"; fi
chmod 700 "$work/server"
(umask 077; printf '%s\n' "$PGPASSWORD" > "$work/server/pwfile")
if [ "$(id -u)" = 0 ]; then chown postgres: "$work/server/pwfile"; fi
"${as_postgres[@]}" "$pg_bin/initdb" -D "$pgdata" -U "$user" --pwfile="$work/server/pwfile" \
  --auth-host=scram-sha-256 --auth-local=scram-sha-256 -E UTF8 --locale=C >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }
rm -f "$work/server/pwfile"
cat >>"$pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_wal_size = '2GB'
CONF
server_started=1
"${as_postgres[@]}" "$pg_bin/pg_ctl" start -D "$pgdata" -l "$work/server/server.log" -w -t 60 >/dev/null \
  || { cat "$work/server/server.log" >&2; exit 1; }

psql() { PGOPTIONS='-c client_min_messages=warning' "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -c "CREATE DATABASE $db"

echo "== generating a ${size_mb} MB database ($profile profile)"
# Rows per table from measured bytes per row (heap, TOAST and indexes): orders 30%, events 40%, blobs 30%.
bytes=$(( size_mb * 1024 * 1024 ))
generate() {   # $1: scale, 1000 = the rows for the whole SIZE_MB
  local orders=$(( bytes * 3 / 10 / 180 * $1 / 1000 )) events=$(( bytes * 4 / 10 / 610 * $1 / 1000 ))
  local blobs=$(( bytes * 3 / 10 / 1750 * $1 / 1000 ))
  psql -d "$db" <<SQL
INSERT INTO orders (customer_id, amount, placed_at, status, note)
SELECT i % 50000, round((i % 100000) * 1.37 / 7, 2), timestamptz '2024-01-01' + i * interval '17 seconds',
       (array['pending', 'paid', 'shipped', 'delivered', 'returned'])[1 + i % 5],
       'order ' || i || ' for customer ' || (i % 50000) || ': ' || substr(md5(i::text), 1, 8 + i % 24)
FROM generate_series(1, $orders) i;

INSERT INTO events (order_id, kind, created_at, payload)
SELECT i % $orders + 1, (array['view', 'cart', 'checkout', 'refund'])[1 + i % 4],
       timestamptz '2024-01-01' + i * interval '7 seconds',
       jsonb_build_object(
         'user', jsonb_build_object('id', i % 100000, 'name', 'user ' || (i % 100000),
                                    'email', 'user' || (i % 100000) || '@example.com'),
         'session', md5(i::text),
         'items', jsonb_build_array(
           jsonb_build_object('sku', 'SKU-' || (i % 9973), 'qty', 1 + i % 7, 'price', (i % 10000) / 100.0),
           jsonb_build_object('sku', 'SKU-' || (i % 7919), 'qty', 1 + i % 3, 'price', (i % 5000) / 100.0)),
         'tags', jsonb_build_array('campaign-' || (i % 40), CASE WHEN i % 3 = 0 THEN 'mobile' ELSE 'desktop' END),
         'agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/' || (100 + i % 30),
         'consent', i % 2 = 0)
FROM generate_series(1, $events) i;

INSERT INTO blobs (name, mime, data)
SELECT 'file-' || (named.before + i) || '.bin',   -- a top-up's names follow those already there (a unique index)
       (array['image/png', 'application/pdf', 'application/octet-stream'])[1 + i % 3],
       decode(repeat(md5(i::text), 40)
              || (SELECT string_agg(md5(i::text || '/' || j), '')
                  FROM generate_series(1, CASE WHEN i % 250 = 0 THEN 1000 ELSE 20 + i % 60 END) j), 'hex')
FROM generate_series(1, $blobs) i, (SELECT count(*) AS before FROM blobs) named;
SQL
}
db_size() { psql -d "$db" -At -c "SELECT pg_database_size(current_database())"; }
documents_profile() {
psql -d "$db" <<SQL
CREATE TABLE orders (id bigserial, customer_id bigint NOT NULL, amount numeric(12, 2) NOT NULL,
                     placed_at timestamptz NOT NULL, status text NOT NULL, note text);
CREATE TABLE events (id bigserial, order_id bigint NOT NULL, kind text NOT NULL, created_at timestamptz NOT NULL,
                     payload jsonb NOT NULL);
CREATE TABLE blobs (id bigserial, name text NOT NULL, mime text NOT NULL, data bytea NOT NULL);
SQL
generate 1000
psql -d "$db" <<SQL
ALTER TABLE orders ADD PRIMARY KEY (id);
CREATE INDEX orders_customer ON orders (customer_id, placed_at);
ALTER TABLE events ADD PRIMARY KEY (id);
ALTER TABLE events ADD FOREIGN KEY (order_id) REFERENCES orders (id);
CREATE INDEX events_order ON events (order_id);
CREATE INDEX events_user ON events (((payload -> 'user' ->> 'id')::bigint));
ALTER TABLE blobs ADD PRIMARY KEY (id);
CREATE UNIQUE INDEX blobs_name ON blobs (name);
SQL
while [ "$(db_size)" -lt "$bytes" ]; do   # top up what the estimate missed, 5% at a time
  generate 50
done
}
rows_profile() {   # issue 13's row-heavy profile: about 600 MB at scale 1
  local customers=$(( 400000 * size_mb / 600 )) orders=$(( 1600000 * size_mb / 600 ))
  psql -d "$db" <<SQL
CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE,
                        created_at timestamptz NOT NULL, balance numeric(12, 2) NOT NULL, tags text[], profile jsonb);
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                     customer_id bigint NOT NULL REFERENCES customers, total numeric(10, 2) NOT NULL,
                     placed_at timestamptz NOT NULL, note text, payload bytea);
INSERT INTO customers
SELECT i, 'customer ' || substr(md5(i::text), 1, 12), 'c' || i || '@example.' || substr(md5((-i)::text), 1, 6),
       timestamptz '2020-01-01' + i * interval '37 seconds', round((random() * 100000)::numeric, 2),
       array['tag' || (i % 17), 'tag' || (i % 101)],
       jsonb_build_object('plan', (array['free', 'team', 'business'])[1 + i % 3], 'seats', 1 + i % 40,
                          'newsletter', i % 2 = 0)
FROM generate_series(1, $customers) i;
INSERT INTO orders (customer_id, total, placed_at, note, payload)
SELECT 1 + (random() * ($customers - 1))::bigint, round((random() * 1000)::numeric, 2),
       timestamptz '2024-01-01' + i * interval '11 seconds',
       substr(repeat(md5(random()::text) || ' ', 4), 1, 90 + (i % 40)), decode(md5(random()::text), 'hex')
FROM generate_series(1, $orders) i;
CREATE INDEX orders_customer ON orders (customer_id);
SQL
}
start=$(date +%s%N)
"${profile}_profile"
psql -d "$db" -c "VACUUM (FREEZE, ANALYZE)" -c "CHECKPOINT"
end=$(date +%s%N)
src_bytes=$(db_size)
echo "   database: $(( src_bytes / 1024 / 1024 )) MB (pg_database_size), generated in" \
     "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", (e - s) / 1e9 }') s"
psql -d "$db" -At -F ' ' -c "SELECT '   ' || relname, n_live_tup || ' rows', pg_size_pretty(pg_total_relation_size(relid))
                               FROM pg_stat_user_tables ORDER BY relname"

run_lifeboat() {   # $1: the jar; $2: file for the peak RSS; then lifeboat's arguments
  local jar=$1 rss_file=$2 status=0
  shift 2
  LIFEBOAT_JAR=$jar /usr/bin/time -f "%M" -o "$rss_file" "$root/lifeboat" "$@" >/dev/null || status=$?
  if [ "$status" != 0 ]; then
    echo "bench: FAILED: lifeboat $1 exited with $status: LIFEBOAT_JAR=$jar lifeboat $*" >&2
    exit "$status"
  fi
}

dump_backup=(); zstd_backup=(); dump_restore=()
declare -A lifeboat_backup lifeboat_restore rss lifeboat_archive   # per jar: space-separated figures of each run
for run in $(seq 1 "$runs"); do
  rm -rf repo out.dump out.zst
  psql -c "DROP DATABASE IF EXISTS restored_anchor" -c "DROP DATABASE IF EXISTS restored_lifeboat"
  sync   # each timed step starts with no write-back of the previous one pending
  start=$(date +%s%N); "$pg_bin/pg_dump" -Fc -d "$db" -f out.dump; end=$(date +%s%N)
  dump_backup+=("$(seconds "$start" "$end")")
  dump_archive=$(stat -c %s out.dump)

  sync
  start=$(date +%s%N); "$pg_bin/pg_dump" -Fc -Z0 -d "$db" | zstd -q -3 -T2 -c >out.zst; end=$(date +%s%N)
  zstd_backup+=("$(seconds "$start" "$end")")
  zstd_archive=$(stat -c %s out.zst)

  psql -c "CREATE DATABASE restored_anchor"
  sync
  start=$(date +%s%N); "$pg_bin/pg_restore" -j 2 -d restored_anchor out.dump; end=$(date +%s%N)
  dump_restore+=("$(seconds "$start" "$end")")
  echo "   run $run: backup pg_dump -Fc ${dump_backup[-1]} s, pg_dump -Z0 | zstd ${zstd_backup[-1]} s;" \
       "restore pg_restore -j 2 ${dump_restore[-1]} s"

  if [ "$anchors_only" != 1 ]; then
    for i in "${!jars[@]}"; do
      rm -rf repo
      psql -c "DROP DATABASE IF EXISTS restored_lifeboat"
      sync
      start=$(date +%s%N)
      run_lifeboat "${jars[$i]}" rss.txt backup --jobs 2 --repo repo --quiet "$(url "$db")"
      end=$(date +%s%N)
      lifeboat_backup[$i]+="$(seconds "$start" "$end") "
      rss[$i]+="$(cat rss.txt) "
      archive=$(find repo -name '*.lifeboat.tar' | head -1)
      [ -n "$archive" ] || { echo "bench: FAILED: lifeboat backup wrote no archive in repo/" >&2; exit 1; }
      lifeboat_archive[$i]=$(stat -c %s "$archive")

      sync
      start=$(date +%s%N)
      run_lifeboat "${jars[$i]}" rss-restore.txt restore --jobs 2 --repo repo --quiet "$archive" \
        "$(url restored_lifeboat)"
      end=$(date +%s%N)
      lifeboat_restore[$i]+="$(seconds "$start" "$end") "
      rss[$i]+="$(cat rss-restore.txt) "
      backups=(${lifeboat_backup[$i]}); restores=(${lifeboat_restore[$i]})
      echo "   run $run: backup lifeboat ${backups[-1]} s; restore lifeboat ${restores[-1]} s" \
           "$([ ${#jars[@]} -gt 1 ] && echo "(jar $(( i + 1 )))")"
    done
  fi
done

dump_s=$(median "${dump_backup[@]}"); zstd_s=$(median "${zstd_backup[@]}"); restore_s=$(median "${dump_restore[@]}")
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "PASS" : "MISS") }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
echo
echo "== results (median of $runs runs, $(nproc) cores, database $(mb "$src_bytes"))"
printf 'anchor   pg_dump -Fc                      %7.2f s   archive %s\n' "$dump_s" "$(mb "$dump_archive")"
printf 'anchor   pg_dump -Fc -Z0 | zstd -3 -T2    %7.2f s   archive %s\n' "$zstd_s" "$(mb "$zstd_archive")"
printf 'anchor   pg_restore -j 2                  %7.2f s\n' "$restore_s"
if [ "$anchors_only" = 1 ]; then
  echo "lifeboat not run (BENCH_ANCHORS_ONLY=1)"
  exit 0
fi
for i in "${!jars[@]}"; do
  # shellcheck disable=SC2086
  lb=$(median ${lifeboat_backup[$i]}); lr=$(median ${lifeboat_restore[$i]})
  peak_kb=$(printf '%s\n' ${rss[$i]} | sort -n | tail -1)
  archive_bytes=${lifeboat_archive[$i]}
  if [ ${#jars[@]} -gt 1 ]; then echo; echo "-- jar $(( i + 1 )): ${jars[$i]}"; fi
  printf 'lifeboat backup --jobs 2                  %7.2f s   archive %s\n' "$lb" "$(mb "$archive_bytes")"
  printf 'lifeboat restore --jobs 2                 %7.2f s\n' "$lr"
  echo
  r=$(ratio "$lb" "$dump_s"); printf 'backup  / pg_dump -Fc        %5.2fx   (target <= 0.5x)  %s\n' "$r" "$(verdict "$r" 0.5)"
  r=$(ratio "$lb" "$zstd_s");  printf 'backup  / pg_dump -Z0 | zstd %5.2fx   (target <= 1.2x)  %s\n' "$r" "$(verdict "$r" 1.2)"
  r=$(ratio "$lr" "$restore_s");  printf 'restore / pg_restore -j 2    %5.2fx   (target <= 1.0x)  %s\n' "$r" "$(verdict "$r" 1.0)"
  printf 'archive / pg_dump -Fc        %5.2f    archive / zstd pipeline %.2f\n' \
    "$(ratio "$archive_bytes" "$dump_archive")" "$(ratio "$archive_bytes" "$zstd_archive")"
  printf 'peak RSS lifeboat %d MiB with %s   (target < 256 MiB)  %s\n' "$(( peak_kb / 1024 ))" "$java_opts" \
    "$(verdict "$peak_kb" $(( 256 * 1024 - 1 )))"
done
