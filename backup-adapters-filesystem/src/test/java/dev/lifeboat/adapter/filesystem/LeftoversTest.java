package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.contract.FinishedProcess;
import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.spi.BackupRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {

    private static final String ARCHIVE = "app_2026-11-24T10-58-24Z.lifeboat.tar";
    private static final String THIS_HOST = HostIdentity.local().id();
    /** The id of a machine that shares the repository with this one. */
    private static final String OTHER_HOST = THIS_HOST.equals("0badc0de") ? "0badc0df" : "0badc0de";
    private static final long LIVE_PID = ProcessHandle.current().pid();

    @TempDir
    Path directory;

    private BackupRepository repository;

    @BeforeEach
    void openRepository() {
        repository = new FileSystemRepositoryProvider().open(directory.toString(), false);
    }

    @Test
    void removesAndNamesTheFilesOfADeadProcessOfThisHostTheirCompanionsAndLoneSidecars() throws IOException {
        long deadPid = FinishedProcess.pid();
        String deadArchive = tempName(deadPid, THIS_HOST, "archive");
        String deadDatabase = tempName(deadPid, THIS_HOST, "snapshot");
        String deadWal = deadDatabase + "-wal";
        String deadLock = deadDatabase + ".lock";
        String loneSidecar = "gone_2026-11-24T10-58-24Z.lifeboat.tar.sha256";
        for (String name : new String[] {deadArchive, deadDatabase, deadWal, deadLock, loneSidecar, ARCHIVE,
                ARCHIVE + ".sha256"}) {
            Files.writeString(directory.resolve(name), "x");
        }

        assertThat(repository.removeLeftovers()).containsExactlyInAnyOrder(deadArchive, deadDatabase, deadWal,
                deadLock, loneSidecar);

        assertThat(Permissions.namesIn(directory)).containsExactly(ARCHIVE, ARCHIVE + ".sha256");
        assertThat(repository.removeLeftovers()).isEmpty();
    }

    @Test
    void keepsTheFilesOfALiveProcessOfThisHostHoweverOld() throws IOException {
        Path inUse = plant(tempName(LIVE_PID, THIS_HOST, "spool"), Duration.ofDays(30));

        assertThat(repository.removeLeftovers()).isEmpty();

        assertThat(inUse).exists();
    }

    /** The pid of another machine's run says nothing here: it may be the pid of a live process of this machine. */
    @Test
    void keepsTheRecentFilesOfAnotherHostEvenWhenTheirPidIsDeadHere() throws IOException {
        long pidDeadHere = FinishedProcess.pid();
        Path recent = plant(tempName(pidDeadHere, OTHER_HOST, "archive"), Duration.ofHours(23));

        assertThat(repository.removeLeftovers()).isEmpty();

        assertThat(recent).exists();
    }

    @Test
    void removesTheFilesOfAnotherHostOnceTheyHaveBeenQuietForADay() throws IOException {
        String stale = tempName(LIVE_PID, OTHER_HOST, "archive");
        plant(stale, Duration.ofHours(25));

        assertThat(repository.removeLeftovers()).containsExactly(stale);

        assertThat(Permissions.namesIn(directory)).isEmpty();
    }

    /** A database in WAL mode leaves its main file untouched for hours while its -wal file changes. */
    @Test
    void keepsEveryFileOfAnotherHostsRunWhileAnyOfThemChanges() throws IOException {
        String database = tempName(LIVE_PID, OTHER_HOST, "restore");
        plant(database, Duration.ofDays(2));
        plant(database + "-wal", Duration.ofMinutes(1));

        assertThat(repository.removeLeftovers()).isEmpty();

        assertThat(Permissions.namesIn(directory)).containsExactly(database, database + "-wal");
    }

    @Test
    void aNameWithoutAHostIdCountsAsAnotherHosts() throws IOException {
        long deadPid = FinishedProcess.pid();
        String stale = TempFiles.PREFIX + deadPid + "-0123456789abcdef-archive";
        String recent = TempFiles.PREFIX + (deadPid + 1) + "-fedcba9876543210-snapshot";
        String garbledHost = TempFiles.PREFIX + FinishedProcess.pid() + ".???-fedcba9876543210-snapshot";
        plant(stale, Duration.ofHours(25));
        plant(recent, Duration.ZERO);
        plant(garbledHost, Duration.ZERO);

        assertThat(repository.removeLeftovers()).containsExactly(stale);

        assertThat(Permissions.namesIn(directory)).containsExactlyInAnyOrder(recent, garbledHost);
    }

    @Test
    void keepsFilesThatOnlyLookLikeLeftovers() throws IOException {
        String[] names = {TempFiles.PREFIX + "notapid-archive", ".lifeboat-tmp", "notes.sha256",
                "not an archive.lifeboat.tar.sha256"};
        for (String name : names) {
            plant(name, Duration.ofDays(30));
        }

        assertThat(repository.removeLeftovers()).isEmpty();

        assertThat(Permissions.namesIn(directory)).containsExactlyInAnyOrder(names);
    }

    @Test
    void removesALinkLeftAtATemporaryNameButNotWhatItPointsTo() throws IOException {
        Path precious = Files.writeString(directory.resolve("precious.txt"), "keep me");
        String link = tempName(FinishedProcess.pid(), THIS_HOST, "archive");
        Files.createSymbolicLink(directory.resolve(link), precious);

        assertThat(repository.removeLeftovers()).containsExactly(link);

        assertThat(precious).hasContent("keep me");
    }

    @Test
    void leavesADirectoryAtATemporaryNameAlone() throws IOException {
        Path made = Files.createDirectory(directory.resolve(tempName(FinishedProcess.pid(), THIS_HOST, "dir")));
        Files.writeString(made.resolve("inside.txt"), "someone's");

        assertThat(repository.removeLeftovers()).isEmpty();

        assertThat(made.resolve("inside.txt")).hasContent("someone's");
    }

    private static String tempName(long pid, String hostId, String purpose) {
        return TempFiles.PREFIX + pid + "." + hostId + "-0123456789abcdef-" + purpose;
    }

    /** A file last changed the given time ago. */
    private Path plant(String name, Duration age) throws IOException {
        Path file = Files.writeString(directory.resolve(name), "x");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }
}
