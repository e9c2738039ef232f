package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify remembers: the record beside the archive, what list and inspect show of it, and verify --all. */
class VerificationRecordCommandTest {

    private static final Instant FIRST = Instant.parse("2026-10-01T03:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-11-20T03:00:00Z");
    private static final Instant LATER = Instant.parse("2026-12-01T03:00:00Z");

    @TempDir
    Path directory;

    private Path repository;
    private String older;
    private String newer;

    @BeforeEach
    void twoBackups() throws IOException {
        Path shop = Files.copy(Path.of("../examples/shop.db"), directory.resolve("shop.db"));
        repository = directory.resolve("repo");
        for (Instant at : List.of(FIRST, SECOND)) {
            CommandLineHarness backup = at(at);
            assertThat(backup.run("backup", "--repo", repository.toString(), shop.toString())).as(backup.err())
                    .isZero();
        }
        List<String> archives = archives();
        assertThat(archives).hasSize(2);
        older = archives.get(0);
        newer = archives.get(1);
    }

    @Test
    void verify_records_its_outcome_beside_the_archive_and_list_and_inspect_show_it() throws IOException {
        CommandLineHarness verify = at(SECOND.plusSeconds(60));
        assertThat(verify.run("verify", "--repo", repository.toString(), "latest")).as(verify.err()).isZero();

        Path record = repository.resolve(newer + ".verified");
        assertThat(record).isRegularFile();
        assertThat(Files.readString(record)).startsWith("lifeboat verification 1\n")
                .contains("archive " + newer + "\n", "mode fast\n", "outcome passed\n",
                        "verified-at 2026-11-20T03:01:00Z\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(record))).isEqualTo("rw-------");

        CommandLineHarness list = at(LATER);
        assertThat(list.run("list", "--repo", repository.toString())).isZero();
        assertThat(list.out()).contains("LAST VERIFIED (UTC)");
        assertThat(lineOf(list.out(), newer)).endsWith("fast 2026-11-20 03:01");
        assertThat(lineOf(list.out(), older)).endsWith("never");

        CommandLineHarness json = at(LATER);
        assertThat(json.run("list", "--repo", repository.toString(), "--json")).isZero();
        assertThat(json.out()).contains("\"lastVerification\": null", "\"verifiedAt\": \"2026-11-20T03:01:00Z\"",
                "\"passed\": true", "\"deep\": false");

        CommandLineHarness inspect = at(LATER);
        assertThat(inspect.run("inspect", "--repo", repository.toString(), newer)).isZero();
        assertThat(inspect.out()).contains("Verified     passed, fast, 2026-11-20 03:01:00 UTC, by lifeboat ");
    }

    /** A record changed by hand or by a bad disk is not believed: list says so, and verify --all verifies again. */
    @Test
    void a_damaged_record_is_ignored_and_the_archive_verified_again() throws IOException {
        assertThat(at(SECOND.plusSeconds(60)).run("verify", "--repo", repository.toString(), newer)).isZero();
        Path record = repository.resolve(newer + ".verified");
        Files.writeString(record, Files.readString(record).replace("mode fast", "mode deep"));

        CommandLineHarness list = at(LATER);
        assertThat(list.run("list", "--repo", repository.toString())).isZero();
        assertThat(lineOf(list.out(), newer)).endsWith("record ignored");
        assertThat(list.err()).contains("verification record of " + newer + " is damaged");

        CommandLineHarness all = at(LATER);
        assertThat(all.run("verify", "--repo", repository.toString(), "--all", "--older-than", "30d", "--json"))
                .as(all.err()).isZero();
        assertThat(all.out()).contains("\"verified\": 2", "\"skipped\": 0", "\"failed\": 0");
        assertThat(Files.readString(record)).contains("verified-at 2026-12-01T03:00:00Z");
    }

    @Test
    void verify_all_skips_what_passed_within_the_limit_newest_first_and_goes_on_past_a_failure() throws IOException {
        assertThat(at(SECOND.plusSeconds(60)).run("verify", "--repo", repository.toString(), newer)).isZero();
        Path third = directory.resolve("shop.db");
        assertThat(at(Instant.parse("2026-11-25T03:00:00Z")).run("backup", "--repo", repository.toString(),
                third.toString())).isZero();
        String damaged = archives().get(2);
        try (var channel = java.nio.channels.FileChannel.open(repository.resolve(damaged),
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {42}), 700);
        }

        CommandLineHarness all = at(LATER);
        int status = all.run("verify", "--repo", repository.toString(), "--all", "--older-than", "30d");

        assertThat(status).as(all.err()).isEqualTo(6);
        List<String> lines = all.out().lines().filter(line -> line.startsWith("  ")).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("  FAIL  " + damaged);
        assertThat(lines.get(1)).startsWith("  skip  " + newer).contains("verified fast 2026-11-20 03:01:00 UTC");
        assertThat(lines.get(2)).startsWith("  ok    " + older);
        assertThat(all.out()).contains("1 verified, 1 skipped, 1 failed.");
        assertThat(all.err()).contains("1 backup FAILED verification; first " + damaged);
        assertThat(Files.readString(repository.resolve(damaged + ".verified"))).contains("outcome failed");

        CommandLineHarness json = at(LATER);
        assertThat(json.run("verify", "--repo", repository.toString(), "--all", "--json")).isEqualTo(6);
        assertThat(json.out()).contains("\"verified\": 2", "\"skipped\": 0", "\"failed\": 1",
                "\"outcome\": \"failed\"", "\"code\": \"verification_failed\"");
    }

    /** A read-only repository (here: something in the record's way) still verifies, with a warning. */
    @Test
    void a_record_that_cannot_be_written_is_a_warning_not_a_failed_verification() throws IOException {
        Files.createDirectory(repository.resolve(newer + ".verified"));

        CommandLineHarness verify = at(LATER);
        assertThat(verify.run("verify", "--repo", repository.toString(), newer)).isZero();

        assertThat(verify.out()).contains(newer + " is intact.");
        assertThat(verify.err()).contains("warning: the verification was not recorded beside the archive: ");
    }

    @Test
    void verify_needs_a_backup_or_all_and_older_than_only_goes_with_all() {
        CommandLineHarness neither = at(LATER);
        assertThat(neither.run("verify", "--repo", repository.toString())).isEqualTo(2);
        assertThat(neither.err()).contains("verify needs a BACKUP").doesNotContain("Exception");

        CommandLineHarness both = at(LATER);
        assertThat(both.run("verify", "--repo", repository.toString(), "--all", "latest")).isEqualTo(2);

        CommandLineHarness olderThan = at(LATER);
        assertThat(olderThan.run("verify", "--repo", repository.toString(), "latest", "--older-than", "1d"))
                .isEqualTo(2);
        assertThat(olderThan.err()).contains("--older-than goes with --all");
    }

    private CommandLineHarness at(Instant now) {
        return new CommandLineHarness(directory, Map.of(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private List<String> archives() throws IOException {
        try (Stream<Path> files = Files.list(repository)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".lifeboat.tar"))
                    .sorted().toList();
        }
    }

    private static String lineOf(String output, String name) {
        return output.lines().filter(line -> line.startsWith(name)).findFirst().orElseThrow().stripTrailing();
    }
}
