package dev.lifeboat.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.IdentityFile;
import dev.lifeboat.domain.model.Recipient;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.port.in.CopyBackupsCommand;
import dev.lifeboat.domain.port.in.CopyReport;
import dev.lifeboat.domain.port.in.CreateBackupCommand;
import dev.lifeboat.domain.port.in.VerifyBackupCommand;
import dev.lifeboat.domain.port.in.VerifyReport;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveEncryption;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.ArchiveWriter;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.DatabaseSummary;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.Recognition;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the services do with encrypted archives, through a stand-in for the encryption adapter. */
class EncryptedArchivesTest {

    private static final String STEM = "shop_2026-11-24T10-58-24Z";
    private static final BackupName ENCRYPTED = new BackupName(STEM + BackupName.ENCRYPTED_SUFFIX);
    private static final BackupName PLAIN = new BackupName(STEM + BackupName.SUFFIX);
    private static final Recipient KEY = new Recipient("key-one");
    private static final byte[] PLAINTEXT = "the tar with its parts and manifest".getBytes(StandardCharsets.UTF_8);

    private final ArchiveCodec codec = mock(ArchiveCodec.class);
    private final BackupRepository repository = mock(BackupRepository.class);
    private final ArchiveReader reader = mock(ArchiveReader.class);
    private final FakeEncryption encryption = new FakeEncryption();

    @TempDir
    Path dir;
    private DirectoryScratch scratch;
    private IdentityFile rightKey;
    private IdentityFile wrongKey;

    @BeforeEach
    void wire() throws IOException {
        scratch = new DirectoryScratch(Files.createDirectory(dir.resolve("scratch")));
        rightKey = new IdentityFile(Files.writeString(dir.resolve("right.txt"), KEY.value()));
        wrongKey = new IdentityFile(Files.writeString(dir.resolve("wrong.txt"), "key-two"));
        when(repository.location()).thenReturn("/backups");
        when(repository.openScratch()).thenReturn(scratch);
        when(reader.manifest()).thenReturn(Fixtures.manifest("shop", Fixtures.NOW));
        when(reader.manifestDocument()).thenReturn("{}");
        when(reader.parts()).thenReturn(List.of());
    }

    @Test
    void a_backup_with_recipients_is_written_through_the_encryption_and_keeps_no_manifest_copy() {
        DatabaseLocation source = DatabaseLocation.of("/data/shop.db");
        DatabaseEngine engine = mock(DatabaseEngine.class);
        when(engine.id()).thenReturn("sqlite");
        when(engine.recognize(source)).thenReturn(Recognition.recognized());
        when(engine.summarize(source)).thenReturn(new DatabaseSummary("shop", 1_000, 1_000));
        when(engine.backup(any())).thenReturn(new EngineBackup(Fixtures.description(1_000), Fixtures.fingerprint(),
                List.of()));
        RepositoryLock lock = mock(RepositoryLock.class);
        when(lock.tookOverFrom()).thenReturn(Optional.empty());
        when(repository.lock(any(), anyString())).thenReturn(lock);
        when(repository.usableSpace()).thenReturn(1_000_000L);
        // the plain name's stem is taken by an encrypted archive of the same second
        when(repository.contains(ENCRYPTED)).thenReturn(true);
        NewArchive archive = mock(NewArchive.class);
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        when(archive.output()).thenReturn(stored);
        when(repository.create(any(), eq(lock))).thenReturn(archive);
        StoredArchive committed = mock(StoredArchive.class);
        when(committed.info()).thenReturn(Fixtures.archive(STEM + "-2" + BackupName.ENCRYPTED_SUFFIX));
        when(archive.commit(Optional.<String>empty())).thenReturn(committed);
        ArchiveWriter writer = mock(ArchiveWriter.class);
        AtomicReference<OutputStream> written = new AtomicReference<>();
        when(codec.newWriter(any(), any(), any())).thenAnswer(invocation -> {
            written.set(invocation.getArgument(0));
            return writer;
        });
        when(writer.finish(any())).thenAnswer(invocation -> {
            written.get().write(PLAINTEXT);
            return "{\"manifest\": true}";
        });
        CreateBackupService service = new CreateBackupService(new EngineRegistry(List.of(engine)), codec, repository,
                Clock.fixed(Fixtures.NOW, ZoneOffset.UTC), "1.2.3", new ArchiveKeys(Optional.of(encryption),
                Optional.empty()));

        var report = service.backup(CreateBackupCommand.of(source).withRecipients(List.of(KEY)), Progress.NONE);

        verify(repository).create(new BackupName(STEM + "-2" + BackupName.ENCRYPTED_SUFFIX), lock);
        verify(archive).commit(Optional.<String>empty());
        verify(archive, never()).commit(anyString());
        assertThat(encryption.decryptBytes(stored.toByteArray(), KEY.value())).isEqualTo(PLAINTEXT);
        assertThat(new String(stored.toByteArray(), StandardCharsets.UTF_8)).doesNotContain("tar with its parts");
        assertThat(report.manifest().options()).containsEntry("encrypted-to", "key-one");
    }

    @Test
    void an_encrypted_archive_is_listed_from_its_name_and_size_without_being_opened() {
        StoredArchive archive = stored(ENCRYPTED, encryption.encryptBytes(PLAINTEXT, KEY));
        when(repository.list()).thenReturn(List.of(archive));

        List<BackupListing> listing = new ListBackupsService(codec, repository).list(Optional.of("shop"));

        assertThat(listing).singleElement().satisfies(entry -> {
            assertThat(entry.encrypted()).isTrue();
            assertThat(entry.manifest()).isEmpty();
            assertThat(entry.problem()).isEmpty();
            assertThat(ArchiveLookup.createdAt(entry)).isEqualTo(Instant.parse("2026-11-24T10:58:24Z"));
        });
        verify(codec, never()).open(any(), anyString());
    }

    @Test
    void a_stem_finds_the_encrypted_archive_and_without_an_identity_opening_it_is_a_usage_error() {
        StoredArchive archive = stored(ENCRYPTED, encryption.encryptBytes(PLAINTEXT, KEY));
        when(repository.find(PLAIN)).thenReturn(Optional.empty());
        when(repository.find(ENCRYPTED)).thenReturn(Optional.of(archive));

        InspectBackupService inspect = new InspectBackupService(codec, repository,
                new ArchiveKeys(Optional.of(encryption), Optional.empty()));

        assertThatThrownBy(() -> inspect.inspect(new BackupReference.Named(STEM)))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage(ENCRYPTED + " is encrypted: give the identity file that decrypts it with --identity FILE "
                        + "or LIFEBOAT_IDENTITY_FILE");
        verify(repository, never()).openScratch();
    }

    @Test
    void with_the_identity_the_codec_reads_the_whole_authenticated_plaintext_which_is_deleted_after() {
        StoredArchive archive = stored(ENCRYPTED, encryption.encryptBytes(PLAINTEXT, KEY));
        when(repository.find(ENCRYPTED)).thenReturn(Optional.of(archive));
        List<byte[]> opened = new ArrayList<>();
        when(codec.open(any(), eq(ENCRYPTED.value()))).thenAnswer(invocation -> {
            opened.add(readAll(invocation.getArgument(0)));
            return reader;
        });

        var inspection = new InspectBackupService(codec, repository,
                new ArchiveKeys(Optional.of(encryption), Optional.of(rightKey))).inspect(new BackupReference.Named(
                ENCRYPTED.value()));

        assertThat(inspection.manifest().databaseName()).isEqualTo("shop");
        assertThat(opened).singleElement().isEqualTo(PLAINTEXT);
        assertThat(scratch.remaining()).isEmpty();
        verify(reader).close();
    }

    @Test
    void a_killed_runs_decrypted_copy_is_removed_under_the_lock_before_another_is_made() {
        StoredArchive archive = stored(ENCRYPTED, encryption.encryptBytes(PLAINTEXT, KEY));
        when(repository.find(ENCRYPTED)).thenReturn(Optional.of(archive));
        RepositoryLock lock = mock(RepositoryLock.class);
        when(repository.lock(Duration.ZERO, "decrypting " + ENCRYPTED)).thenReturn(lock);
        when(repository.removeLeftovers()).thenReturn(List.of(".lifeboat-tmp-41.x-decrypted"));
        when(codec.open(any(), anyString())).thenReturn(reader);

        new InspectBackupService(codec, repository, new ArchiveKeys(Optional.of(encryption), Optional.of(rightKey)))
                .inspect(new BackupReference.Named(ENCRYPTED.value()));

        var order = org.mockito.Mockito.inOrder(repository, lock);
        order.verify(repository).lock(Duration.ZERO, "decrypting " + ENCRYPTED);
        order.verify(repository).removeLeftovers();
        order.verify(lock).close();
        order.verify(repository).openScratch();
    }

    /** A host with read-only credentials for a bucket cannot take the lock; it may still read and decrypt. */
    @Test
    void a_host_that_may_not_write_the_repository_still_decrypts_leaving_the_sweep_to_a_host_that_may() {
        StoredArchive archive = stored(ENCRYPTED, encryption.encryptBytes(PLAINTEXT, KEY));
        when(repository.find(ENCRYPTED)).thenReturn(Optional.of(archive));
        when(repository.lock(Duration.ZERO, "decrypting " + ENCRYPTED))
                .thenThrow(new UnavailableException("cannot write the lock of repository s3://b/p: Access Denied"));
        when(codec.open(any(), anyString())).thenReturn(reader);

        var inspection = new InspectBackupService(codec, repository,
                new ArchiveKeys(Optional.of(encryption), Optional.of(rightKey))).inspect(new BackupReference.Named(
                ENCRYPTED.value()));

        assertThat(inspection.manifest().databaseName()).isEqualTo("shop");
        verify(repository, never()).removeLeftovers();
        assertThat(scratch.remaining()).isEmpty();
    }

    @Test
    void a_prepared_restore_decrypts_once_for_its_plan_and_its_restore_and_deletes_the_copy_when_closed() {
        StoredArchive archive = stored(ENCRYPTED, encryption.encryptBytes(PLAINTEXT, KEY));
        when(repository.find(ENCRYPTED)).thenReturn(Optional.of(archive));
        when(codec.open(any(), anyString())).thenReturn(reader);
        DatabaseEngine engine = mock(DatabaseEngine.class);
        when(engine.id()).thenReturn("sqlite");
        DatabaseLocation target = DatabaseLocation.of("/restored/shop.db");
        when(engine.probeTarget(target)).thenReturn(dev.lifeboat.domain.spi.TargetState.ABSENT);
        when(engine.restore(any())).thenReturn(new dev.lifeboat.domain.spi.RestoreOutcome("/restored/shop.db",
                List.of(VerificationCheck.passed("fingerprint", "match")), List.of()));
        RestoreBackupService service = new RestoreBackupService(new EngineRegistry(List.of(engine)), codec,
                repository, repository, Clock.fixed(Fixtures.NOW, ZoneOffset.UTC), "1.2.3",
                new ArchiveKeys(Optional.of(encryption), Optional.of(rightKey)));

        try (var prepared = service.prepare(new dev.lifeboat.domain.port.in.RestoreBackupCommand(
                new BackupReference.Named(STEM), Optional.of(target), false, Duration.ZERO, Map.of()))) {
            assertThat(prepared.plan().target()).isEqualTo(target);
            assertThat(prepared.restore(Progress.NONE).checks()).extracting(VerificationCheck::name)
                    .contains("archive checksum", "fingerprint");
            assertThat(scratch.remaining()).as("the decrypted copy while the restore is prepared").hasSize(1);
        }

        assertThat(encryption.decryptions).isEqualTo(1);
        assertThat(scratch.remaining()).isEmpty();
    }

    @Test
    void the_wrong_identity_on_an_intact_archive_is_unavailable_and_on_a_damaged_one_a_verification_failure() {
        byte[] bytes = encryption.encryptBytes(PLAINTEXT, KEY);
        StoredArchive intact = stored(ENCRYPTED, bytes);
        when(repository.find(ENCRYPTED)).thenReturn(Optional.of(intact));
        InspectBackupService withWrongKey = new InspectBackupService(codec, repository,
                new ArchiveKeys(Optional.of(encryption), Optional.of(wrongKey)));

        assertThatThrownBy(() -> withWrongKey.inspect(new BackupReference.Named(ENCRYPTED.value())))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("matches no recipient");
        assertThat(scratch.remaining()).isEmpty();

        StoredArchive damaged = stored(ENCRYPTED, bytes, sha256("other bytes".getBytes(StandardCharsets.UTF_8)));
        when(repository.find(ENCRYPTED)).thenReturn(Optional.of(damaged));
        assertThatThrownBy(() -> withWrongKey.inspect(new BackupReference.Named(ENCRYPTED.value())))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining(ENCRYPTED + " is damaged: SHA-256 of");
        assertThat(scratch.remaining()).isEmpty();
        verify(codec, never()).open(any(), anyString());
    }

    @Test
    void damage_found_while_decrypting_leaves_no_plaintext_and_opens_nothing() {
        byte[] bytes = encryption.encryptBytes(PLAINTEXT, KEY);
        bytes[bytes.length - 1] ^= 1;
        StoredArchive archive = stored(ENCRYPTED, bytes);
        when(repository.find(ENCRYPTED)).thenReturn(Optional.of(archive));

        assertThatThrownBy(() -> new InspectBackupService(codec, repository,
                new ArchiveKeys(Optional.of(encryption), Optional.of(rightKey)))
                .inspect(new BackupReference.Named(ENCRYPTED.value())))
                .isInstanceOf(VerificationFailedException.class);
        assertThat(scratch.remaining()).isEmpty();
        verify(codec, never()).open(any(), anyString());
    }

    @Test
    void verify_without_an_identity_checks_the_sidecar_and_the_header_and_says_what_it_left_out() {
        StoredArchive archive = stored(ENCRYPTED, encryption.encryptBytes(PLAINTEXT, KEY));
        when(repository.find(ENCRYPTED)).thenReturn(Optional.of(archive));
        VerifyBackupService service = new VerifyBackupService(new EngineRegistry(List.of()), codec, repository,
                repository, new ArchiveKeys(Optional.of(encryption), Optional.empty()));

        VerifyReport report = service.verify(new VerifyBackupCommand(new BackupReference.Named(ENCRYPTED.value()),
                false, Map.of()), Progress.NONE);

        assertThat(report.passed()).isTrue();
        assertThat(report.checks()).extracting(VerificationCheck::name, VerificationCheck::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("archive checksum", CheckStatus.PASSED),
                org.assertj.core.groups.Tuple.tuple("encryption header", CheckStatus.PASSED),
                org.assertj.core.groups.Tuple.tuple("manifest and parts", CheckStatus.WARNING));
        assertThat(report.checks().get(1).detail()).isEqualTo("fake header for 1 recipient; its authentication code "
                + "needs the identity");
        assertThat(report.checks().get(2).detail()).contains("need the identity (--identity FILE");
        verify(codec, never()).open(any(), anyString());

        assertThatThrownBy(() -> service.verify(new VerifyBackupCommand(new BackupReference.Named(ENCRYPTED.value()),
                true, Map.of()), Progress.NONE)).isInstanceOf(InvalidUsageException.class)
                .hasMessageContaining("--identity");
    }

    @Test
    void verify_without_an_identity_fails_a_damaged_archive_by_its_sidecar() {
        StoredArchive archive = stored(ENCRYPTED, encryption.encryptBytes(PLAINTEXT, KEY), sha256(new byte[1]));
        when(repository.find(ENCRYPTED)).thenReturn(Optional.of(archive));
        VerifyReport report = new VerifyBackupService(new EngineRegistry(List.of()), codec, repository, repository,
                new ArchiveKeys(Optional.of(encryption), Optional.empty()))
                .verify(new VerifyBackupCommand(new BackupReference.Named(ENCRYPTED.value()), false, Map.of()),
                        Progress.NONE);

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(VerificationCheck::name).containsExactly("archive checksum");
    }

    @Test
    void copy_moves_an_encrypted_archive_as_its_bytes_and_refuses_a_target_holding_the_plain_twin() {
        byte[] bytes = encryption.encryptBytes(PLAINTEXT, KEY);
        StoredArchive archive = stored(ENCRYPTED, bytes);
        when(repository.find(ENCRYPTED)).thenReturn(Optional.of(archive));
        BackupRepository target = mock(BackupRepository.class);
        when(target.location()).thenReturn("/offsite");
        RepositoryLock lock = mock(RepositoryLock.class);
        when(lock.tookOverFrom()).thenReturn(Optional.empty());
        when(target.lock(any(), anyString())).thenReturn(lock);
        when(target.find(ENCRYPTED)).thenReturn(Optional.empty());
        when(target.usableSpace()).thenReturn(1_000_000L);
        NewArchive created = mock(NewArchive.class);
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        when(created.output()).thenReturn(copied);
        StoredArchive copy = stored(ENCRYPTED, bytes);
        when(created.commit(Optional.<String>empty())).thenReturn(copy);
        when(target.create(ENCRYPTED, lock)).thenReturn(created);
        CopyBackupsCommand command = new CopyBackupsCommand(Optional.of(new BackupReference.Named(ENCRYPTED.value())),
                false, Duration.ZERO);

        CopyReport report = new CopyBackupsService(codec, repository, target).copy(command, Progress.NONE);

        assertThat(report.archives()).singleElement().satisfies(entry ->
                assertThat(entry.outcome()).as(entry.detail()).isEqualTo(dev.lifeboat.domain.port.in.ArchiveCopy.Outcome.COPIED));
        assertThat(copied.toByteArray()).isEqualTo(bytes);
        verify(codec, never()).open(any(), anyString());

        when(target.contains(PLAIN)).thenReturn(true);
        CopyReport refused = new CopyBackupsService(codec, repository, target).copy(command, Progress.NONE);
        assertThat(refused.archives()).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(dev.lifeboat.domain.port.in.ArchiveCopy.Outcome.REFUSED);
            assertThat(entry.detail()).contains("the target has " + PLAIN);
        });
    }

    @Test
    void prune_groups_encrypted_archives_by_their_name_apart_from_plain_ones_and_keeps_the_newest() {
        BackupName older = new BackupName("shop_2026-11-20T10-00-00Z" + BackupName.ENCRYPTED_SUFFIX);
        BackupName newer = new BackupName("shop_2026-11-21T10-00-00Z" + BackupName.ENCRYPTED_SUFFIX);
        BackupName other = new BackupName("wiki_2026-11-19T10-00-00Z" + BackupName.ENCRYPTED_SUFFIX);
        StoredArchive olderArchive = stored(older, new byte[] {1});
        StoredArchive newerArchive = stored(newer, new byte[] {2});
        StoredArchive otherArchive = stored(other, new byte[] {3});
        when(repository.list()).thenReturn(List.of(olderArchive, newerArchive, otherArchive));

        var report = new PruneBackupsService(codec, repository).prune(new dev.lifeboat.domain.port.in.PruneCommand(
                new dev.lifeboat.domain.policy.RetentionPolicy(1, 0, 0, 0, 0, 0, Optional.empty()),
                dev.lifeboat.domain.policy.GroupField.DEFAULT, Optional.empty(), true, Duration.ZERO));

        assertThat(report.unreadable()).isEmpty();
        assertThat(report.groups()).extracting(group -> group.key().get("database")).containsExactlyInAnyOrder("shop",
                "wiki");
        assertThat(report.groups()).flatExtracting(group -> group.removed()).extracting(decision -> decision.name())
                .containsExactly(older.value());
        verify(codec, never()).open(any(), anyString());
    }

    private static StoredArchive stored(BackupName name, byte[] bytes) {
        return stored(name, bytes, sha256(bytes));
    }

    private static String sha256(byte[] bytes) {
        return Sha256.hex(Sha256.newDigest().digest(bytes));
    }

    private static StoredArchive stored(BackupName name, byte[] bytes, String sidecar) {
        StoredArchive archive = mock(StoredArchive.class);
        when(archive.info()).thenReturn(new dev.lifeboat.domain.model.ArchiveInfo(name, "/backups/" + name,
                bytes.length, Fixtures.NOW.plusSeconds(3600)));
        when(archive.open()).thenAnswer(invocation -> Fixtures.channelOver(bytes));
        when(archive.recordedSha256()).thenReturn(Optional.of(sidecar));
        when(archive.manifestCopy()).thenReturn(Optional.empty());
        return archive;
    }

    private static byte[] readAll(SeekableByteChannel channel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(7);
        while (channel.read(buffer) >= 0) {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        channel.close();
        return out.toByteArray();
    }

    /**
     * Not cryptography: a header naming the recipients, then the bytes XORed, then a byte summing them, so damage,
     * truncation and the wrong key are each found as the real adapter finds them.
     */
    private static final class FakeEncryption implements ArchiveEncryption {

        private int decryptions;

        @Override
        public Recipient parseRecipient(String text) {
            return new Recipient(text);
        }

        @Override
        public OutputStream encrypt(OutputStream target, List<Recipient> recipients) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            return new FilterOutputStream(body) {
                @Override
                public void close() throws IOException {
                    target.write(encryptBytes(body.toByteArray(), recipients.toArray(Recipient[]::new)));
                }
            };
        }

        byte[] encryptBytes(byte[] plain, Recipient... recipients) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("fake:" + String.join(",", Arrays.stream(recipients).map(Recipient::value).toList())
                    + "\n").getBytes(StandardCharsets.UTF_8));
            byte sum = 0;
            for (byte b : plain) {
                out.write(b ^ 0x5a);
                sum += b;
            }
            out.write(sum);
            return out.toByteArray();
        }

        byte[] decryptBytes(byte[] stored, String key) {
            String text = new String(stored, StandardCharsets.ISO_8859_1);
            int newline = text.indexOf('\n');
            if (!text.startsWith("fake:") || newline < 0) {
                throw new VerificationFailedException("not a fake file");
            }
            if (!Arrays.asList(text.substring(5, newline).split(",")).contains(key)) {
                throw new UnavailableException("the identity matches no recipient");
            }
            byte[] plain = new byte[stored.length - newline - 2];
            byte sum = 0;
            for (int i = 0; i < plain.length; i++) {
                plain[i] = (byte) (stored[newline + 1 + i] ^ 0x5a);
                sum += plain[i];
            }
            if (sum != stored[stored.length - 1]) {
                throw new VerificationFailedException("the data does not authenticate");
            }
            return plain;
        }

        @Override
        public void decrypt(InputStream encrypted, IdentityFile identity, OutputStream plaintext, String archiveName) {
            decryptions++;
            try {
                plaintext.write(decryptBytes(encrypted.readAllBytes(), Files.readString(identity.path())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String describeHeader(InputStream encrypted, String archiveName) {
            try {
                String text = new String(encrypted.readAllBytes(), StandardCharsets.ISO_8859_1);
                return "fake header for " + text.substring(5, text.indexOf('\n')).split(",").length + " recipient";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Recipient generateIdentity(Path file) {
            throw new UnsupportedOperationException();
        }
    }
}
