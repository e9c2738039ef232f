#!/usr/bin/env bash
# Benchmark: the cost of object storage. Not a test; prints figures.
#
#   bench/s3.sh [SIZE_MB] [RUNS] [ARCHIVES]    defaults: 300 MB, 3 runs (the median is reported), 1,000 archives
#
# Generates a SQLite database (text, numbers, blobs), starts the S3 server the tests use (s3proxy, in memory, on
# 127.0.0.1, in a JVM of its own) and times, alternately in the same run:
#   backup   lifeboat backup  --repo s3://bench/run   vs  lifeboat backup  --repo DIR
#   restore  lifeboat restore --repo s3://bench/run   vs  lifeboat restore --repo DIR
#   list     lifeboat list --json of ARCHIVES archives in a bucket  vs  the same archives in a directory
# and prints the ratios and lifeboat's peak RSS, lifeboat run by ./lifeboat with its default JVM options. The local
# server has no network latency and keeps objects in memory, so this measures lifeboat's own overhead for object
# storage (multipart upload, ranged reads, the manifest copies and listing index), not a real provider's bandwidth.
# The archives to list are one small backup under ARCHIVES names, put into the bucket by the AWS CLI with their
# manifest copies; a last lifeboat backup into each repository writes the bucket's listing index.
# Needs: java 17+, sqlite3, GNU time (/usr/bin/time), the AWS CLI (aws). Scratch space: about 3x SIZE_MB; the
# server holds the archives in its heap (-Xmx4g).
set -euo pipefail
size_mb=${1:-300}
runs=${2:-3}
archives=${3:-1000}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
lifeboat="$root/lifeboat"   # as a user runs it, with the launcher's default JVM options
"$lifeboat" --version >/dev/null   # builds the jar if needed
work="${BENCH_DIR:-$(mktemp -d /var/tmp/lifeboat-bench.XXXXXX)}"
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"

echo "== starting the S3 test server"
(cd "$root" && ./mvnw -B -q install -DskipTests -pl backup-adapters-s3 -am >/dev/null)
(cd "$root" && ./mvnw -B -q dependency:build-classpath -pl backup-adapters-s3 -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/classpath.txt" >/dev/null)
classpath="$root/backup-adapters-s3/target/test-classes:$root/backup-adapters-s3/target/classes:$(cat classpath.txt)"
java -Xmx4g -cp "$classpath" dev.lifeboat.adapter.s3.S3TestServerMain bench endpoint.txt >server.log 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do [ -s endpoint.txt ] && break; sleep 0.2; done
[ -s endpoint.txt ] || { cat server.log; echo "the S3 test server did not start" >&2; exit 1; }
export LIFEBOAT_S3_ENDPOINT="$(cat endpoint.txt)" LIFEBOAT_S3_PROVIDER=other LIFEBOAT_S3_REGION=us-east-1
export AWS_ACCESS_KEY_ID=lifeboat-test-key AWS_SECRET_ACCESS_KEY=lifeboat-test-secret-0123456789
echo "   $LIFEBOAT_S3_ENDPOINT"

echo "== generating a ${size_mb} MB SQLite database in $work"
documents_database src.db "$size_mb"


s3_backup=(); dir_backup=(); s3_restore=(); dir_restore=(); rss=(); dir_rss=()
for run in $(seq 1 "$runs"); do
  rm -rf repo restored-*.db
  dir_backup+=("$(timed rss1 "$lifeboat" backup src.db --repo repo --quiet)")
  s3_backup+=("$(timed rss2 "$lifeboat" backup src.db --repo "s3://bench/run$run" --quiet)")
  dir_restore+=("$(timed rss3 "$lifeboat" restore latest restored-dir.db --repo repo --quiet)")
  s3_restore+=("$(timed rss4 "$lifeboat" restore latest restored-s3.db --repo "s3://bench/run$run" --quiet)")
  rss+=("$(cat rss2)" "$(cat rss4)"); dir_rss+=("$(cat rss1)" "$(cat rss3)")
  echo "   run $run: backup directory ${dir_backup[-1]} s, S3 ${s3_backup[-1]} s;" \
       "restore directory ${dir_restore[-1]} s, S3 ${s3_restore[-1]} s"
done

db=$(median "${dir_backup[@]}"); sb=$(median "${s3_backup[@]}")
dr=$(median "${dir_restore[@]}"); sr=$(median "${s3_restore[@]}")
peak_kb=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
dir_peak_kb=$(printf '%s\n' "${dir_rss[@]}" | sort -n | tail -1)
echo
echo "== results (median of $runs runs, $(nproc) cores)"
printf 'backup   S3 %6.2f s   directory %6.2f s   ratio %.2fx\n' "$sb" "$db" "$(awk -v a="$sb" -v b="$db" 'BEGIN{print a/b}')"
printf 'restore  S3 %6.2f s   directory %6.2f s   ratio %.2fx\n' "$sr" "$dr" "$(awk -v a="$sr" -v b="$dr" 'BEGIN{print a/b}')"
printf 'peak RSS S3 %d MiB   directory %d MiB   with %s   (target < 256 MiB)\n' "$(( peak_kb / 1024 ))" \
  "$(( dir_peak_kb / 1024 ))" "the launcher's default JVM options"

echo
echo "== listing $archives archives"
sqlite3 small.db "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO note (body) VALUES ('one'), ('two');"
rm -rf many upload && mkdir upload
"$lifeboat" backup small.db --repo many --quiet >/dev/null
one=$(cd many && ls ./*.lifeboat.tar | head -1) && one=${one#./}
for i in $(seq 1 "$archives"); do
  name="small_$(date -u -d "2020-01-01 +$i hours" +%Y-%m-%dT%H-%M-%SZ).lifeboat.tar"
  cp "many/$one" "upload/$name"
  (cd upload && sha256sum "$name" > "$name.sha256" && tar -xOf "$name" manifest.json > "$name.manifest.json")
done
aws --endpoint-url "$LIFEBOAT_S3_ENDPOINT" s3 cp --recursive --quiet upload s3://bench/list/
rm "many/$one" "many/$one.sha256"
cp upload/*.lifeboat.tar upload/*.lifeboat.tar.sha256 many/
"$lifeboat" backup small.db --repo many --quiet >/dev/null
"$lifeboat" backup small.db --repo s3://bench/list --quiet >/dev/null   # this run writes the listing index
s3_list=(); dir_list=()
for run in $(seq 1 "$runs"); do
  dir_list+=("$(timed rss5 "$lifeboat" list --json --repo many)")
  s3_list+=("$(timed rss6 "$lifeboat" list --json --repo s3://bench/list)")
  echo "   run $run: list directory ${dir_list[-1]} s, S3 ${s3_list[-1]} s"
done
dl=$(median "${dir_list[@]}"); sl=$(median "${s3_list[@]}")
printf 'list of %d archives  S3 %6.2f s   directory %6.2f s   ratio %.2fx   (target: S3 under 3 s)\n' \
  "$(( archives + 1 ))" "$sl" "$dl" "$(awk -v a="$sl" -v b="$dl" 'BEGIN{print a/b}')"
