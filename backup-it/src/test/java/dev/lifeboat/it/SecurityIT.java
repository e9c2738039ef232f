package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.domain.reliability.ReliabilityTally;
import dev.lifeboat.it.SecurityArchives.Member;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an attacker who can write to a repository, or to the directory a restore writes into, can make lifeboat do:
 * nothing. Hostile archives are refused by verify and restore with nothing written anywhere; links planted where
 * lifeboat writes are never written through; what lifeboat writes is readable by its owner only; and a part that
 * decompresses to far more than its manifest declares is stopped at the declared size. The password of a PostgreSQL
 * location appears in no output, file, archive or process listing.
 */
class SecurityIT {

    private static final String PRECIOUS = "precious data outside the repository\n";

    @TempDir
    Path work;

    @Test
    void hostile_members_are_refused_by_verify_and_restore_and_nothing_is_written_anywhere() throws Exception {
        Path archive = backUpSmallDatabase("--compression", "zstd");
        Path outside = Files.createDirectory(work.resolve("outside"));
        Path victim = Files.writeString(outside.resolve("victim"), PRECIOUS);
        String part = SecurityArchives.firstPartMember(archive);
        String escaped = "escaped-" + UUID.randomUUID();
        Path absolute = Path.of("/tmp", "lifeboat-security-" + UUID.randomUUID(), "escaped");
        byte[] pristine = Files.readAllBytes(archive);
        Map<String, Consumer<List<Member>>> hostile = new java.util.LinkedHashMap<>();
        hostile.put("a member named ../x", members -> members.add(0, Member.file("../" + escaped, bytes())));
        hostile.put("a member named a/../../x", members ->
                members.add(0, Member.file("data/../../" + escaped, bytes())));
        hostile.put("a member with an absolute name", members ->
                members.add(0, Member.file(absolute.toString(), bytes())));
        hostile.put("a symbolic link to a file outside", members ->
                members.add(0, Member.special("evil-link", TarConstants.LF_SYMLINK, victim.toString())));
        hostile.put("a part replaced by a symbolic link", members ->
                members.set(0, Member.special(part, TarConstants.LF_SYMLINK, victim.toString())));
        hostile.put("manifest.json as a symbolic link", members -> members.set(members.size() - 1,
                Member.special("manifest.json", TarConstants.LF_SYMLINK, "/etc/passwd")));
        hostile.put("a hard link to a file outside", members ->
                members.add(0, Member.special("evil-hard", TarConstants.LF_LINK, victim.toString())));
        hostile.put("a hard link to a part", members ->
                members.add(1, Member.special("copy-of-part", TarConstants.LF_LINK, part)));
        hostile.put("a character device", members ->
                members.add(0, Member.special("null-device", TarConstants.LF_CHR, "")));
        hostile.put("a block device", members -> members.add(0, Member.special("disk", TarConstants.LF_BLK, "")));
        hostile.put("a named pipe", members -> members.add(0, Member.special("pipe", TarConstants.LF_FIFO, "")));
        hostile.put("a directory", members -> members.add(0, Member.special("folder/", TarConstants.LF_DIR, "")));

        ReliabilityTally tally = new ReliabilityTally("security-archive-members");
        for (Map.Entry<String, Consumer<List<Member>>> attack : hostile.entrySet()) {
            Files.write(archive, pristine);
            List<Member> members = new ArrayList<>(SecurityArchives.members(archive));
            attack.getValue().accept(members);
            SecurityArchives.write(archive, members);
            refusedWritingNothing(tally, attack.getKey(), archive, absolute, escaped);
        }
        Files.write(archive, pristine);
        SecurityArchives.editManifest(archive, manifest ->
                ((ObjectNode) manifest.get("parts").get(0))
                        .put("name", "../" + escaped));
        refusedWritingNothing(tally, "a part whose manifest name is ../x", archive, absolute, escaped);
        Files.write(archive, pristine);
        List<Member> renamed = new ArrayList<>(SecurityArchives.members(archive));
        renamed.set(0, Member.file("../" + part, renamed.get(0).data()));
        SecurityArchives.write(archive, renamed);
        SecurityArchives.editManifest(archive, manifest ->
                ((ObjectNode) manifest.get("parts").get(0))
                        .put("member", "../" + part));
        refusedWritingNothing(tally, "a part stored as ../x with a manifest that agrees", archive, absolute, escaped);
        assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
        tally.report();
    }

    /**
     * The random part of a temporary file's name (64 bits) cannot be guessed, so an attacker who can write to the
     * repository watches it instead: as each temporary file appears, links are planted at the names a tool opening it
     * may create beside it ({@code -journal}, {@code -wal}, {@code -shm}, as SQLite does for the snapshot it checks)
     * and at other names starting with it. The source is in WAL mode, so its snapshot is a WAL database too.
     */
    @Test
    void links_planted_at_temporary_names_in_the_repository_are_never_written_through() throws Exception {
        Path database = walDatabase();
        Path repository = Files.createDirectory(work.resolve("backups"));
        Path outside = Files.createDirectory(work.resolve("outside"));
        Path victim = Files.writeString(outside.resolve("victim"), PRECIOUS);

        ReliabilityTally tally = new ReliabilityTally("security-planted-temp-links");
        TempNameWatcher backupWatcher = TempNameWatcher.start(repository, victim, outside);
        LifeboatProcess.Result backup;
        try {
            backup = LifeboatProcess.run(work, "backup", database.getFileName().toString(), "--json");
        } finally {
            backupWatcher.stop();
        }
        TempNameWatcher verifyWatcher = TempNameWatcher.start(repository, victim, outside);
        LifeboatProcess.Result verify;
        try {
            verify = LifeboatProcess.run(work, "verify", "latest", "--deep");
        } finally {
            verifyWatcher.stop();
        }
        List<Path> planted = new ArrayList<>(backupWatcher.planted());
        planted.addAll(verifyWatcher.planted());
        tally.check("the watcher saw the backup's temporary files and planted links beside each", () -> {
            assertThat(backupWatcher.seen()).as("temporary files seen during the backup").isNotEmpty();
            assertThat(backupWatcher.planted()).hasSizeGreaterThanOrEqualTo(backupWatcher.seen().size());
        });
        tally.check("the backup succeeds beside " + planted.size() + " planted links", () ->
                assertThat(backup.exitCode()).as(backup.toString()).isZero());
        tally.check("verify --deep succeeds beside them", () ->
                assertThat(verify.exitCode()).as(verify.toString()).isZero());
        tally.check("the file the links point to is unchanged", () ->
                assertThat(Files.readString(victim)).isEqualTo(PRECIOUS));
        tally.check("nothing was created where the dangling links point", () -> {
            try (Stream<Path> files = Files.list(outside)) {
                assertThat(files.map(Path::getFileName).map(Path::toString)).containsExactly("victim");
            }
        });
        tally.check("each planted link still there is the same link", () -> {
            for (Path link : planted) {
                if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    assertThat(link).as("planted " + link.getFileName()).isSymbolicLink();
                }
            }
        });
        tally.check("the archive and its sidecar are regular files", () -> {
            Path archive = Path.of(Json.parse(backup.stdout()).get("archive").get("path").asText());
            assertThat(Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS)).isTrue();
            assertThat(Files.isRegularFile(ArchiveSurgery.sidecar(archive), LinkOption.NOFOLLOW_LINKS)).isTrue();
        });
        tally.report();
        System.out.println("RELIABILITY security-planted-temp-links temporary files seen "
                + (backupWatcher.seen().size() + verifyWatcher.seen().size()) + ", links planted " + planted.size());
    }

    @Test
    void links_planted_beside_a_restore_target_are_never_written_through() throws Exception {
        backUpSmallDatabase();
        Path outside = Files.createDirectory(work.resolve("outside"));
        Path targets = Files.createDirectory(work.resolve("targets"));
        ReliabilityTally tally = new ReliabilityTally("security-planted-target-links");

        Path companions = Files.createDirectory(targets.resolve("companions"));
        List<Path> victims = new ArrayList<>();
        for (String suffix : List.of("-wal", "-journal", "-shm")) {
            Path victim = Files.writeString(outside.resolve("victim" + suffix), PRECIOUS);
            victims.add(victim);
            Files.createSymbolicLink(companions.resolve("restored.db" + suffix), victim);
            Files.createSymbolicLink(companions.resolve("dangling.db" + suffix), outside.resolve("new" + suffix));
        }
        for (String name : List.of("restored.db", "dangling.db")) {
            LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest",
                    companions.resolve(name).toString());
            tally.check("restore to " + name + " beside links at its -wal, -journal and -shm names", () -> {
                assertThat(restore.exitCode()).as(restore.toString()).isZero();
                assertThat(Files.isRegularFile(companions.resolve(name), LinkOption.NOFOLLOW_LINKS)).isTrue();
                assertThat(SqliteDatabases.sqlite3(companions.resolve(name), "PRAGMA integrity_check").trim())
                        .isEqualTo("ok");
                for (Path victim : victims) {
                    assertThat(Files.readString(victim)).as(victim.toString()).isEqualTo(PRECIOUS);
                }
                for (String suffix : List.of("-wal", "-journal", "-shm")) {
                    assertThat(outside.resolve("new" + suffix)).doesNotExist();
                }
            });
        }

        Path dangling = Files.createSymbolicLink(targets.resolve("dangling-target.db"), outside.resolve("created.db"));
        LifeboatProcess.Result intoDangling = LifeboatProcess.run(work, "restore", "latest", dangling.toString());
        tally.check("restore to a dangling link creates nothing where it points", () -> {
            assertThat(outside.resolve("created.db")).as(intoDangling.toString()).doesNotExist();
            if (intoDangling.exitCode() == 0) {
                assertThat(Files.isRegularFile(dangling, LinkOption.NOFOLLOW_LINKS)).as("replaced link").isTrue();
            } else {
                assertThat(intoDangling.exitCode()).as(intoDangling.toString()).isEqualTo(7);
                assertThat(dangling).isSymbolicLink();
            }
        });

        Path victimDatabase = outside.resolve("victim.db");
        SqliteDatabases.execute(victimDatabase, "CREATE TABLE mine (note TEXT);\nINSERT INTO mine VALUES ('mine');");
        byte[] victimBytes = Files.readAllBytes(victimDatabase);
        Path linked = Files.createSymbolicLink(targets.resolve("linked.db"), victimDatabase);
        LifeboatProcess.Result refused = LifeboatProcess.run(work, "restore", "latest", linked.toString());
        tally.check("restore to a link to another database, without --overwrite", () -> {
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(7);
            assertThat(Files.readAllBytes(victimDatabase)).isEqualTo(victimBytes);
        });
        LifeboatProcess.Result overwrite = LifeboatProcess.run(work, "restore", "latest", linked.toString(),
                "--overwrite", "--yes");
        // a link the user names as the target is followed, as RestoreTarget documents, and only with --overwrite,
        // after a safety backup of the database it points to
        tally.check("restore to a link to another database, with --overwrite, backs that database up first", () -> {
            assertThat(overwrite.exitCode()).as(overwrite.toString()).isZero();
            assertThat(linked).isSymbolicLink();
            assertThat(SqliteDatabases.sqlite3(victimDatabase, "SELECT count(*) FROM account").trim())
                    .isEqualTo("2000");
            String safety = overwrite.stdout().lines().filter(line -> line.contains("backed up as")).findFirst()
                    .orElseThrow(() -> new AssertionError("no safety backup: " + overwrite)).replaceFirst(".* as ", "")
                    .trim();
            Path saved = work.resolve("saved.db");
            LifeboatProcess.Result restoreSaved = LifeboatProcess.run(work, "restore", safety, saved.toString());
            assertThat(restoreSaved.exitCode()).as(restoreSaved.toString()).isZero();
            assertThat(SqliteDatabases.sqlite3(saved, "SELECT note FROM mine").trim()).isEqualTo("mine");
        });
        tally.report();
    }

    @Test
    void what_lifeboat_writes_is_readable_by_its_owner_only_and_a_restore_keeps_the_targets_mode() throws Exception {
        Path database = smallDatabase();
        ReliabilityTally tally = new ReliabilityTally("security-permissions");
        Path repository = work.resolve("private").resolve("repository");
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", database.getFileName().toString(),
                "--repo", repository.toString(), "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path archive = Path.of(Json.parse(backup.stdout()).get("archive").get("path").asText());

        tally.check("the repository is 0700", () -> assertThat(mode(repository)).isEqualTo("rwx------"));
        tally.check("the archive is 0600", () -> assertThat(mode(archive)).isEqualTo("rw-------"));
        tally.check("the sidecar is 0600", () ->
                assertThat(mode(ArchiveSurgery.sidecar(archive))).isEqualTo("rw-------"));

        Path fresh = work.resolve("fresh.db");
        LifeboatProcess.Result restoreNew = LifeboatProcess.run(work, "restore", archive.toString(), fresh.toString());
        tally.check("a database restored where none was is 0600", () -> {
            assertThat(restoreNew.exitCode()).as(restoreNew.toString()).isZero();
            assertThat(mode(fresh)).isEqualTo("rw-------");
        });
        for (String kept : List.of("rw-r-----", "rw-rw-r--")) {
            Path existing = work.resolve("existing-" + kept.replace('-', '_') + ".db");
            SqliteDatabases.execute(existing, "CREATE TABLE other (x);");
            Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString(kept));
            LifeboatProcess.Result overwrite = LifeboatProcess.run(work, "restore", archive.toString(),
                    existing.toString(), "--overwrite", "--yes", "--repo", repository.toString());
            tally.check("a database restored over one of mode " + kept + " keeps it", () -> {
                assertThat(overwrite.exitCode()).as(overwrite.toString()).isZero();
                assertThat(mode(existing)).isEqualTo(kept);
            });
        }
        tally.check("every file in the repository, safety backups included, is 0600", () -> {
            try (Stream<Path> files = Files.list(repository)) {
                List<Path> all = files.toList();
                assertThat(all).hasSizeGreaterThanOrEqualTo(4);
                for (Path file : all) {
                    assertThat(mode(file)).as(file.getFileName().toString()).isEqualTo("rw-------");
                }
            }
        });
        tally.report();
    }

    @Test
    void the_password_of_a_postgres_location_appears_nowhere() throws Exception {
        TestServer server = PostgresServers.newest();
        String password = "Sec-" + UUID.randomUUID().toString().replace("-", "");
        String role = PostgresServers.uniqueName("lb_it_sec_role");
        String database = server.createDatabase("lb_it_sec_pw");
        server.execute(database,
                "CREATE ROLE " + role + " LOGIN CREATEDB PASSWORD '" + password + "'",
                "ALTER DATABASE " + database + " OWNER TO " + role,
                "CREATE TABLE ledger (id bigint PRIMARY KEY, note text NOT NULL)",
                "ALTER TABLE ledger OWNER TO " + role,
                "INSERT INTO ledger SELECT i, repeat(md5(i::text), 8) FROM generate_series(1, 200000) i");
        String withPassword = "postgresql://" + role + ":" + password + "@localhost:" + server.port() + "/" + database;
        String withoutPassword = "postgresql://" + role + "@localhost:" + server.port() + "/";
        // the URL holds the password, so it travels in the environment: a command line is visible to every user
        Map<String, String> environment = Map.of("DATABASE_URL", withPassword);
        ReliabilityTally tally = new ReliabilityTally("security-postgres-password");
        List<LifeboatProcess.Result> results = new ArrayList<>();

        PostgresStartedRun backup = PostgresStartedRun.start(work, environment, "backup", "--verbose", "--json");
        SecurityPasswordSearch.Samples duringBackup = SecurityPasswordSearch.sampleWhileRunning(backup, password);
        results.add(backup.finish(java.time.Duration.ofMinutes(5)));
        tally.check("the backup succeeds", () ->
                assertThat(results.get(0).exitCode()).as(results.get(0).toString()).isZero());
        tally.check("ps -eo args during the backup (" + duringBackup.count() + " samples)", () -> {
            assertThat(duringBackup.count()).as("samples taken while the backup ran").isGreaterThanOrEqualTo(3);
            assertThat(duringBackup.linesWithPassword()).isEmpty();
        });
        for (List<String> command : List.of(List.of("list", "--json"), List.of("inspect", "latest", "--json"),
                List.of("inspect", "latest", "--verbose"), List.of("verify", "--deep", "--verbose", "latest"))) {
            LifeboatProcess.Result result = LifeboatProcess.run(work, environment, command.toArray(String[]::new));
            results.add(result);
            tally.check(String.join(" ", command) + " succeeds", () ->
                    assertThat(result.exitCode()).as(result.toString()).isZero());
        }
        String restored = PostgresServers.uniqueName("lb_it_sec_restored");
        PostgresStartedRun restore = PostgresStartedRun.start(work, Map.of("PGPASSWORD", password), "restore",
                "latest", withoutPassword + restored, "--verbose");
        SecurityPasswordSearch.Samples duringRestore = SecurityPasswordSearch.sampleWhileRunning(restore, password);
        results.add(restore.finish(java.time.Duration.ofMinutes(5)));
        tally.check("the restore succeeds", () -> {
            LifeboatProcess.Result result = results.get(results.size() - 1);
            assertThat(result.exitCode()).as(result.toString()).isZero();
        });
        tally.check("ps -eo args during the restore (" + duringRestore.count() + " samples)", () -> {
            assertThat(duringRestore.count()).as("samples taken while the restore ran").isGreaterThanOrEqualTo(3);
            assertThat(duringRestore.linesWithPassword()).isEmpty();
        });
        String missing = PostgresServers.uniqueName("lb_it_sec_missing");
        LifeboatProcess.Result missingDatabase = LifeboatProcess.run(work,
                Map.of("DATABASE_URL", withPassword.replace("/" + database, "/" + missing)), "backup", "--verbose");
        results.add(missingDatabase);
        tally.check("a backup of a missing database fails with exit 3", () ->
                assertThat(missingDatabase.exitCode()).as(missingDatabase.toString()).isEqualTo(3));
        LifeboatProcess.Result closedPort = LifeboatProcess.run(work,
                Map.of("DATABASE_URL", "postgresql://" + role + ":" + password + "@127.0.0.1:1/" + database
                        + "?connect_timeout=2"), "backup", "--verbose", "--json");
        results.add(closedPort);
        tally.check("a backup from a port nobody listens on fails with exit 3", () ->
                assertThat(closedPort.exitCode()).as(closedPort.toString()).isEqualTo(3));

        // given on the command line against advice (every user can read it there): still never repeated in output
        LifeboatProcess.Result givenAsArgument = LifeboatProcess.run(work, Map.of(), "backup", withPassword, "--json");
        results.add(givenAsArgument);
        tally.check("a backup of a location given with its password as an argument succeeds", () ->
                assertThat(givenAsArgument.exitCode()).as(givenAsArgument.toString()).isZero());
        LifeboatProcess.Result refusedArgument = LifeboatProcess.run(work, Map.of(), "backup",
                "postgresql://" + role + ":" + password + "@127.0.0.1:1/" + database + "?connect_timeout=2", "--json");
        results.add(refusedArgument);
        tally.check("a backup from a port nobody listens on, given as an argument, fails with exit 3", () ->
                assertThat(refusedArgument.exitCode()).as(refusedArgument.toString()).isEqualTo(3));

        for (LifeboatProcess.Result result : results) {
            tally.check("the output of a run (exit " + result.exitCode() + ")", () ->
                    assertThat(result.stdout() + result.stderr()).doesNotContain(password));
        }
        tally.check("every file in the work directory, archive members decompressed", () ->
                assertThat(SecurityPasswordSearch.filesHolding(work, password)).isEmpty());
        tally.report();
    }

    @Test
    void a_part_that_expands_beyond_its_declared_size_is_stopped_there() throws Exception {
        ReliabilityTally tally = new ReliabilityTally("security-decompression-bomb");
        bomb(tally, "zstd", backUpSmallDatabase("--compression", "zstd"), SecurityArchives.zstdBomb(32));
        bomb(tally, "gzip", backUpSmallDatabase("--compression", "gzip"), SecurityArchives.gzipBomb(64));
        tally.report();
    }

    /** Replaces the archive's part with a bomb; verify, verify --deep and restore must stop it with exit 6. */
    private void bomb(ReliabilityTally tally, String compression, Path archive, byte[] bomb) {
        String member = SecurityArchives.firstPartMember(archive);
        long declared = SecurityArchives.declaredRawSize(archive, member);
        SecurityArchives.replacePartData(archive, member, bomb);
        Path target = work.resolve("bombed-" + compression + ".db");
        for (List<String> command : List.of(List.of("verify", archive.toString()),
                List.of("verify", "--deep", archive.toString()), List.of("restore", archive.toString(),
                        target.toString()))) {
            LifeboatProcess.Result result = LifeboatProcess.run(work, command.toArray(String[]::new));
            tally.check(compression + " bomb of " + bomb.length + " bytes declaring " + declared + " raw bytes: "
                    + String.join(" ", command), () -> {
                assertThat(result.exitCode()).as(result.toString()).isEqualTo(6);
                assertThat(result.errorLine()).contains("beyond its declared raw size");
                assertThat(target).doesNotExist();
            });
        }
    }

    /** The files but verification records, each of which must record a failure. */
    private Map<String, String> withoutRecords(Map<String, String> files) {
        Map<String, String> kept = new java.util.TreeMap<>(files);
        kept.keySet().removeIf(name -> name.endsWith(".verified"));
        files.keySet().stream().filter(name -> name.endsWith(".verified")).forEach(record ->
                assertThat(work.resolve(record)).content().as(record).contains("outcome failed\n"));
        return kept;
    }

    private void refusedWritingNothing(ReliabilityTally tally, String attack, Path archive, Path absolute,
                                       String escaped) {
        Map<String, String> before = DirectorySnapshot.of(work);
        Path target = work.resolve("restored.db");
        for (List<String> command : List.of(List.of("verify", archive.getFileName().toString()),
                List.of("restore", archive.getFileName().toString(), target.toString()))) {
            LifeboatProcess.Result result = LifeboatProcess.run(work, command.toArray(String[]::new));
            tally.check(attack + ": " + command.get(0), () -> {
                assertThat(result.exitCode()).as(result.toString()).isIn(6, 8);
                assertThat(result.errorLine()).as("one line saying why").isNotBlank();
                assertThat(target).doesNotExist();
                // verify records what it found beside the archive: that failed record is the one file it may write
                assertThat(withoutRecords(DirectorySnapshot.of(work))).as("files under " + work)
                        .isEqualTo(withoutRecords(before));
                assertThat(absolute.getParent()).doesNotExist();
                assertThat(work.getParent().resolve(escaped)).doesNotExist();
                assertThat(work.getParent().getParent().resolve(escaped)).doesNotExist();
            });
        }
    }

    private Path smallDatabase() {
        Path database = work.resolve("app.db");
        if (!Files.exists(database)) {
            SqliteDatabases.execute(database, """
                    CREATE TABLE account (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, balance INTEGER NOT NULL);
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                    INSERT INTO account (owner, balance) SELECT 'owner ' || i, i * 10 FROM n;
                    """);
        }
        return database;
    }

    /** About 6 MB in WAL mode, so that a backup's temporary files stay long enough to be seen. */
    private Path walDatabase() {
        Path database = work.resolve("wal.db");
        SqliteDatabases.execute(database, """
                PRAGMA journal_mode = wal;
                CREATE TABLE document (id INTEGER PRIMARY KEY, body BLOB NOT NULL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
                INSERT INTO document (body) SELECT randomblob(30000) FROM n;
                """);
        return database;
    }

    private Path backUpSmallDatabase(String... options) {
        Path database = smallDatabase();
        List<String> args = new ArrayList<>(List.of("backup", database.getFileName().toString(), "--json"));
        args.addAll(List.of(options));
        LifeboatProcess.Result backup = LifeboatProcess.run(work, args.toArray(String[]::new));
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        return Path.of(Json.parse(backup.stdout()).get("archive").get("path").asText());
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static byte[] bytes() {
        return PRECIOUS.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
