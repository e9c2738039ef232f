package dev.lifeboat.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.LockHolder;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.ScratchSpace;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every kind of repository must do, wherever it keeps archives (a local directory, an object store bucket). A
 * repository module extends this class, gives it the hooks below, and is then held to the same promises as every
 * other kind: the command line, the services and the user rely on them and on nothing else. Shipped in
 * backup-domain's test-jar: add {@code backup-domain} with {@code <type>test-jar</type>} and {@code <scope>test}.
 *
 * <p>The promises, in a user's words:
 * <ul>
 *   <li>a backup is published once and whole: an archive is visible under its name only when it is complete, a name
 *       is never given twice and an archive is never replaced;
 *   <li>what is listed reads back byte for byte, with random access, and carries the SHA-256 recorded when it was
 *       written, so {@code verify} can prove it;
 *   <li>one run at a time changes the repository: the lock is exclusive, names its holder, and nothing changes
 *       without it;
 *   <li>a crashed run's debris is found and removed by a later run, and nothing else ever is;
 *   <li>scratch files are private to their owner and gone when the run ends;
 *   <li>listing is cheap (it never reads archives) and archives of any size stream in and out;
 *   <li>a repository that is not there is reported as unavailable (exit 3), and never made by reading it.
 * </ul>
 *
 * <p>The hooks are few: {@link #provider()}, {@link #openRepository(boolean)}, {@link #openMissingRepository()} and
 * {@link #leaveTracesOfACrashedRun(BackupName)}. Nothing here assumes files: a repository may keep whatever it needs
 * beside its archives (a lock object, manifest copies), and the tests only look through the port.
 */
public abstract class BackupRepositoryContract {

    private static final BackupName NAME = new BackupName("contract_2026-01-01T00-00-00Z.lifeboat.tar");
    private static final BackupName OTHER = new BackupName("contract_2026-01-02T00-00-00Z.lifeboat.tar");
    private static final BackupName THIRD = new BackupName("contract_2026-01-03T00-00-00Z.lifeboat.tar");
    private static final String MANIFEST = """
            {"format":"lifeboat","version":2,"label":"nächtlich ✓","parts":[]}
            """;
    /** A record as a format writes it; the repository keeps it without reading it. */
    private static final String RECORD = "lifeboat verification 1\noutcome passed ✓\r\nsha256 0\n";
    /** A clock's granularity and skew between this machine and a store's server; never a measure of speed. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);
    /** How long a test waits for another thread; only a hang takes this long. */
    private static final long WAIT_SECONDS = 60;

    /** The provider of this kind of repository, the one {@link ServiceLoader} finds. */
    protected abstract BackupRepositoryProvider provider();

    /**
     * Opens the repository under test, as {@link BackupRepositoryProvider#open} would. It exists and is empty when a
     * test starts, and belongs to that test alone; every call within one test opens that same repository again, as
     * a second run of lifeboat would.
     *
     * @param create as for {@link BackupRepositoryProvider#open}
     */
    protected abstract BackupRepository openRepository(boolean create) throws Exception;

    /**
     * Opens, without {@code create}, a repository of this kind at a location where there is none (a directory never
     * made, a bucket never created). Either this call or the first use of what it returns must throw
     * {@link UnavailableException}; neither may create the repository.
     */
    protected abstract BackupRepository openMissingRepository() throws Exception;

    /**
     * Leaves in the repository under test what a run killed (SIGKILL, a power cut) while writing the archive
     * {@code name} leaves behind: the bytes it had written, its scratch files, whatever this kind keeps for a run in
     * progress. Nothing of that run is closed or committed, and no shutdown hook of it runs; killing a child process
     * is the truest way, abandoning a {@link NewArchive} without closing it is another.
     *
     * <p>The traces must be ones {@link BackupRepository#removeLeftovers()} may remove when the test calls it: as
     * old, and as far from any live process, as this kind requires before it calls a run dead (a file whose process
     * is gone; an upload older than the time a run may take). How to make them so is this kind's business (a child
     * process, a clock moved on). The repository's lock must be free again afterwards, as after a crash this kind
     * recovers from.
     */
    protected abstract void leaveTracesOfACrashedRun(BackupName name) throws Exception;

    /**
     * The command line finds a repository kind with {@link ServiceLoader} by the location a user gives, and prints
     * {@link BackupRepository#location()} in its output: a user who copies that location into {@code --repo} must
     * reach this kind of repository again, so the provider accepts it.
     */
    @Test
    void service_loader_finds_the_provider_and_it_accepts_the_location_it_reports() throws Exception {
        assertThat(provider().id()).matches("[a-z][a-z0-9-]*");
        assertThat(ServiceLoader.load(BackupRepositoryProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(found -> {
                    assertThat(found.id()).isEqualTo(provider().id());
                    assertThat(found.getClass()).isEqualTo(provider().getClass());
                });
        assertThat(provider().accepts(openRepository(false).location())).isTrue();
    }

    /** A new repository lists nothing, and its first run finds nothing to clean up. */
    @Test
    void an_empty_repository_lists_nothing_and_has_no_leftovers() throws Exception {
        BackupRepository repository = openRepository(true);

        assertThat(repository.list()).isEmpty();
        assertThat(repository.find(NAME)).isEmpty();
        assertThat(repository.contains(NAME)).isFalse();
        assertThat(repository.usableSpace()).isPositive();
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup")) {
            assertThat(repository.removeLeftovers()).isEmpty();
        }
    }

    /**
     * A committed archive is what {@code list}, {@code latest}, {@code verify NAME} and {@code prune} see: the same
     * name, size and time whichever way it is reached, also by a later run.
     */
    @Test
    void a_committed_archive_is_found_listed_and_its_name_taken() throws Exception {
        byte[] data = randomBytes(1_000_003, 1);
        Instant before = Instant.now();

        StoredArchive committed = commitArchive(NAME, data);

        Instant after = Instant.now();
        ArchiveInfo info = committed.info();
        assertThat(info.name()).isEqualTo(NAME);
        assertThat(info.sizeBytes()).isEqualTo(data.length);
        assertThat(info.location()).isNotBlank();
        assertThat(info.modifiedAt()).isBetween(before.minus(CLOCK_TOLERANCE), after.plus(CLOCK_TOLERANCE));
        BackupRepository later = openRepository(false);
        assertThat(later.contains(NAME)).isTrue();
        assertThat(later.find(NAME)).map(StoredArchive::info).contains(info);
        assertThat(later.list()).extracting(StoredArchive::info).containsExactly(info);
        assertThat(later.contains(OTHER)).isFalse();
        assertThat(later.find(OTHER)).isEmpty();
    }

    /**
     * Restore and verify read an archive by seeking: the codec reads its end first (the manifest), then each part
     * where it starts. Every byte must come back as written, from any position, and nothing may write to it.
     */
    @Test
    void a_committed_archive_reads_back_byte_for_byte_from_any_position() throws Exception {
        byte[] data = randomBytes(700_001, 2);
        commitArchive(NAME, data);
        StoredArchive stored = openRepository(false).find(NAME).orElseThrow();

        try (SeekableByteChannel channel = stored.open()) {
            assertThat(channel.size()).isEqualTo(data.length);
            assertThat(readFully(channel, data.length)).isEqualTo(data);
            assertThat(channel.read(ByteBuffer.allocate(10))).as("a read at the end").isEqualTo(-1);

            channel.position(data.length - 1000);
            assertThat(readFully(channel, 1000)).isEqualTo(Arrays.copyOfRange(data, data.length - 1000, data.length));
            channel.position(12_345);
            assertThat(channel.position()).isEqualTo(12_345);
            assertThat(readFully(channel, 100_000)).isEqualTo(Arrays.copyOfRange(data, 12_345, 112_345));
            assertThat(channel.position()).isEqualTo(112_345);
            channel.position(0);
            assertThat(readFully(channel, 10)).isEqualTo(Arrays.copyOfRange(data, 0, 10));
            channel.position(data.length + 10L);
            assertThat(channel.read(ByteBuffer.allocate(10))).as("a read past the end").isEqualTo(-1);

            assertThatThrownBy(() -> channel.write(ByteBuffer.wrap(new byte[] {1})))
                    .isInstanceOf(NonWritableChannelException.class);
        }
        try (SeekableByteChannel first = stored.open(); SeekableByteChannel second = stored.open()) {
            first.position(500_000);
            assertThat(readFully(second, 10)).as("channels are independent").isEqualTo(Arrays.copyOfRange(data, 0, 10));
            assertThat(readFully(first, 10)).isEqualTo(Arrays.copyOfRange(data, 500_000, 500_010));
        }
    }

    /**
     * {@code verify} compares an archive with the SHA-256 recorded when it was written ({@code sha256sum -c} for a
     * directory): the recording must be there for every committed archive and be the hash of exactly its bytes.
     */
    @Test
    void the_recorded_sha256_is_that_of_the_archive_bytes() throws Exception {
        byte[] data = randomBytes(300_007, 3);
        String expected = Sha256.hex(Sha256.newDigest().digest(data));

        StoredArchive committed = commitArchive(NAME, data);

        assertThat(committed.recordedSha256()).contains(expected);
        BackupRepository later = openRepository(false);
        assertThat(later.find(NAME).orElseThrow().recordedSha256()).contains(expected);
        assertThat(later.list()).singleElement().satisfies(archive ->
                assertThat(archive.recordedSha256()).contains(expected));
    }

    /**
     * A repository may keep a copy of the manifest beside an archive so that {@code list} need not open archives. It
     * is optional, but if kept it is the document given to commit, unchanged to the byte (any character, any line
     * break), and the same however the archive is reached.
     */
    @Test
    void the_manifest_copy_is_absent_or_exactly_the_document_committed() throws Exception {
        StoredArchive committed = commitArchive(NAME, randomBytes(10_000, 4));
        BackupRepository later = openRepository(false);
        Optional<String> found = later.find(NAME).orElseThrow().manifestCopy();
        Optional<String> listed = later.list().get(0).manifestCopy();

        for (Optional<String> copy : List.of(committed.manifestCopy(), found, listed)) {
            copy.ifPresent(document -> assertThat(document).isEqualTo(MANIFEST));
        }
        assertThat(listed).as("the copy a listing shows and the one find shows").isEqualTo(found);
    }

    /**
     * A backup that fails or is interrupted before its commit leaves no archive anyone could mistake for a backup:
     * not while it is written, not after it is closed. Its name stays free, so the next run can use it. (That the
     * close removed the bytes written is seen here only where the sweep would find them; a kind whose sweep spares
     * the files of live processes checks its storage in its own tests.)
     */
    @Test
    void an_archive_never_committed_is_invisible_and_its_name_stays_free() throws Exception {
        BackupRepository repository = openRepository(true);
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup")) {
            try (NewArchive archive = repository.create(NAME, lock)) {
                assertThat(archive.name()).isEqualTo(NAME);
                archive.output().write(randomBytes(500_000, 5));
                archive.output().flush();

                assertInvisible(repository, NAME);
                assertInvisible(openRepository(false), NAME);
            }
            assertInvisible(repository, NAME);
            assertThat(repository.removeLeftovers()).as("what a closed archive left").isEmpty();
        }

        byte[] second = randomBytes(1000, 6);
        commitArchive(NAME, second);
        assertThat(readAll(openRepository(false).find(NAME).orElseThrow())).isEqualTo(second);
    }

    /** An archive, once committed, is final: no more bytes, no second commit. */
    @Test
    void a_committed_archive_takes_no_more_bytes() throws Exception {
        BackupRepository repository = openRepository(true);
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup");
             NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(new byte[] {1, 2, 3});
            archive.commit(MANIFEST);

            assertThatThrownBy(() -> archive.output().write(4)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> archive.commit(MANIFEST)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(readAll(openRepository(false).find(NAME).orElseThrow())).containsExactly(1, 2, 3);
    }

    /** lifeboat never replaces a backup: a name that is taken is refused, saying which, and the archive stays. */
    @Test
    void a_taken_name_is_refused_and_the_archive_kept() throws Exception {
        byte[] data = randomBytes(2000, 7);
        commitArchive(NAME, data);
        BackupRepository repository = openRepository(true);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup")) {
            assertThatThrownBy(() -> repository.create(NAME, lock))
                    .isInstanceOf(RefusedException.class)
                    .hasMessageContaining(NAME.value());
        }

        assertUnchanged(NAME, data);
    }

    /**
     * Publishing is atomic and once only: when two archives of the same name are written at once (two hosts, two
     * runs that picked the same name), the first commit wins and the second is refused; the winner is never
     * replaced, nor its recorded checksum.
     */
    @Test
    void of_two_archives_written_under_one_name_the_second_commit_is_refused() throws Exception {
        byte[] first = randomBytes(200_000, 8);
        byte[] second = randomBytes(200_000, 9);
        BackupRepository repository = openRepository(true);
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup");
             NewArchive winner = repository.create(NAME, lock);
             NewArchive loser = repository.create(NAME, lock)) {
            winner.output().write(first);
            loser.output().write(second);

            winner.commit(MANIFEST);

            assertThatThrownBy(() -> loser.commit(MANIFEST))
                    .isInstanceOf(RefusedException.class)
                    .hasMessageContaining(NAME.value());
        }

        assertUnchanged(NAME, first);
    }

    /**
     * The lock is what keeps a prune from deleting under a backup, and two runs from publishing at once: a change
     * with a lock that was released, or that this repository never gave out, is a bug in the caller, refused before
     * anything changes.
     */
    @Test
    void changing_the_repository_needs_its_lock_still_held() throws Exception {
        byte[] data = randomBytes(1000, 10);
        commitArchive(NAME, data);
        BackupRepository repository = openRepository(true);
        RepositoryLock released = repository.lock(Duration.ZERO, "backup");
        released.close();
        RepositoryLock forged = new ForgedLock(new LockHolder(ProcessHandle.current().pid(), "forged",
                Instant.now(), "a lock from elsewhere"));

        for (RepositoryLock lock : List.of(released, forged)) {
            assertThatThrownBy(() -> repository.create(OTHER, lock)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> repository.delete(NAME, lock)).isInstanceOf(IllegalStateException.class);
        }

        assertUnchanged(NAME, data);
        assertThat(repository.contains(OTHER)).isFalse();
    }

    /** A backup whose lock was released while it was written (by a bug) must not publish: prune may be running. */
    @Test
    void an_archive_is_not_committed_after_its_lock_was_released() throws Exception {
        BackupRepository repository = openRepository(true);
        RepositoryLock lock = repository.lock(Duration.ZERO, "backup");
        try (NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(randomBytes(1000, 11));
            lock.close();

            assertThatThrownBy(() -> archive.commit(MANIFEST)).isInstanceOf(IllegalStateException.class);
        }

        assertInvisible(openRepository(false), NAME);
    }

    /**
     * One run at a time: a second lock is refused at once with a timeout of zero, by this repository object or
     * another on the same repository, and the refusal names what the holder is doing so the user knows whom to
     * wait for. Released, the lock can be taken again; releasing twice is harmless.
     */
    @Test
    void the_lock_is_exclusive_and_names_its_holder() throws Exception {
        BackupRepository repository = openRepository(true);
        BackupRepository secondRun = openRepository(true);
        RepositoryLock lock = repository.lock(Duration.ZERO, "backup of app.db");

        LockHolder holder = lock.holder();
        assertThat(holder.command()).isEqualTo("backup of app.db");
        assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(holder.host()).isNotBlank();
        assertThat(lock.tookOverFrom()).isEmpty();
        for (BackupRepository contender : List.of(repository, secondRun)) {
            assertThatThrownBy(() -> contender.lock(Duration.ZERO, "prune"))
                    .isInstanceOf(LockedException.class)
                    .hasMessageContaining("backup of app.db");
        }
        assertThatThrownBy(() -> secondRun.lock(Duration.ofMillis(300), "prune"))
                .isInstanceOf(LockedException.class);

        lock.close();
        lock.close();

        try (RepositoryLock again = secondRun.lock(Duration.ZERO, "prune")) {
            assertThat(again.holder().command()).isEqualTo("prune");
            assertThat(again.tookOverFrom()).as("a lock released in order is not a stale one").isEmpty();
        }
        repository.lock(Duration.ZERO, "backup").close();
    }

    /** {@code --lock-timeout}: a run that waits gets the lock once the holder releases it. */
    @Test
    void a_waiting_run_gets_the_lock_when_it_is_released() throws Exception {
        BackupRepository repository = openRepository(true);
        BackupRepository secondRun = openRepository(true);
        RepositoryLock first = repository.lock(Duration.ZERO, "backup");
        CompletableFuture<RepositoryLock> waiter = CompletableFuture.supplyAsync(
                () -> secondRun.lock(Duration.ofMinutes(5), "prune"));

        first.close();

        try (RepositoryLock second = waiter.get(WAIT_SECONDS, TimeUnit.SECONDS)) {
            assertThat(second.holder().command()).isEqualTo("prune");
        }
    }

    /**
     * {@code prune} deletes an archive with everything kept beside it: it is gone from every view, nothing of it is
     * left for a later sweep, the other archives stay, and the name may be used again without the old checksum
     * coming back. A repository without a retention period always deletes.
     */
    @Test
    void delete_removes_the_archive_and_all_that_was_kept_beside_it() throws Exception {
        commitArchive(NAME, randomBytes(5000, 12));
        byte[] kept = randomBytes(6000, 13);
        commitArchive(OTHER, kept);
        BackupRepository repository = openRepository(true);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            assertThat(repository.delete(NAME, lock)).isTrue();

            assertInvisible(repository, NAME);
            assertThat(repository.list()).extracting(archive -> archive.info().name()).containsExactly(OTHER);
            assertThat(repository.removeLeftovers()).as("what the deletion left behind").isEmpty();
        }
        assertUnchanged(OTHER, kept);

        byte[] reused = randomBytes(7000, 14);
        commitArchive(NAME, reused);
        assertUnchanged(NAME, reused);
    }

    /**
     * {@code verify} records its outcome beside the archive, and {@code list}, {@code check} and {@code verify --all}
     * read it back later: the record reads back to the character however the archive is reached, a later
     * verification replaces it, it is never taken for an archive, and it goes with its archive, so an archive
     * written later under the same name starts unverified.
     */
    @Test
    void a_verification_record_is_kept_beside_its_archive_replaced_and_deleted_with_it() throws Exception {
        commitArchive(NAME, randomBytes(4000, 40));
        commitArchive(OTHER, randomBytes(4000, 41));
        BackupRepository repository = openRepository(false);
        assertThat(repository.find(NAME).orElseThrow().verificationRecord()).as("before any verification").isEmpty();

        repository.recordVerification(NAME, RECORD);

        BackupRepository later = openRepository(false);
        assertThat(later.find(NAME).orElseThrow().verificationRecord()).contains(RECORD);
        assertThat(later.list()).extracting(StoredArchive::verificationRecord)
                .containsExactlyInAnyOrder(Optional.of(RECORD), Optional.empty());
        assertThat(later.list()).extracting(archive -> archive.info().name()).containsExactlyInAnyOrder(NAME, OTHER);

        String second = RECORD.replace("passed", "failed");
        later.recordVerification(NAME, second);
        assertThat(openRepository(false).find(NAME).orElseThrow().verificationRecord()).contains(second);

        BackupRepository writer = openRepository(true);
        try (RepositoryLock lock = writer.lock(Duration.ZERO, "prune")) {
            assertThat(writer.delete(NAME, lock)).isTrue();
            assertThat(writer.removeLeftovers()).as("what the deletion left behind").isEmpty();
        }
        commitArchive(NAME, randomBytes(1000, 42));
        assertThat(openRepository(false).find(NAME).orElseThrow().verificationRecord())
                .as("the record of the archive deleted").isEmpty();
    }

    /**
     * A verification that ends just as a prune deletes its archive leaves a record without an archive: the next
     * sweep removes it, and leaves the records of archives that are there.
     */
    @Test
    void a_verification_record_without_its_archive_is_a_leftover() throws Exception {
        commitArchive(NAME, randomBytes(3000, 43));
        BackupRepository repository = openRepository(true);
        repository.recordVerification(NAME, RECORD);
        repository.recordVerification(OTHER, RECORD);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup")) {
            assertThat(repository.removeLeftovers()).containsExactly(OTHER.verificationRecordName());
        }
        assertThat(openRepository(false).find(NAME).orElseThrow().verificationRecord()).contains(RECORD);
        assertThat(openRepository(false).list()).extracting(archive -> archive.info().name()).containsExactly(NAME);
    }

    /**
     * A run that crashed leaves debris that would otherwise fill the repository forever; the next run removes it and
     * says what it removed. It never touches a committed archive, nor the archive or scratch files of a run still
     * going: that run then finishes as if nothing happened.
     */
    @Test
    void the_sweep_removes_a_crashed_runs_traces_and_nothing_else() throws Exception {
        BackupName crashed = THIRD;
        leaveTracesOfACrashedRun(crashed);
        BackupRepository repository = openRepository(true);
        assertInvisible(repository, crashed);
        byte[] kept = randomBytes(100_000, 15);
        byte[] inProgressData = randomBytes(400_000, 16);
        byte[] scratchData = randomBytes(1000, 17);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup")) {
            commitArchive(repository, lock, NAME, kept);
            try (ScratchSpace scratch = repository.openScratch();
                 NewArchive inProgress = repository.create(OTHER, lock)) {
                Path scratchFile = scratch.newFile("snapshot");
                Files.write(scratchFile, scratchData);
                inProgress.output().write(inProgressData, 0, 300_000);
                inProgress.output().flush();

                List<String> removed = repository.removeLeftovers();

                assertThat(removed).as("what the sweep says it removed").isNotEmpty()
                        .allSatisfy(name -> assertThat(name).isNotBlank().isNotIn(NAME.value(), NAME.sidecarName(),
                                OTHER.value(), OTHER.sidecarName()));
                assertThat(repository.removeLeftovers()).as("a second sweep").isEmpty();
                assertThat(scratchFile).as("the live run's scratch file").hasBinaryContent(scratchData);
                inProgress.output().write(inProgressData, 300_000, 100_000);
                inProgress.commit(MANIFEST);
            }
            assertInvisible(repository, crashed);
            commitArchive(repository, lock, crashed, new byte[] {7});
        }

        assertUnchanged(NAME, kept);
        assertUnchanged(OTHER, inProgressData);
        assertUnchanged(crashed, new byte[] {7});
    }

    /**
     * Engines spool and restore through scratch files (a database copy, compressed parts): they hold data, so only
     * their owner may read them, and they must not outlive the run. The archive writer and a parallel engine may make
     * them from several threads at once.
     */
    @Test
    void scratch_files_are_private_distinct_and_gone_after_close() throws Exception {
        BackupRepository repository = openRepository(true);
        List<Path> made = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (ScratchSpace scratch = repository.openScratch()) {
            List<Future<Path>> files = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                files.add(threads.submit(() -> scratch.newFile("part")));
            }
            for (Future<Path> file : files) {
                made.add(file.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            made.add(scratch.newFile("snapshot"));

            assertThat(made).doesNotHaveDuplicates().allSatisfy(file -> {
                assertThat(file).isRegularFile().isEmptyFile();
                assertOwnerOnly(file);
            });
            Files.write(made.get(0), randomBytes(100_000, 18));
            assertThat(repository.list()).as("scratch files are no archives").isEmpty();
        } finally {
            threads.shutdown();
        }

        assertThat(made).allSatisfy(file -> assertThat(file).doesNotExist());
    }

    /**
     * {@code list} must stay fast on a thousand archives, so it never opens one: an archive whose bytes are no
     * archive at all lists like any other, with its size.
     */
    @Test
    void listing_reads_no_archive_contents() throws Exception {
        byte[] garbage = randomBytes(65_537, 19);
        BackupRepository repository = openRepository(true);
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup")) {
            commitArchive(repository, lock, NAME, garbage);
            commitArchive(repository, lock, OTHER, new byte[] {0});
            commitArchive(repository, lock, THIRD, "not a tar".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(openRepository(false).list())
                .extracting(archive -> archive.info().name().value() + " " + archive.info().sizeBytes())
                .containsExactlyInAnyOrder(NAME.value() + " " + garbage.length, OTHER.value() + " 1",
                        THIRD.value() + " 9");
    }

    /**
     * Databases are larger than memory: an archive goes in through many small writes and comes back through a
     * channel without either side holding it whole. (Nor does this test: it hashes as it goes.)
     */
    @Test
    void a_large_archive_streams_in_and_out() throws Exception {
        long size = 40L * 1024 * 1024;
        Random random = new Random(20);
        MessageDigest written = Sha256.newDigest();
        BackupRepository repository = openRepository(true);
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup");
             NewArchive archive = repository.create(NAME, lock)) {
            OutputStream output = archive.output();
            byte[] chunk = new byte[16 * 1024];
            for (long remaining = size; remaining > 0; ) {
                int length = (int) Math.min(remaining, 1 + random.nextInt(chunk.length));
                random.nextBytes(chunk);
                output.write(chunk, 0, length);
                written.update(chunk, 0, length);
                remaining -= length;
            }
            archive.commit(MANIFEST);
        }
        String expected = Sha256.hex(written.digest());

        StoredArchive stored = openRepository(false).find(NAME).orElseThrow();
        assertThat(stored.info().sizeBytes()).isEqualTo(size);
        assertThat(stored.recordedSha256()).contains(expected);
        MessageDigest read = Sha256.newDigest();
        long total = 0;
        try (SeekableByteChannel channel = stored.open()) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            for (int n; (n = channel.read(buffer)) >= 0; buffer.clear()) {
                read.update(buffer.array(), 0, n);
                total += n;
            }
        }
        assertThat(total).isEqualTo(size);
        assertThat(Sha256.hex(read.digest())).isEqualTo(expected);
    }

    /**
     * An encrypted archive ({@code NAME.lifeboat.tar.age}) is an archive like any other to a repository: listed,
     * found, read back with its sidecar's SHA-256, deleted whole; committed without a manifest copy, it keeps none
     * (its manifest must never lie beside it in plaintext), and a crashed run's traces of one are swept as well.
     */
    @Test
    void an_encrypted_archive_is_kept_listed_and_deleted_like_a_plain_one_without_a_manifest_copy() throws Exception {
        BackupName encrypted = OTHER.asEncrypted();
        byte[] data = randomBytes(70_000, 30);
        BackupRepository repository = openRepository(true);
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup");
             NewArchive archive = repository.create(encrypted, lock)) {
            archive.output().write(data);
            archive.commit(Optional.empty());
        }
        commitArchive(NAME, randomBytes(1000, 31));

        BackupRepository reader = openRepository(false);
        assertThat(reader.list()).extracting(archive -> archive.info().name()).containsExactlyInAnyOrder(NAME,
                encrypted);
        assertThat(reader.contains(encrypted)).isTrue();
        assertThat(reader.contains(OTHER)).as("the plain name of the same stem").isFalse();
        assertUnchanged(encrypted, data);
        assertThat(reader.find(encrypted).orElseThrow().manifestCopy()).isEmpty();

        leaveTracesOfACrashedRun(THIRD.asEncrypted());
        BackupRepository writer = openRepository(true);
        try (RepositoryLock lock = writer.lock(Duration.ZERO, "prune")) {
            assertThat(writer.removeLeftovers()).isNotEmpty();
            assertInvisible(writer, THIRD.asEncrypted());
            assertThat(writer.delete(encrypted, lock)).isTrue();
        }
        assertInvisible(openRepository(false), encrypted);
        assertThat(openRepository(false).list()).extracting(archive -> archive.info().name()).containsExactly(NAME);
    }

    /**
     * A repository that is not there (a typo, an unmounted disk, a deleted bucket) is reported as unavailable,
     * exit 3, whatever the command; and looking for it does not make an empty one that would hide the mistake.
     */
    @Test
    void a_missing_repository_is_unavailable_and_stays_missing() {
        assertThatThrownBy(() -> openMissingRepository().list()).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> openMissingRepository().find(NAME)).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> openMissingRepository().lock(Duration.ZERO, "verify"))
                .isInstanceOf(UnavailableException.class);

        assertThatThrownBy(() -> openMissingRepository().list()).as("after it was looked for")
                .isInstanceOf(UnavailableException.class);
    }

    /** Writes and commits an archive in the repository under test, as one whole run. */
    protected StoredArchive commitArchive(BackupName name, byte[] data) throws Exception {
        BackupRepository repository = openRepository(true);
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup")) {
            return commitArchive(repository, lock, name, data);
        }
    }

    protected static StoredArchive commitArchive(BackupRepository repository, RepositoryLock lock, BackupName name,
                                                 byte[] data) throws IOException {
        try (NewArchive archive = repository.create(name, lock)) {
            archive.output().write(data);
            return archive.commit(MANIFEST);
        }
    }

    /** Bytes that are no archive, the same for the same seed. */
    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The archive still holds exactly these bytes, with their checksum, as a later run sees it. */
    private void assertUnchanged(BackupName name, byte[] data) throws Exception {
        StoredArchive stored = openRepository(false).find(name).orElseThrow();
        assertThat(stored.info().sizeBytes()).isEqualTo(data.length);
        assertThat(readAll(stored)).isEqualTo(data);
        assertThat(stored.recordedSha256()).contains(Sha256.hex(Sha256.newDigest().digest(data)));
    }

    private static void assertInvisible(BackupRepository repository, BackupName name) {
        assertThat(repository.contains(name)).as("contains " + name).isFalse();
        assertThat(repository.find(name)).as("find " + name).isEmpty();
        assertThat(repository.list()).extracting(archive -> archive.info().name()).doesNotContain(name);
    }

    /** Owner-only where the file system has POSIX permissions; elsewhere there is nothing to check. */
    private static void assertOwnerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            assertThat(Files.getPosixFilePermissions(file)).as("permissions of " + file)
                    .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)
                    .isSubsetOf(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE));
        }
    }

    private static byte[] readAll(StoredArchive archive) throws IOException {
        try (SeekableByteChannel channel = archive.open()) {
            return readFully(channel, Math.toIntExact(channel.size()));
        }
    }

    /** Reads exactly {@code length} bytes from the channel's position, or fails. */
    private static byte[] readFully(SeekableByteChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("the archive ended after " + buffer.position() + " of " + length + " bytes");
            }
        }
        return buffer.array();
    }

    /** A lock the repository under test never gave out. */
    private record ForgedLock(LockHolder holder) implements RepositoryLock {

        @Override
        public Optional<LockHolder> tookOverFrom() {
            return Optional.empty();
        }

        @Override
        public void close() {
            // nothing is held
        }
    }
}
