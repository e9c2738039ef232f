package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.StoredArchive;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

class ListingTest {

    private static final int ARCHIVES = 1_000;
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneOffset.UTC);

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    /**
     * What listing costs does not grow with the archives' size: one listing request per 1,000 keys and one small
     * read per manifest copy, never a request for an archive.
     */
    @Test
    void aThousandArchivesAreListedFromTheListingAndTheirManifestCopiesWithoutOpeningAnArchive() throws Exception {
        S3.server().createBucket("many");
        List<String> names = IntStream.range(0, ARCHIVES)
                .mapToObj(i -> "app_" + NAME_TIME.format(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i))
                        + ".lifeboat.tar")
                .toList();
        plant(names);
        RecordingInterceptor requests = new RecordingInterceptor();
        S3Repository repository = TestRepositories.open(S3.server(), "s3://many/prod", Map.of(), List.of(requests),
                S3Repository.DEFAULT_PART_SIZE);

        List<StoredArchive> archives = repository.list();

        assertThat(archives).extracting(archive -> archive.info().name().value()).containsExactlyElementsOf(names);
        assertThat(archives).allSatisfy(archive -> {
            assertThat(archive.manifestCopy()).contains("{\"name\":\"" + archive.info().name().value() + "\"}");
            assertThat(archive.info().sizeBytes()).isEqualTo(archive.info().name().value().length());
            assertThat(archive.info().location()).isEqualTo("s3://many/prod/" + archive.info().name().value());
        });
        // 2,000 keys: two pages of 1,000
        assertThat(requests.sent("ListObjectsV2")).hasSize(2);
        assertThat(requests.sent("GetObject")).hasSize(ARCHIVES)
                .allSatisfy(get -> assertThat(get.path()).endsWith(".lifeboat.tar.manifest.json"));
        assertThat(requests.sent()).hasSize(2 + ARCHIVES);
    }

    private static void plant(List<String> names) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = names.stream().map(name -> pool.submit(() -> {
                new BackupName(name);
                S3.server().client().putObject(request -> request.bucket("many").key("prod/" + name),
                        RequestBody.fromString(name));
                S3.server().client().putObject(request -> request.bucket("many").key("prod/" + name + ".manifest.json"),
                        RequestBody.fromString("{\"name\":\"" + name + "\"}"));
            })).<Future<?>>map(future -> future).toList();
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
