package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.Sha256;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifeboat copy} through the real command, between two directory repositories (and the stand-in kind). */
class CopyCommandTest {

    @TempDir
    Path directory;

    private Path source;
    private Path target;
    private List<String> archives;

    /** Three backups of the sample database, labelled a, b and c, in that order. */
    @BeforeEach
    void backUp() throws IOException {
        Path shop = Files.copy(Path.of("../examples/shop.db"), directory.resolve("shop.db"));
        source = directory.resolve("source");
        target = directory.resolve("target");
        for (String label : List.of("a", "b", "c")) {
            CommandLineHarness backup = new CommandLineHarness(directory, Map.of());
            assertThat(backup.run("backup", "--quiet", "--repo", source.toString(), "--label", label, shop.toString()))
                    .as(backup.err()).isZero();
        }
        archives = archivesIn(source);
        assertThat(archives).hasSize(3);
    }

    @Test
    void every_archive_is_copied_byte_for_byte_with_its_sidecar_and_a_second_run_skips_them_all() throws IOException {
        CommandLineHarness copy = run(0, "copy", "--all", "--repo", source.toString(), "--to", target.toString());

        assertThat(archivesIn(target)).isEqualTo(archives);
        for (String name : archives) {
            assertIdentical(name);
            assertIdentical(name + ".sha256");
            assertThat(copy.out()).containsPattern("copied +" + name.replace(".", "\\.") + " +[0-9.]+ KiB +sha256 "
                    + sha256(Files.readAllBytes(source.resolve(name))));
        }
        assertThat(copy.out()).contains("Copying from " + source + " to " + target,
                "Copied 3 archives (", "skipped 0, refused 0, failed 0.");
        assertThat(Files.getPosixFilePermissions(target.resolve(archives.get(0))))
                .isEqualTo(Files.getPosixFilePermissions(source.resolve(archives.get(0))));

        FileTime written = Files.getLastModifiedTime(target.resolve(archives.get(0)));
        CommandLineHarness again = run(0, "copy", "--all", "--repo", source.toString(), "--to", target.toString());

        assertThat(again.out()).containsPattern("skipped +" + archives.get(0).replace(".", "\\.")
                + " .* the target has it, its checksum file recording the same SHA-256")
                .contains("Copied 0 archives (0 B), skipped 3");
        assertThat(Files.getLastModifiedTime(target.resolve(archives.get(0)))).isEqualTo(written);
        assertThat(again.err()).isEmpty();
    }

    @Test
    void other_bytes_under_a_name_are_refused_with_exit_7_and_the_others_are_still_copied() throws IOException {
        String first = archives.get(0);
        Files.createDirectories(target);
        // the target has the second archive's bytes under the first one's name, with a true sidecar for them
        byte[] other = Files.readAllBytes(source.resolve(archives.get(1)));
        Files.write(target.resolve(first), other);
        Files.writeString(target.resolve(first + ".sha256"), sha256(other) + "  " + first + "\n");

        CommandLineHarness copy = run(7, "copy", "--all", "--repo", source.toString(), "--to", target.toString());

        assertThat(Files.readAllBytes(target.resolve(first))).isEqualTo(other);
        assertIdentical(archives.get(1));
        assertIdentical(archives.get(2));
        assertThat(copy.out()).containsPattern("REFUSED +" + first.replace(".", "\\.") + " .* other bytes under this name")
                .contains("Copied 2 archives (", "skipped 0, refused 1, failed 0.");
        assertThat(copy.err()).contains("lifeboat: " + first + " refused: the target has other bytes under this name")
                .doesNotContain("Exception");
    }

    @Test
    void a_damaged_source_archive_fails_with_exit_6_leaves_nothing_in_the_target_and_the_others_are_copied()
            throws IOException {
        String damaged = archives.get(1);
        flipByte(source.resolve(damaged), 1000);

        CommandLineHarness copy = run(6, "copy", "--all", "--repo", source.toString(), "--to", target.toString());

        assertThat(archivesIn(target)).containsExactly(archives.get(0), archives.get(2));
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(damaged) || name.startsWith(".lifeboat-tmp"));
        }
        assertIdentical(archives.get(0));
        assertIdentical(archives.get(2));
        assertThat(copy.out()).containsPattern("FAILED +" + damaged.replace(".", "\\.") + " .* the archive was changed "
                + "or damaged, and nothing was copied");
        assertThat(copy.err()).contains("lifeboat: " + damaged + " failed: SHA-256 of the source's bytes is");
    }

    /**
     * Damaged inside with a sidecar rewritten to match: the copy's byte check passes, but verify found it broken. A
     * copy would carry no record of that and look intact in the target.
     */
    @Test
    void an_archive_whose_last_verification_failed_is_not_copied() throws IOException {
        String damaged = archives.get(1);
        flipByte(source.resolve(damaged), 1000);
        Files.writeString(source.resolve(damaged + ".sha256"),
                sha256(Files.readAllBytes(source.resolve(damaged))) + "  " + damaged + "\n");
        run(6, "verify", "--repo", source.toString(), damaged);

        CommandLineHarness copy = run(6, "copy", "--all", "--repo", source.toString(), "--to", target.toString());

        assertThat(archivesIn(target)).containsExactly(archives.get(0), archives.get(2));
        assertThat(copy.out()).containsPattern("FAILED +" + damaged.replace(".", "\\.") + " .* its last verification "
                + "in the source failed");
    }

    @Test
    void json_reports_each_archive_and_the_error_when_one_was_not_copied() throws IOException {
        Files.delete(source.resolve(archives.get(2) + ".sha256"));

        CommandLineHarness copy = run(6, "copy", "--all", "--json", "--repo", source.toString(), "--to",
                target.toString());

        String json = copy.out().replaceAll("\\s+", " ");
        assertThat(json).startsWith("{ \"ok\": false, \"command\": \"copy\", \"dryRun\": false, \"source\": \""
                        + source + "\", \"target\": \"" + target + "\", \"copied\": 2, \"skipped\": 0, \"refused\": 0, "
                        + "\"failed\": 1, \"copiedBytes\": ")
                .contains("{ \"name\": \"" + archives.get(0) + "\", \"sizeBytes\": " + Files.size(source.resolve(
                        archives.get(0))) + ", \"outcome\": \"copied\", \"sha256\": \""
                        + sha256(Files.readAllBytes(source.resolve(archives.get(0)))) + "\", \"detail\": \"copied, "
                        + "SHA-256 checked\", \"exitCode\": 0 }")
                .contains("{ \"name\": \"" + archives.get(2) + "\", \"sizeBytes\": " + Files.size(source.resolve(
                        archives.get(2))) + ", \"outcome\": \"failed\", \"sha256\": null, \"detail\": \"the source "
                        + "has no checksum file " + archives.get(2) + ".sha256 for it")
                .contains("\"error\": { \"code\": \"verification_failed\", \"exitCode\": 6, \"message\": \"1 archive "
                        + "was not copied; first " + archives.get(2) + ": the source has no checksum file");
        assertThat(archivesIn(target)).containsExactly(archives.get(0), archives.get(1));
    }

    @Test
    void one_backup_is_named_as_other_commands_name_it_and_a_dry_run_writes_nothing() throws IOException {
        CommandLineHarness dryRun = run(0, "copy", "latest:shop", "--dry-run", "--repo", source.toString(), "--to",
                target.toString());

        assertThat(dryRun.out()).containsPattern("would copy +" + archives.get(2).replace(".", "\\."))
                .contains("Would copy 1 archive (", "nothing was written (--dry-run)");
        assertThat(target).doesNotExist();

        run(0, "copy", "latest:shop", "--repo", source.toString(), "--to", target.toString());
        assertThat(archivesIn(target)).containsExactly(archives.get(2));
        run(0, "copy", archives.get(0), "--repo", source.toString(), "--to", target.toString());
        assertThat(archivesIn(target)).containsExactly(archives.get(0), archives.get(2));
    }

    @Test
    void archives_go_to_another_kind_of_repository_and_come_back_identical() throws IOException {
        Path objects = Files.createDirectory(directory.resolve("objects"));
        String standIn = StandInObjectStoreProvider.SCHEME + objects;
        run(0, "copy", "--all", "--repo", source.toString(), "--to", standIn);
        run(0, "copy", "--all", "--repo", standIn, "--to", target.toString());

        for (String name : archives) {
            assertIdentical(name);
        }
        CommandLineHarness verify = run(0, "verify", "--deep", "--repo", target.toString(), "latest:shop");
        assertThat(verify.out()).contains("is intact and restores to the data it recorded");
    }

    @Test
    void a_backup_or_all_must_be_given_and_a_repository_is_not_copied_onto_itself() {
        CommandLineHarness neither = run(2, "copy", "--repo", source.toString(), "--to", target.toString());
        assertThat(neither.err()).contains("name the backup to copy", "--all");
        CommandLineHarness both = run(2, "copy", "latest", "--all", "--repo", source.toString(), "--to",
                target.toString());
        assertThat(both.err()).contains("give either a backup or --all, not both");
        CommandLineHarness noTarget = run(2, "copy", "--all", "--repo", source.toString());
        assertThat(noTarget.err()).contains("Missing required option: '--to=DIR|URL'");
        CommandLineHarness itself = run(2, "copy", "--all", "--repo", source.toString(), "--to", source.toString());
        assertThat(itself.err()).contains("the source and the target are the same repository");
    }

    private CommandLineHarness run(int expectedStatus, String... args) {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());
        assertThat(cli.run(args)).as(cli.out() + cli.err()).isEqualTo(expectedStatus);
        return cli;
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile channel = new RandomAccessFile(file.toFile(), "rw")) {
            channel.seek(offset);
            int b = channel.read();
            channel.seek(offset);
            channel.write(b ^ 0xFF);
        }
    }

    private static String sha256(byte[] bytes) {
        return Sha256.hex(Sha256.newDigest().digest(bytes));
    }

    private void assertIdentical(String name) throws IOException {
        assertThat(Files.mismatch(source.resolve(name), target.resolve(name))).as(name).isEqualTo(-1L);
    }

    /** The archives in a repository directory, by name (which puts labels a, b, c in order). */
    private static List<String> archivesIn(Path repository) throws IOException {
        try (Stream<Path> files = Files.list(repository)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".lifeboat.tar"))
                    .sorted().toList();
        }
    }
}
