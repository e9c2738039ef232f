package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.model.LockHolder;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock within one process. Note: while this JVM holds a lock, a test must not open the lock file itself (to read
 * it, say): with POSIX locks, closing any descriptor of the file releases the lock. Tests read it after release.
 */
class LockTest {

    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path directory;

    private BackupRepository repository;

    @BeforeEach
    void openRepository() {
        repository = new FileSystemRepositoryProvider().open(directory.toString(), false);
    }

    @Test
    void theHolderIsThisProcess() {
        Instant before = Instant.now().minusSeconds(1);
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup of sqlite:/srv/app.db")) {
            LockHolder holder = lock.holder();
            assertThat(holder.pid()).isEqualTo(PID);
            assertThat(holder.host()).isEqualTo(HostIdentity.local().name());
            assertThat(holder.command()).isEqualTo("backup of sqlite:/srv/app.db");
            assertThat(holder.startedAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
            assertThat(lock.tookOverFrom()).isEmpty();
        }
    }

    @Test
    void aSecondLockInTheSameProcessIsRefusedNamingTheHolder() {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup of app")) {
            assertThatThrownBy(() -> repository.lock(Duration.ZERO, "prune"))
                    .isInstanceOf(LockedException.class)
                    .hasMessage("repository " + directory + " is locked by backup of app (pid " + PID + " on host "
                            + HostIdentity.local().name() + ", started " + lock.holder().startedAt()
                            + "); wait for it to finish or pass --lock-timeout");
            BackupRepository sameDirectory = new FileSystemRepositoryProvider().open(directory.toString(), false);
            assertThatThrownBy(() -> sameDirectory.lock(Duration.ofMillis(250), "prune"))
                    .isInstanceOf(LockedException.class)
                    .hasMessageEndingWith(", still after waiting 250 ms (--lock-timeout); wait for it to finish or "
                            + "give a longer timeout");
        }
    }

    @Test
    void aLockCanBeTakenAgainOnceReleasedAndTheFileIsThenEmpty() throws IOException {
        repository.lock(Duration.ZERO, "first").close();
        try (RepositoryLock second = repository.lock(Duration.ZERO, "second")) {
            assertThat(second.tookOverFrom()).isEmpty();
        }

        assertThat(directory.resolve(LockFile.NAME)).isEmptyFile();
    }

    @Test
    void aLockFileLeftByADeadHolderIsTakenOverAndNamed() throws IOException {
        Files.writeString(directory.resolve(LockFile.NAME), """
                pid=999999
                host=db1
                started=2026-11-24T10:58:24Z
                command=backup of sqlite:/srv/app.db
                """);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "restore")) {
            assertThat(lock.tookOverFrom()).contains(new LockHolder(999999, "db1",
                    Instant.parse("2026-11-24T10:58:24Z"), "backup of sqlite:/srv/app.db"));
        }
    }

    @Test
    void anUnreadableLockFileLeftBehindIsStillReportedAsTakenOver() throws IOException {
        Files.writeString(directory.resolve(LockFile.NAME), "garbage");

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "restore")) {
            assertThat(lock.tookOverFrom()).hasValueSatisfying(holder -> assertThat(holder.pid()).isEqualTo(-1));
        }
    }

    @Test
    void aCommandCannotBreakTheLockFileFormat() {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup\npid=1")) {
            assertThat(LockFileContent.decode(LockFileContent.encode(lock.holder())))
                    .hasValueSatisfying(holder -> {
                        assertThat(holder.pid()).isEqualTo(PID);
                        assertThat(holder.command()).isEqualTo("backup pid=1");
                    });
        }
    }

    @Test
    void anInterruptedWaitEndsWithAnInterruption() throws Exception {
        try (RepositoryLock held = repository.lock(Duration.ZERO, "first")) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    repository.lock(Duration.ofMinutes(5), "second").close();
                    outcome.complete(null);
                } catch (RuntimeException e) {
                    outcome.complete(e);
                }
            });
            waiter.start();

            assertThat(outcome.get(60, TimeUnit.SECONDS)).isInstanceOf(OperationInterruptedException.class);
            assertThat(held.holder().command()).isEqualTo("first");
        }
    }
}
