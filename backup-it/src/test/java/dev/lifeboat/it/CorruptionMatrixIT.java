package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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

    /**
     * An encrypted archive damaged in its age header (a recipient stanza, the MAC), in its body, in its last chunk, or
     * truncated: each as bit rot leaves it (the sidecar no longer matches) and resealed (the sidecar rewritten to
     * match, so only the age authentication can tell). verify without the key exits 6 when the sidecar does not
     * match; with the key, verify --deep and restore exit 6, leaving the target as it was. A resealed recipient stanza
     * no longer unwraps the key, which age cannot tell from a file for someone else: that one exits 3.
     */
    @Test
    void the_command_line_refuses_an_encrypted_archive_damaged_anywhere() throws Exception {
        SqliteDatabases.featureComplete(work.resolve("app.db"));
        // random bytes do not compress: the payload spans several 64 KiB chunks
        SqliteDatabases.execute(work.resolve("app.db"), "CREATE TABLE filler (b BLOB);\n"
                + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)\n"
                + "INSERT INTO filler SELECT randomblob(1000) FROM n;");
        Process keygen = new ProcessBuilder("age-keygen", "-o", "key.txt").directory(work.toFile())
                .redirectErrorStream(true).start();
        String made = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keygen.waitFor()).as("age-keygen: " + made).isZero();
        String recipient = made.strip().substring(made.strip().indexOf("age1"));
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", "app.db", "--repo", "repository",
                "--encrypt-to", recipient, "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path pristine = Path.of(Json.parse(backup.stdout()).get("archive").get("path").asText());
        long size = Files.size(pristine);
        long payload = payloadOffset(pristine);
        assertThat(size - payload).as("a payload of several 64 KiB chunks").isGreaterThan(2 * 65536 + 16);
        Path target = Files.createDirectories(work.resolve("target")).resolve("target.db");
        SqliteDatabases.execute(target, "CREATE TABLE kept (id INTEGER PRIMARY KEY, what TEXT);\n"
                + "INSERT INTO kept (what) VALUES ('the data a failed restore must not touch');");
        CorruptionTarget kept = CorruptionTarget.sqliteFile(target);

        Map<String, Consumer<Path>> damages = new LinkedHashMap<>();
        damages.put("flip-header-stanza", archive -> ArchiveSurgery.flipByte(archive, 40));
        damages.put("flip-header-mac", archive -> ArchiveSurgery.flipByte(archive, payload - 10));
        damages.put("flip-body", archive -> ArchiveSurgery.flipByte(archive, payload + 16 + 65536 + 100));
        damages.put("flip-last-chunk", archive -> ArchiveSurgery.flipByte(archive, size - 1));
        damages.put("truncate-last-chunk", archive -> truncate(archive, size - 20));
        damages.put("truncate-at-a-chunk", archive -> truncate(archive, payload + 16 + 65536 + 16));
        damages.put("truncate-in-header", archive -> truncate(archive, payload - 30));
        List<String> misses = new ArrayList<>();
        int tried = 0;
        for (Map.Entry<String, Consumer<Path>> damage : damages.entrySet()) {
            for (boolean resealed : new boolean[] {false, true}) {
                String kind = damage.getKey() + (resealed ? "-resealed" : "");
                Path archive = Files.createDirectories(work.resolve("case-" + kind)).resolve(pristine.getFileName());
                Files.copy(pristine, archive);
                Files.copy(ArchiveSurgery.sidecar(pristine), ArchiveSurgery.sidecar(archive));
                damage.getValue().accept(archive);
                if (resealed) {
                    ArchiveSurgery.resealSidecar(archive);
                } else {
                    misses.addAll(refusedWith(kind, kept, Set.of(6), "verify", archive.toString()));
                }
                Set<Integer> exits = kind.equals("flip-header-stanza-resealed") ? Set.of(3) : Set.of(6);
                misses.addAll(refusedWith(kind, kept, exits, "verify", "--deep", archive.toString(), "--identity",
                        "key.txt"));
                misses.addAll(refusedWith(kind, kept, exits, "restore", archive.toString(), target.toString(),
                        "--overwrite", "--yes", "--identity", "key.txt", "--repo", work.resolve("safety").toString()));
                tried++;
                Path record = archive.resolveSibling(archive.getFileName() + ".verified");
                if (Files.exists(record)) {
                    // verify records what it found: a damaged archive's record says it failed
                    assertThat(Files.readString(record)).as("the record of " + kind).contains("outcome failed\n");
                }
                try (var left = Files.list(archive.getParent())) {
                    // the lock a decrypting run takes for a moment, to sweep a killed run's copy, stays as a file
                    assertThat(left.map(file -> file.getFileName().toString())
                            .filter(name -> !name.equals(".lifeboat.lock"))
                            .filter(name -> !name.equals(record.getFileName().toString())))
                            .as("nothing decrypted left beside " + kind)
                            .containsExactlyInAnyOrder(archive.getFileName().toString(),
                                    ArchiveSurgery.sidecar(archive).getFileName().toString());
                }
            }
        }

        System.out.println("RELIABILITY corruption-encrypted-cli damages=" + tried + " missed=" + misses.size());
        assertThat(misses).as("damages lifeboat did not refuse as it should").isEmpty();
    }

    /** Runs lifeboat, which must exit with one of the codes and one error line, the target untouched. */
    private List<String> refusedWith(String kind, CorruptionTarget target, Set<Integer> exits, String... arguments) {
        String before = target.state();
        LifeboatProcess.Result result = LifeboatProcess.run(work, arguments);
        List<String> problems = new ArrayList<>();
        if (!exits.contains(result.exitCode())) {
            problems.add(kind + ": lifeboat " + String.join(" ", arguments) + ": exit " + result.exitCode() + ", not "
                    + exits + "\n" + result);
        } else {
            try {
                result.errorLine();
            } catch (AssertionError e) {
                problems.add(kind + ": not one error line: " + e.getMessage());
            }
        }
        if (!target.state().equals(before)) {
            problems.add(kind + ": the target changed");
        }
        return problems;
    }

    /** Where an age file's payload begins: after the header's MAC line. */
    private static long payloadOffset(Path archive) throws IOException {
        byte[] head = new byte[4096];
        try (var in = Files.newInputStream(archive)) {
            int read = in.readNBytes(head, 0, head.length);
            String text = new String(head, 0, read, StandardCharsets.ISO_8859_1);
            int mac = text.indexOf("\n--- ");
            assertThat(mac).as("the age header's MAC line").isPositive();
            return text.indexOf('\n', mac + 1) + 1;
        }
    }

    private static void truncate(Path archive, long size) {
        try (FileChannel channel = FileChannel.open(archive, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
