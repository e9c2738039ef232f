package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

class ArchivePublishingTest {

    private static final BackupName NAME = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");
    private static final String MANIFEST = "{\"format\":\"lifeboat\",\"database\":\"app\"}";

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private String bucket;
    private S3Repository repository;
    private RecordingInterceptor requests;

    @BeforeEach
    void newBucket() {
        bucket = S3.newBucket();
        requests = new RecordingInterceptor();
        repository = TestRepositories.open(S3.server(), "s3://" + bucket + "/lifeboat/prod", Map.of(),
                List.of(requests), TestRepositories.SMALL_PART_SIZE);
    }

    @Test
    void anArchiveOfManyPartsIsPublishedWithItsSidecarAndManifestCopyAndReadsBackByteIdentical() throws IOException {
        byte[] content = randomBytes(40 * 1024 * 1024 + 12_345);

        StoredArchive committed = publish(NAME, content);

        assertThat(requests.sent("UploadPart")).hasSize(9);
        assertThat(keys()).containsExactlyInAnyOrder("lifeboat/prod/" + NAME.value(),
                "lifeboat/prod/" + NAME.value() + ".sha256", "lifeboat/prod/" + NAME.value() + ".manifest.json",
                "lifeboat/prod/" + ListingIndex.NAME);
        assertThat(committed.info().sizeBytes()).isEqualTo(content.length);
        assertThat(committed.info().location()).isEqualTo("s3://" + bucket + "/lifeboat/prod/" + NAME.value());

        List<StoredArchive> listed = repository.list();
        assertThat(listed).hasSize(1);
        StoredArchive archive = listed.get(0);
        assertThat(archive.info().name()).isEqualTo(NAME);
        assertThat(archive.info().sizeBytes()).isEqualTo(content.length);
        assertThat(archive.manifestCopy()).contains(MANIFEST);
        assertThat(archive.recordedSha256()).contains(sha256(content));
        assertThat(readAll(archive)).isEqualTo(content);
        assertThat(object(NAME.sidecarName())).isEqualTo(sha256(content) + "  " + NAME.value() + "\n");
        assertThat(repository.find(NAME)).hasValueSatisfying(found -> {
            assertThat(found.info().sizeBytes()).isEqualTo(content.length);
            assertThat(found.manifestCopy()).contains(MANIFEST);
        });
        assertThat(repository.contains(NAME)).isTrue();
    }

    @Test
    void readsAtAnyPositionReturnTheBytesThereWithoutDownloadingTheWholeObject() throws IOException {
        byte[] content = randomBytes(3 * 1024 * 1024);
        publish(NAME, content);
        StoredArchive archive = repository.find(NAME).orElseThrow();
        requests.clear();

        try (SeekableByteChannel channel = archive.open()) {
            assertThat(channel.size()).isEqualTo(content.length);
            for (long position : new long[] {2_000_000, 17, 2_000_100, 3 * 1024 * 1024 - 10, 1_000_000, 0}) {
                channel.position(position);
                ByteBuffer buffer = ByteBuffer.allocate(10);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // reads until the buffer is full
                }
                assertThat(buffer.array()).isEqualTo(java.util.Arrays.copyOfRange(content, (int) position,
                        (int) position + 10));
            }
            channel.position(content.length);
            assertThat(channel.read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
        assertThat(requests.sent("GetObject")).allSatisfy(get -> assertThat(get.header("Range"))
                .hasValueSatisfying(range -> assertThat(range).startsWith("bytes=")));
        // a read a little ahead of an open request continues it: 2,000,100 after 2,000,010 opens nothing new
        assertThat(requests.sent("GetObject")).hasSize(5);
    }

    @Test
    void nothingIsVisibleBeforeTheCommit() throws IOException {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "test");
             NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(randomBytes(12 * 1024 * 1024));

            assertThat(requests.sent("UploadPart")).hasSize(2);
            assertThat(repository.list()).isEmpty();
            assertThat(repository.contains(NAME)).isFalse();
            assertThat(repository.find(NAME)).isEmpty();
        }
    }

    @Test
    void closingWithoutACommitLeavesNoObjectAndNoIncompleteUpload() throws IOException {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "test");
             NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(randomBytes(11 * 1024 * 1024));
        }

        assertThat(keys()).isEmpty();
        assertThat(incompleteUploads()).isEmpty();
    }

    @Test
    void theCommitIsRefusedWhenSomethingTookTheNameMeanwhileAndWhatIsThereStays() throws IOException {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "test");
             NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(randomBytes(6 * 1024 * 1024));
            put(NAME.value(), "someone else's archive");

            assertThatThrownBy(() -> archive.commit(MANIFEST))
                    .isInstanceOfSatisfying(LifeboatException.class, e -> {
                        assertThat(e.status()).isEqualTo(ExitStatus.REFUSED);
                        assertThat(e).hasMessageContaining(NAME.value()).hasMessageContaining("nothing was replaced");
                    });
        }

        assertThat(object(NAME.value())).isEqualTo("someone else's archive");
        assertThat(keys()).containsExactly("lifeboat/prod/" + NAME.value());
        assertThat(incompleteUploads()).isEmpty();
    }

    @Test
    void theCommitIsRefusedWhenASidecarAppearedMeanwhileAndTheSidecarStays() throws IOException {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "test");
             NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(randomBytes(1000));
            put(NAME.sidecarName(), "someone else's sidecar");

            assertThatThrownBy(() -> archive.commit(MANIFEST)).isInstanceOfSatisfying(LifeboatException.class,
                    e -> assertThat(e.status()).isEqualTo(ExitStatus.REFUSED));
        }

        assertThat(keys()).containsExactly("lifeboat/prod/" + NAME.sidecarName());
        assertThat(object(NAME.sidecarName())).isEqualTo("someone else's sidecar");
        assertThat(incompleteUploads()).isEmpty();
    }

    @Test
    void aNameAlreadyTakenIsRefusedBeforeAnythingIsWritten() {
        put(NAME.value(), "an object");

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "test")) {
            assertThatThrownBy(() -> repository.create(NAME, lock)).isInstanceOfSatisfying(LifeboatException.class,
                    e -> assertThat(e.status()).isEqualTo(ExitStatus.REFUSED));
        }
        assertThat(incompleteUploads()).isEmpty();
    }

    @Test
    void onlyArchivesRightUnderThePrefixAreListed() throws IOException {
        publish(NAME, randomBytes(100));
        put("notes.txt", "x");
        put("gone_2026-11-24T10-58-24Z.lifeboat.tar.sha256", "a lone sidecar");
        put("gone_2026-11-24T10-58-24Z.lifeboat.tar.manifest.json", "{}");
        put("sub/deeper_2026-11-24T10-58-24Z.lifeboat.tar", "deeper");
        S3.server().client().putObject(request -> request.bucket(bucket).key("lifeboat/prodx_2026-11-24T10-58-24Z"
                + ".lifeboat.tar"), RequestBody.fromString("beside the prefix"));

        assertThat(repository.list()).extracting(archive -> archive.info().name()).containsExactly(NAME);
        assertThat(repository.find(new BackupName("deeper_2026-11-24T10-58-24Z.lifeboat.tar"))).isEmpty();
    }

    @Test
    void anArchiveWithoutManifestCopyIsListedWithoutOne() {
        put(NAME.value(), "an archive written by hand");

        assertThat(repository.list()).singleElement().satisfies(archive -> {
            assertThat(archive.manifestCopy()).isEmpty();
            assertThat(archive.recordedSha256()).isEmpty();
        });
    }

    @Test
    void deletingRemovesTheArchiveItsSidecarAndItsManifestCopy() throws IOException {
        publish(NAME, randomBytes(100));
        BackupName other = new BackupName("app_2026-11-25T10-58-24Z.lifeboat.tar");
        publish(other, randomBytes(100));

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "test")) {
            assertThat(repository.delete(NAME, lock)).isTrue();
        }

        assertThat(keys()).containsExactlyInAnyOrder("lifeboat/prod/" + other.value(),
                "lifeboat/prod/" + other.sidecarName(), "lifeboat/prod/" + other.value() + ".manifest.json",
                "lifeboat/prod/" + ListingIndex.NAME);
    }

    @Test
    void aRepositoryAtTheTopOfTheBucketUsesKeysWithoutPrefix() throws IOException {
        S3Repository top = TestRepositories.open(S3.server(), "s3://" + bucket);
        try (RepositoryLock lock = top.lock(Duration.ZERO, "test");
             NewArchive archive = top.create(NAME, lock)) {
            archive.output().write("bytes".getBytes(StandardCharsets.UTF_8));
            assertThat(archive.commit(MANIFEST).info().location()).isEqualTo("s3://" + bucket + "/" + NAME.value());
        }

        assertThat(keys()).contains(NAME.value(), NAME.sidecarName());
        assertThat(top.list()).hasSize(1);
        assertThat(repository.list()).isEmpty();
    }

    private StoredArchive publish(BackupName name, byte[] content) throws IOException {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "test");
             NewArchive archive = repository.create(name, lock)) {
            for (int offset = 0; offset < content.length; offset += 65_536) {
                archive.output().write(content, offset, Math.min(65_536, content.length - offset));
            }
            return archive.commit(MANIFEST);
        }
    }

    private static byte[] readAll(StoredArchive archive) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (SeekableByteChannel channel = archive.open()) {
            ByteBuffer buffer = ByteBuffer.allocate(100_000);
            while (channel.read(buffer) >= 0) {
                bytes.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        }
        return bytes.toByteArray();
    }

    private List<String> keys() {
        return S3.server().client().listObjectsV2(request -> request.bucket(bucket)).contents().stream()
                .map(S3Object::key).toList();
    }

    private List<String> incompleteUploads() {
        return S3.server().client().listMultipartUploads(request -> request.bucket(bucket)).uploads().stream()
                .map(upload -> upload.key()).toList();
    }

    private void put(String name, String content) {
        S3.server().client().putObject(request -> request.bucket(bucket).key("lifeboat/prod/" + name),
                RequestBody.fromString(content));
    }

    private String object(String name) {
        return S3.server().client().getObjectAsBytes(request -> request.bucket(bucket).key("lifeboat/prod/" + name))
                .asUtf8String();
    }

    private static String sha256(byte[] content) {
        return Sha256.hex(Sha256.newDigest().digest(content));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
