#!/usr/bin/env bash
# The engine plug-in example, end to end, as another team would use it: builds this project on its own (a copy
# outside the repository, against the lifeboat artifacts `./mvnw install` put in the local Maven repository), drops
# its jar into a plug-in directory, and through the real ./lifeboat launcher lists the engines, backs up a directory
# of CSV files, verifies the backup deeply and restores it, comparing the restored directory with the original
# (diff -r). It also checks the count of docs/adding-an-engine.md: adding this engine needs no file outside
# examples/engine-plugin, and no change to the lifeboat jar.
#
# Run from anywhere after `./mvnw -B -q install -DskipTests` at the root. MAVEN_REPO_LOCAL, when set, is the local
# Maven repository to build against (and the one the launcher uses should it rebuild lifeboat).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
fail() { echo "engine-plugin example: FAILED: $*" >&2; exit 1; }
step() { echo "engine-plugin example: $*" >&2; }

if [ -n "${MAVEN_REPO_LOCAL:-}" ]; then
  export MAVEN_ARGS="${MAVEN_ARGS:-} -Dmaven.repo.local=$MAVEN_REPO_LOCAL"
fi
jar="$root/backup-cli/target/lifeboat.jar"
[ -f "$jar" ] || fail "no $jar: run ./mvnw -B -q install -DskipTests at the root first"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"

# 1. The count: the example builds from a copy outside the repository, so it can need nothing else in it (no
#    parent pom, no reactor module), and nothing in lifeboat's build names it.
step "building the plug-in outside the repository, against the installed artifacts only"
mkdir "$work/src"
(cd "$here" && tar --exclude=./target -cf - .) | (cd "$work/src" && tar -xf -)
grep -q '^[[:space:]]*<parent>' "$work/src/pom.xml" && fail "the example's pom has a parent; it must build on its own"
"$root/mvnw" -B -q -f "$work/src/pom.xml" package || fail "the plug-in did not build (or its contract test failed)"
plugin_jar="$work/src/target/lifeboat-engine-csv.jar"
[ -f "$plugin_jar" ] || fail "the build made no $plugin_jar"
build_files="$(git -C "$root" ls-files -- '*pom.xml' '*/src/*' '.ci/*' 'lifeboat')" \
  || fail "the count needs a git checkout of lifeboat"
outside="$(cd "$root" && grep -v '^examples/engine-plugin/' <<<"$build_files" \
  | xargs -r grep -l -e 'org\.example\.lifeboat\.csv' -e 'lifeboat-engine-csv' || true)"
[ -z "$outside" ] || fail "files outside examples/engine-plugin name the example: $outside"
"$root/lifeboat" --version >/dev/null || fail "./lifeboat does not run"   # the launcher rebuilds a stale jar first
unzip -l "$jar" | grep -q 'org/example/' && fail "the lifeboat jar holds the example's classes"
jar_sum="$(sha256sum "$jar" | cut -d' ' -f1)"

# 2. The plug-in directory: owner-only, as lifeboat insists.
plugins="$work/plugins"
mkdir -m 700 "$plugins"
install -m 600 "$plugin_jar" "$plugins/"
export LIFEBOAT_PLUGIN_PATH="$plugins"
lifeboat() { "$root/lifeboat" "$@"; }

step "lifeboat engines"
engines="$(lifeboat engines)" || fail "lifeboat engines failed"
echo "$engines"
grep -q "^csv  *CSV files ($plugins/lifeboat-engine-csv.jar)" <<<"$engines" \
  || fail "lifeboat engines does not list the csv engine from the plug-in jar"
grep -q "^sqlite  *SQLite (built in)" <<<"$engines" || fail "lifeboat engines lost the built-in engines"
engines_json="$(lifeboat engines --json)" || fail "lifeboat engines --json failed"
grep -q "\"jar\": \"$plugins/lifeboat-engine-csv.jar\"" <<<"$engines_json" \
  || fail "lifeboat engines --json does not name the plug-in jar"
mkdir -p -m 700 "$work/config/lifeboat"
cp -p -r "$plugins" "$work/config/lifeboat/plugins"
default_engines="$(unset LIFEBOAT_PLUGIN_PATH; XDG_CONFIG_HOME="$work/config" "$root/lifeboat" engines)" \
  || fail "lifeboat engines with the default plug-in directory failed"
grep -q "^csv  *CSV files ($work/config/lifeboat/plugins/lifeboat-engine-csv.jar)" <<<"$default_engines" \
  || fail "the default plug-in directory under \$XDG_CONFIG_HOME/lifeboat/plugins is not used"

# 3. A database of the plug-in's kind: quoted fields, a line break in a field, UTF-8, CRLF, and a table of 100000 rows.
data="$work/shop"
mkdir "$data"
printf 'id,name,city\n1,"Smith, Anna",Berlin\n2,"Ole ""the bear"" Berg","Oslo\n(old town)"\n3,Zoë,Zürich\n' \
  > "$data/customers.csv"
printf 'id,customer,total\r\n1,1,9.50\r\n2,3,12.00\r\n' > "$data/orders.csv"
awk 'BEGIN { print "id,sku,quantity"; for (i = 1; i <= 100000; i++) printf "%d,SKU-%05d,%d\n", i, i % 977, i % 13 }' \
  > "$data/stock.csv"
repo="$work/repo"

step "lifeboat backup csv:$data"
lifeboat backup "csv:$data" --repo "$repo" || fail "the backup failed"
step "lifeboat verify --deep latest"
lifeboat verify --deep latest --repo "$repo" || fail "the deep verification failed"
step "lifeboat restore latest csv:$work/restored"
lifeboat restore latest "csv:$work/restored" --repo "$repo" || fail "the restore failed"
diff -r "$data" "$work/restored" || fail "the restored directory differs from the original"

step "a restore over existing tables is refused without --overwrite, and with it puts the backup back"
sed -i 's/12.00/12.50/' "$work/restored/orders.csv"
set +e
lifeboat restore latest "csv:$work/restored" --repo "$repo" 2>"$work/refused"
status=$?
set -e
[ "$status" -eq 7 ] || fail "a restore over existing tables without --overwrite exited $status, not 7"
lifeboat restore latest "csv:$work/restored" --repo "$repo" --overwrite --yes || fail "the restore with --overwrite failed"
diff -r "$data" "$work/restored" || fail "the directory restored over differs from the original"

# 4. A plug-in others may write is refused: one line, exit 3.
step "a group-writable plug-in jar is refused"
chmod 660 "$plugins/lifeboat-engine-csv.jar"
set +e
lifeboat engines >"$work/out" 2>"$work/err"
status=$?
set -e
[ "$status" -eq 3 ] || fail "a group-writable plug-in jar gave exit $status, not 3"
[ "$(wc -l <"$work/err")" -eq 1 ] && grep -q "^lifeboat: refusing the plug-in $plugins/lifeboat-engine-csv.jar" "$work/err" \
  || fail "a group-writable plug-in jar is not one clear line: $(cat "$work/err")"

[ "$(sha256sum "$jar" | cut -d' ' -f1)" = "$jar_sum" ] || fail "the lifeboat jar changed during the example"
step "ok: the csv engine was added as a plug-in; files created or edited outside examples/engine-plugin: 0"
