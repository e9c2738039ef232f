package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The listing index: a run that changed the repository leaves one object holding every manifest copy, so the next
 * listing reads it instead of one copy per archive, and an index that is stale, damaged or gone never changes what
 * the listing says, only how many reads it takes.
 */
class ListingIndexTest {

    private static final int ARCHIVES = 20;

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private S3Bucket bucket;
    private S3Repository repository;

    @BeforeEach
    void repositoryWithArchives() {
        bucket = S3.newRepositoryBucket();
        repository = new S3Repository(bucket);
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup")) {
            IntStream.range(0, ARCHIVES).forEach(i -> commit(lock, name(i), manifest(i)));
        }
    }

    @Test
    void aRunThatCommittedLeavesAnIndexThatListsEveryArchiveWithOneRead() {
        assertThat(S3.names(bucket)).contains(ListingIndex.NAME);
        RecordingInterceptor requests = new RecordingInterceptor();

        List<StoredArchive> archives = listedBy(requests);

        assertThat(archives).extracting(archive -> archive.manifestCopy().orElseThrow())
                .containsExactlyElementsOf(IntStream.range(0, ARCHIVES).mapToObj(ListingIndexTest::manifest).toList());
        assertThat(requests.sent()).extracting(RecordingInterceptor.Sent::operation)
                .containsExactly("ListObjectsV2", "GetObject");
        assertThat(requests.sent("GetObject").get(0).path()).endsWith("/prod/" + ListingIndex.NAME);
    }

    /** A run killed after its commit, before its lock's release: the next listing reads that one copy. */
    @Test
    void anArchiveCommittedWithoutAnIndexUpdateIsListedFromItsOwnCopy() {
        RepositoryLock killed = repository.lock(Duration.ZERO, "backup");
        commit(killed, name(ARCHIVES), manifest(ARCHIVES));
        RecordingInterceptor requests = new RecordingInterceptor();

        List<StoredArchive> archives = listedBy(requests);

        assertThat(archives).hasSize(ARCHIVES + 1);
        assertThat(archives.get(ARCHIVES).manifestCopy()).contains(manifest(ARCHIVES));
        assertThat(requests.sent("GetObject")).extracting(RecordingInterceptor.Sent::path)
                .containsExactlyInAnyOrder("/" + bucket.name() + "/prod/" + ListingIndex.NAME,
                        "/" + bucket.name() + "/prod/" + ArchiveObjects.manifestCopyName(name(ARCHIVES)));

        killed.close();
        RecordingInterceptor after = new RecordingInterceptor();
        assertThat(listedBy(after)).hasSize(ARCHIVES + 1);
        assertThat(after.sent("GetObject")).hasSize(1);
    }

    /**
     * Verification records are indexed like the copies by the next run that writes: a listing then reads every record
     * from the index, and a record written or replaced since from its own object, only when it is asked for.
     */
    @Test
    void verificationRecordsAreListedFromTheIndexOnceARunThatWritesHasIndexedThem() {
        IntStream.range(0, ARCHIVES).forEach(i -> repository.recordVerification(name(i), "record " + i + "\n"));
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup")) {
            commit(lock, name(ARCHIVES), manifest(ARCHIVES));
        }
        repository.recordVerification(name(ARCHIVES), "record of the newest\n");
        repository.recordVerification(name(2), "record 2, verified again\n");
        RecordingInterceptor requests = new RecordingInterceptor();

        List<StoredArchive> archives = listedBy(requests);
        List<String> records = archives.stream().map(archive -> archive.verificationRecord().orElse("none")).toList();

        List<String> expected = new java.util.ArrayList<>(IntStream.range(0, ARCHIVES).mapToObj(i -> "record " + i + "\n")
                .toList());
        expected.set(2, "record 2, verified again\n");
        expected.add("record of the newest\n");
        assertThat(records).containsExactlyElementsOf(expected);
        assertThat(requests.sent("GetObject")).extracting(RecordingInterceptor.Sent::path)
                .containsExactlyInAnyOrder("/" + bucket.name() + "/prod/" + ListingIndex.NAME,
                        "/" + bucket.name() + "/prod/" + name(2).verificationRecordName(),
                        "/" + bucket.name() + "/prod/" + name(ARCHIVES).verificationRecordName());
    }

    /** An entry whose copy was written again since (another tag) is not trusted: the copy as it is now is read. */
    @Test
    void anEntryForACopyReplacedSinceIsIgnored() {
        S3.put(bucket, ArchiveObjects.manifestCopyName(name(3)), "{\"replaced\":true}");

        List<StoredArchive> archives = listedBy(new RecordingInterceptor());

        assertThat(archives.get(3).manifestCopy()).contains("{\"replaced\":true}");
        assertThat(archives.get(4).manifestCopy()).contains(manifest(4));
    }

    @Test
    void aDamagedOrTruncatedIndexIsIgnoredAndTheCopiesAreRead() {
        byte[] index = S3.get(bucket, ListingIndex.NAME);
        for (byte[] damaged : List.of("not an index".getBytes(StandardCharsets.UTF_8),
                Arrays.copyOf(index, index.length - 9), flipped(index, index.length / 2))) {
            S3.put(bucket, ListingIndex.NAME, damaged);
            RecordingInterceptor requests = new RecordingInterceptor();

            List<StoredArchive> archives = listedBy(requests);

            assertThat(archives).extracting(archive -> archive.manifestCopy().orElseThrow())
                    .containsExactlyElementsOf(IntStream.range(0, ARCHIVES).mapToObj(ListingIndexTest::manifest)
                            .toList());
            assertThat(requests.sent("GetObject")).hasSize(1 + ARCHIVES);
        }
    }

    @Test
    void deletingArchivesDropsTheirEntriesAndDeletingTheLastRemovesTheIndex() {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            IntStream.range(0, ARCHIVES - 1).forEach(i -> assertThat(repository.delete(name(i), lock)).isTrue());
        }
        RecordingInterceptor requests = new RecordingInterceptor();
        assertThat(listedBy(requests)).extracting(archive -> archive.manifestCopy().orElseThrow())
                .containsExactly(manifest(ARCHIVES - 1));
        assertThat(requests.sent("GetObject")).hasSize(1);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            repository.delete(name(ARCHIVES - 1), lock);
        }
        assertThat(S3.names(bucket)).isEmpty();
    }

    /** A run that changed nothing (a prune with nothing to prune) sends no request for the index. */
    @Test
    void aRunThatChangedNothingLeavesTheIndexAlone() {
        byte[] before = S3.get(bucket, ListingIndex.NAME);
        RecordingInterceptor requests = new RecordingInterceptor();
        S3Repository seen = new S3Repository(S3.sameRepository(bucket, requests));
        S3.put(bucket, ListingIndex.NAME, "not an index");

        seen.lock(Duration.ZERO, "prune").close();

        assertThat(requests.sent()).noneMatch(sent -> sent.path().endsWith(ListingIndex.NAME));
        assertThat(S3.get(bucket, ListingIndex.NAME)).isNotEqualTo(before);
    }

    @Test
    void theFormatReadsBackWhatWasWrittenAndRefusesATruncatedOne() throws IOException {
        List<ManifestCopy> copies = List.of(new ManifestCopy("a.lifeboat.tar.manifest.json", Optional.of("\"1\""),
                        "{\n  \"line\": \"two lines\"\n}"),
                new ManifestCopy("b.lifeboat.tar.manifest.json", Optional.of("2"), ""),
                new ManifestCopy("c.lifeboat.tar.manifest.json", Optional.empty(), "{}"));
        byte[] encoded = ListingIndex.encode(copies);

        assertThat(ListingIndex.decode(new ByteArrayInputStream(encoded)))
                .containsOnlyKeys("a.lifeboat.tar.manifest.json", "b.lifeboat.tar.manifest.json")
                .containsValues(copies.get(0), copies.get(1));
        assertThatThrownBy(() -> ListingIndex.decode(new ByteArrayInputStream(
                Arrays.copyOf(encoded, encoded.length - 1)))).isInstanceOf(IOException.class);
    }

    private List<StoredArchive> listedBy(RecordingInterceptor requests) {
        return new S3Repository(S3.sameRepository(bucket, requests)).list();
    }

    private void commit(RepositoryLock lock, BackupName name, String manifest) {
        try (NewArchive archive = repository.create(name, lock)) {
            archive.output().write(manifest.getBytes(StandardCharsets.UTF_8));
            archive.commit(manifest);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static BackupName name(int i) {
        return new BackupName(String.format("app_2026-01-01T00-00-%02dZ.lifeboat.tar", i));
    }

    private static String manifest(int i) {
        return "{\"archive\":" + i + "}";
    }

    private static byte[] flipped(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x5a;
        return copy;
    }
}
