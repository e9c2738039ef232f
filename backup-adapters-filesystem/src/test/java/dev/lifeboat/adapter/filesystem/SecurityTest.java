package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.FinishedProcess;
import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.reliability.ReliabilityTally;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A symbolic link planted in a repository at the name of one of lifeboat's temporary files, or named like the
 * temporary file of a crashed run, never makes lifeboat write, truncate or delete what the link points to. The random
 * part of a real name cannot be guessed from outside, so the names are chosen here ({@link TempFiles}'s token
 * supplier) to put the links exactly in the way.
 */
class SecurityTest {

    private static final String PRECIOUS = "precious data outside the repository\n";

    @TempDir
    Path work;

    private Path repository;
    private Path outside;
    private Path victim;

    @BeforeEach
    void aRepositoryAndAFileOutsideIt() throws IOException {
        repository = Files.createDirectory(work.resolve("repository"));
        outside = Files.createDirectory(work.resolve("outside"));
        victim = Files.writeString(outside.resolve("victim"), PRECIOUS);
    }

    @Test
    void links_at_temporary_names_are_never_written_through() throws Exception {
        ReliabilityTally tally = new ReliabilityTally("security-temp-names-in-process");
        long pid = ProcessHandle.current().pid();

        tally.check("a link to a file at the archive's temporary name", () -> {
            Path planted = plant(pid, "planted1-archive", victim);
            TempFiles.Created created = new TempFiles(tokens("planted1", "fresh1")).create(repository, "archive");
            writeAndClose(created);
            assertThat(created.path().getFileName().toString()).endsWith("fresh1-archive");
            assertUntouched(planted, victim);
        });
        tally.check("a dangling link at the archive's temporary name", () -> {
            Path missing = outside.resolve("created-through-a-link");
            Path planted = plant(pid, "planted2-archive", missing);
            writeAndClose(new TempFiles(tokens("planted2", "fresh2")).create(repository, "archive"));
            assertThat(missing).as("the file the dangling link names").doesNotExist();
            assertThat(planted).isSymbolicLink();
        });
        tally.check("links at every name tried: the run fails instead", () -> {
            plant(pid, "taken-archive", victim);
            assertThatThrownBy(() -> new TempFiles(() -> "taken").create(repository, "archive"))
                    .isInstanceOf(FileAlreadyExistsException.class);
            assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
        });
        tally.check("a link at a scratch file's name", () -> {
            Path planted = plant(pid, "planted3-snapshot", victim);
            RepositoryScratch scratch = new RepositoryScratch(repository, new TempFiles(tokens("planted3", "fresh3")));
            Path file = scratch.newFile("snapshot");
            Files.writeString(file, "scratch data");
            scratch.close();
            assertThat(file).doesNotExist();
            assertUntouched(planted, victim);
        });
        tally.check("links named like a crashed run's files are removed, not followed", () -> {
            long gone = FinishedProcess.pid();
            Path outsideDirectory = Files.createDirectory(outside.resolve("directory"));
            Path inside = Files.writeString(outsideDirectory.resolve("kept"), PRECIOUS);
            Path toFile = plant(gone, "leftover1-archive", victim);
            Path toDirectory = plant(gone, "leftover2-snapshot", outsideDirectory);
            List<String> removed = new FileSystemRepository(RepositoryDirectory.existing(repository)).removeLeftovers();
            assertThat(removed).contains(toFile.getFileName().toString(), toDirectory.getFileName().toString());
            assertThat(toFile).doesNotExist();
            assertThat(toDirectory).doesNotExist();
            assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
            assertThat(Files.readString(inside)).isEqualTo(PRECIOUS);
        });

        tally.report();
    }

    private Path plant(long pid, String rest, Path target) throws IOException {
        Path link = repository.resolve(TempFiles.PREFIX + pid + "." + HostIdentity.local().id() + "-" + rest);
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            return link;
        }
        return Files.createSymbolicLink(link, target);
    }

    private void assertUntouched(Path planted, Path target) throws IOException {
        assertThat(planted).isSymbolicLink();
        assertThat(Files.readSymbolicLink(planted)).isEqualTo(target);
        assertThat(Files.readString(victim, StandardCharsets.UTF_8)).isEqualTo(PRECIOUS);
    }

    private static void writeAndClose(TempFiles.Created created) throws IOException {
        try (var channel = created.channel()) {
            channel.write(ByteBuffer.wrap("archive bytes".getBytes(StandardCharsets.UTF_8)));
        }
        ShutdownCleanup.deregister(created.path());
    }

    private static Supplier<String> tokens(String... values) {
        Iterator<String> iterator = List.of(values).iterator();
        return iterator::next;
    }
}
