package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.BackupRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

class S3TestServerTest {

    @Test
    void aRepositoryOnTheTestServerSeesWhatIsInTheBucket() {
        try (S3TestServer server = S3TestServer.start()) {
            server.createBucket("backups");
            BackupRepository repository = new S3RepositoryProvider().open("s3://backups/prod", server.settings(), true);
            BackupName name = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");
            assertThat(repository.contains(name)).isFalse();

            server.client().putObject(request -> request.bucket("backups").key("prod/" + name.value()),
                    RequestBody.fromString("archive"));

            assertThat(repository.contains(name)).isTrue();
        }
    }

    /** As S3 does, and unlike s3proxy by itself, which answers the time of the listing. */
    @Test
    void incompleteUploadsAreListedWithTheTimeTheyStarted() throws InterruptedException {
        try (S3TestServer server = S3TestServer.start()) {
            server.createBucket("backups");
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String first = server.client().createMultipartUpload(request -> request.bucket("backups")
                    .key("prod/a.lifeboat.tar")).uploadId();
            Instant afterFirst = Instant.now();
            Thread.sleep(50);
            String second = server.client().createMultipartUpload(request -> request.bucket("backups")
                    .key("prod/b.lifeboat.tar")).uploadId();
            Thread.sleep(50);
            Instant beforeListing = Instant.now();

            List<MultipartUpload> uploads = server.client().listMultipartUploads(request -> request
                    .bucket("backups").prefix("prod/").delimiter("/")).uploads();

            assertThat(uploads).extracting(MultipartUpload::uploadId).containsExactlyInAnyOrder(first, second);
            Instant firstStarted = started(uploads, first);
            assertThat(firstStarted).isBetween(before, afterFirst);
            assertThat(started(uploads, second)).isAfter(firstStarted).isBefore(beforeListing);
        }
    }

    private static Instant started(List<MultipartUpload> uploads, String uploadId) {
        return uploads.stream().filter(upload -> upload.uploadId().equals(uploadId)).findFirst().orElseThrow()
                .initiated();
    }
}
