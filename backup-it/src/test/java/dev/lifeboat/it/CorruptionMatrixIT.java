package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption matrix through the real command line: a damage of each main kind per engine, each of which makes
 * {@code lifeboat verify} (with {@code --deep} for a damage only a restore can see) and
 * {@code lifeboat restore ... --overwrite --yes} exit 6 or 8 with one error line, leaving the target as it was.
 * CorruptionMatrixTest runs the hundreds of cases in process.
 */
class CorruptionMatrixIT {

    /**
     * One of each kind the issue names, and a change to the fingerprint only a restore can see; the sidecar's own
     * damage plain, every other with the sidecar resealed. The other kinds run in process only.
     */
    private static final Set<String> KINDS = Set.of("flip-part-resealed", "flip-sidecar", "truncate-resealed",
            "swap-parts-resealed", "append-garbage-resealed", "foreign-manifest-resealed", "flip-fingerprint-resealed");

    @TempDir
    Path work;

    @Test
    void the_command_line_refuses_one_damaged_sqlite_archive_of_each_kind() throws Exception {
        SqliteDatabases.featureComplete(work.resolve("app.db"));
        Path pristine = backup("app.db");
        SqliteDatabases.execute(work.resolve("app.db"), "INSERT INTO account (owner, balance) VALUES ('later', 77);");
        Path later = backup("app.db");
        Path target = Files.createDirectories(work.resolve("target")).resolve("target.db");
        SqliteDatabases.execute(target, "CREATE TABLE kept (id INTEGER PRIMARY KEY, what TEXT);\n"
                + "INSERT INTO kept (what) VALUES ('the data a failed restore must not touch');");

        CorruptionTally tally = refuseEach("sqlite", pristine, later, CorruptionTarget.sqliteFile(target));

        assertAllDetected(tally);
    }

    @Test
    void the_command_line_refuses_one_damaged_postgresql_archive_of_each_kind() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase("lb_cmit_source");
        server.execute(source,
                "CREATE TABLE customer (id bigserial PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint REFERENCES customer(id), amount int)",
                "INSERT INTO customer (name) SELECT 'customer ' || i FROM generate_series(1, 300) i",
                "INSERT INTO orders (customer_id, amount) SELECT 1 + i % 300, i FROM generate_series(1, 900) i");
        Path pristine = backup(server.url(source));
        server.execute(source, "INSERT INTO customer (name) VALUES ('later')", "UPDATE orders SET amount = 0 WHERE id = 5");
        Path later = backup(server.url(source));
        String target = server.createDatabase("lb_cmit_target");
        server.execute(target,
                "CREATE TABLE kept (id int PRIMARY KEY, what text)",
                "INSERT INTO kept VALUES (1, 'the data a failed restore must not touch')");

        CorruptionTally tally = refuseEach("postgresql", pristine, later, CorruptionTarget.postgresDatabase(server, target));

        assertAllDetected(tally);
    }

    private CorruptionTally refuseEach(String engine, Path pristine, Path later, CorruptionTarget target) throws Exception {
        CorruptionTally tally = new CorruptionTally(engine + "-cli");
        for (CorruptionDamage damage : representatives(CorruptionCatalog.of(pristine, later, false, 1))) {
            Path cases = Files.createDirectories(work.resolve("case-" + damage.kind()));
            Path archive = cases.resolve(pristine.getFileName());
            Files.copy(pristine, archive);
            Files.copy(ArchiveSurgery.sidecar(pristine), ArchiveSurgery.sidecar(archive));
            damage.applyTo(archive);
            Map<String, CorruptionTally.Outcome> checks = new LinkedHashMap<>();
            boolean deep = damage.guard() == CorruptionDamage.Guard.RESTORE;
            checks.put(deep ? CorruptionMatrix.VERIFY_DEEP : CorruptionMatrix.VERIFY, refused(target,
                    deep ? List.of("verify", "--deep", archive.toString()) : List.of("verify", archive.toString())));
            checks.put(CorruptionMatrix.RESTORE, refused(target, List.of("restore", archive.toString(),
                    target.location(), "--overwrite", "--yes", "--repo", work.resolve("safety").toString())));
            tally.count(damage, checks);
        }
        return tally;
    }

    /** Runs lifeboat, which must exit 6 or 8 with one error line and leave the target as it was. */
    private CorruptionTally.Outcome refused(CorruptionTarget target, List<String> arguments) {
        String before = target.state();
        LifeboatProcess.Result result = LifeboatProcess.run(work, arguments.toArray(String[]::new));
        String after = target.state();
        List<String> problems = new ArrayList<>();
        if (result.exitCode() != 6 && result.exitCode() != 8) {
            problems.add("exit " + result.exitCode());
        } else {
            try {
                result.errorLine();
            } catch (AssertionError e) {
                problems.add("not one error line: " + e.getMessage());
            }
        }
        if (!after.equals(before)) {
            problems.add("the target changed: before " + before + ", after " + after);
        }
        return new CorruptionTally.Outcome(problems.isEmpty(),
                "lifeboat " + String.join(" ", arguments) + ": " + problems + "\n" + result);
    }

    private static List<CorruptionDamage> representatives(List<CorruptionDamage> damages) {
        Map<String, List<CorruptionDamage>> byKind = new LinkedHashMap<>();
        damages.stream().filter(damage -> KINDS.contains(damage.kind()))
                .forEach(damage -> byKind.computeIfAbsent(damage.kind(), k -> new ArrayList<>()).add(damage));
        assertThat(byKind.keySet()).as("kinds in the catalog").containsExactlyInAnyOrderElementsOf(KINDS);
        return byKind.values().stream().map(kind -> kind.get(kind.size() / 2)).toList();
    }

    private Path backup(String database) {
        LifeboatProcess.Result result = LifeboatProcess.run(work, "backup", database, "--repo", "repository", "--json");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return Path.of(Json.parse(result.stdout()).get("archive").get("path").asText());
    }

    private static void assertAllDetected(CorruptionTally tally) {
        tally.lines().forEach(System.out::println);
        assertThat(tally.tried(CorruptionMatrix.RESTORE)).as("damaged archives restored").isEqualTo(KINDS.size());
        assertThat(tally.misses()).as("damages lifeboat did not refuse").isEmpty();
    }
}
