#!/usr/bin/env bash
# The library example, end to end: builds this project on its own against the lifeboat artifacts `./mvnw install`
# put in the local Maven repository (offline: it needs nothing else), then runs both paths of its program and checks
# the outcome with sqlite3, independently of lifeboat:
#   1. a migration that succeeds: the database is at schema version 2, with the new column filled;
#   2. a migration that fails halfway: the database is restored from the backup taken just before, exactly as it
#      was (same .dump, schema version 1), and the half-migrated data is kept as a pre-restore backup.
# Exits non-zero, saying why, when any of that does not hold.
#
# Run from anywhere after `./mvnw -B -q install -DskipTests` at the root. MAVEN_REPO_LOCAL, when set, is the local
# Maven repository to build against.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
fail() { echo "library example: FAILED: $*" >&2; exit 1; }
step() { echo "library example: $*" >&2; }

command -v sqlite3 >/dev/null 2>&1 || fail "sqlite3 is needed to check the outcome independently of lifeboat"
if [ -n "${MAVEN_REPO_LOCAL:-}" ]; then
  export MAVEN_ARGS="${MAVEN_ARGS:-} -Dmaven.repo.local=$MAVEN_REPO_LOCAL"
fi

step "building against the installed lifeboat artifacts (offline)"
"$root/mvnw" -B -q -o -f "$here/pom.xml" package dependency:build-classpath \
  -Dmdep.outputFile="$here/target/classpath.txt" \
  || fail "the example did not build: run ./mvnw -B -q install -DskipTests at the root first"
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
migrate() {   # DATABASE MIGRATION: runs the program, prints its exit status
  local status=0
  java -cp "$classpath" org.example.library.SafeMigration "$1" "$work/backups" "$2" >&2 || status=$?
  echo "$status"
}
archives() { find "$work/backups" -maxdepth 1 -name "$1" | wc -l; }

step "path 1: a migration that succeeds"
status="$(migrate "$work/good.db" add-email)"
[ "$status" = 0 ] || fail "the migration that succeeds exited with $status, not 0"
[ "$(sqlite3 "$work/good.db" 'PRAGMA user_version')" = 2 ] || fail "good.db is not at schema version 2"
[ "$(sqlite3 "$work/good.db" "SELECT group_concat(email, ' ') FROM (SELECT email FROM customer ORDER BY id)")" \
  = "ada@example.org grace@example.org edsger@example.org" ] || fail "good.db's e-mail addresses are not filled in"
[ "$(archives 'good_pre-migration_*.lifeboat.tar')" = 1 ] || fail "no backup of good.db before its migration"

step "path 2: a migration that fails halfway"
sqlite3 "$work/app.db" "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
  INSERT INTO customer (id, name) VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger');
  PRAGMA user_version = 1;"
sqlite3 "$work/app.db" .dump >"$work/before.sql"
status="$(migrate "$work/app.db" broken)"
[ "$status" = 1 ] || fail "the failed migration exited with $status, not 1 (failed and restored)"
sqlite3 "$work/app.db" .dump >"$work/after.sql"
diff -u "$work/before.sql" "$work/after.sql" >&2 || fail "the restore did not bring app.db back as it was"
[ "$(sqlite3 "$work/app.db" 'PRAGMA user_version')" = 1 ] || fail "app.db is not back at schema version 1"
[ "$(archives 'app_pre-migration_*.lifeboat.tar')" = 1 ] || fail "no backup of app.db before its migration"
[ "$(archives 'app_pre-restore_*.lifeboat.tar')" = 1 ] || fail "the half-migrated app.db was not kept before the restore"

step "OK: the migration that succeeded kept its changes; the one that failed was undone from its backup"
