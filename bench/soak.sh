#!/usr/bin/env bash
# Soak: lifeboat under constant writes for a long time. Not a test and not in CI; run it by hand.
#
#   bench/soak.sh [MINUTES] [INTERVAL_SECONDS]      defaults: 30 minutes, a backup every 5 seconds
#
# A SQLite database in WAL mode with 10,000 accounts is written to for the whole run by a writer that moves money
# between two accounts per transaction (the total never changes). Every INTERVAL seconds lifeboat backs it up with
# --keep-last 10, so prune runs after every backup. At the end every kept archive must pass `verify --deep`, and the
# newest, restored, must hold the constant total and pass SQLite's integrity check. Prints the counts; exits non-zero
# on any failure.
# Needs: java 17+, sqlite3. LIFEBOAT_JAR=path runs another build.
set -euo pipefail
minutes=${1:-30}
interval=${2:-5}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${LIFEBOAT_JAR:-$root/backup-cli/target/lifeboat.jar}"
if [ -z "${LIFEBOAT_JAR:-}" ]; then "$root/lifeboat" --version >/dev/null; fi
lifeboat() { java -XX:+UseSerialGC -Xms16m -Xmx256m -jar "$jar" "$@"; }

work=$(mktemp -d "${BENCH_DIR:-/var/tmp}/lifeboat-soak.XXXXXX")
writer=""
cleanup() { [ -n "$writer" ] && kill "$writer" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$work"

sqlite3 soak.db >/dev/null <<'SQL'
PRAGMA journal_mode = WAL;
CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO account SELECT i, 1000 FROM n;
CREATE TABLE journal (id INTEGER PRIMARY KEY, moved INTEGER, at TEXT);
SQL
total=$(sqlite3 soak.db "SELECT sum(balance) FROM account")

( # the writer: many transfers per sqlite3 process, so it keeps the database busy
  while true; do
    for _ in $(seq 1 200); do
      a=$(( RANDOM % 10000 + 1 )); b=$(( RANDOM % 10000 + 1 )); amount=$(( RANDOM % 50 ))
      echo "BEGIN; UPDATE account SET balance = balance - $amount WHERE id = $a;"
      echo "UPDATE account SET balance = balance + $amount WHERE id = $b;"
      echo "INSERT INTO journal (moved, at) VALUES ($amount, datetime('now')); COMMIT;"
    done | sqlite3 -cmd ".timeout 60000" soak.db >/dev/null
  done
) &
writer=$!

echo "== soaking for $minutes min: a backup every $interval s of a database under constant writes, keeping 10"
deadline=$(( $(date +%s) + minutes * 60 ))
taken=0; failed=0
while [ "$(date +%s)" -lt "$deadline" ]; do
  if lifeboat backup soak.db --repo repo --quiet --keep-last 10 --lock-timeout 1m >/dev/null 2>>errors.log; then
    taken=$(( taken + 1 ))
  else
    failed=$(( failed + 1 ))
  fi
  sleep "$interval"
done
kill "$writer"; wait "$writer" 2>/dev/null || true; writer=""

echo "== verifying every kept archive deeply"
kept=0; verified=0
for archive in repo/*.lifeboat.tar; do
  kept=$(( kept + 1 ))
  if lifeboat verify --deep --quiet --repo repo "$(basename "$archive")" >/dev/null 2>>errors.log; then
    verified=$(( verified + 1 ))
  fi
done
restored_total=none; integrity=none; transfers=0
if lifeboat restore --quiet --repo repo latest:soak restored.db >/dev/null 2>>errors.log; then
  restored_total=$(sqlite3 restored.db "SELECT sum(balance) FROM account")
  integrity=$(sqlite3 restored.db "PRAGMA integrity_check")
  transfers=$(sqlite3 restored.db "SELECT count(*) FROM journal")
fi

echo "backups taken      $taken (failed: $failed)"
echo "archives kept      $kept (verified deeply: $verified)"
echo "newest restored    total $restored_total (constant: $total), integrity $integrity, $transfers transfers in it"
[ -s errors.log ] && { echo "== errors"; cat errors.log; }
expected_kept=$(( taken < 10 ? taken : 10 ))
if [ "$failed" -eq 0 ] && [ "$taken" -gt 0 ] && [ "$kept" -eq "$expected_kept" ] && [ "$verified" -eq "$kept" ] && [ "$restored_total" = "$total" ] \
   && [ "$integrity" = ok ]; then
  echo "SOAK PASSED"
else
  echo "SOAK FAILED"; exit 1
fi
