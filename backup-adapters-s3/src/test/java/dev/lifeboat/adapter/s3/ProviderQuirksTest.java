package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;

/** What each provider setting changes in the requests sent to a real S3 server. */
class ProviderQuirksTest {

    private static final BackupName NAME = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    /** Since SDK 2.30 a checksum goes with every upload unless the provider cannot take it. */
    @ParameterizedTest
    @ValueSource(strings = {"b2", "r2", "gcs", "ceph"})
    void providersThatMishandleChecksumsGetNoneTheyDoNotRequire(String provider) throws IOException {
        RecordingInterceptor requests = publish(provider);

        assertThat(uploads(requests)).isNotEmpty().allSatisfy(upload -> assertThat(upload.headers().keySet())
                .noneMatch(header -> header.toLowerCase(Locale.ROOT).startsWith("x-amz-checksum-")
                        || header.toLowerCase(Locale.ROOT).equals("x-amz-sdk-checksum-algorithm")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "minio", "other"})
    void otherProvidersSendTheSdkChecksums(String provider) throws IOException {
        RecordingInterceptor requests = publish(provider);

        assertThat(uploads(requests)).isNotEmpty().allSatisfy(upload -> assertThat(upload.headers().keySet())
                .anyMatch(header -> header.toLowerCase(Locale.ROOT).startsWith("x-amz-checksum-")));
    }

    /** Without conditional writes, names are looked up first and no If-None-Match is sent. */
    @Test
    void withoutConditionalWritesNamesAreLookedUpBeforeWriting() throws IOException {
        RecordingInterceptor requests = publish("b2");

        assertThat(requests.sent()).allSatisfy(sent -> assertThat(sent.header("If-None-Match")).isEmpty());
        assertThat(requests.sent("HeadObject")).extracting(RecordingInterceptor.Sent::path).anyMatch(
                path -> path.endsWith("/" + NAME.sidecarName())).anyMatch(
                path -> path.endsWith("/" + NAME.value() + ".manifest.json"));
    }

    @Test
    void withoutConditionalWritesANameTakenMeanwhileIsStillRefused() throws IOException {
        String bucket = S3.newBucket();
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, Map.of(S3Settings.PROVIDER, "b2",
                S3Settings.PATH_STYLE, "true"), List.of(), TestRepositories.SMALL_PART_SIZE);
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "test");
             NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(new byte[10]);
            S3.server().client().putObject(request -> request.bucket(bucket).key(NAME.value()),
                    RequestBody.fromString("someone else's"));

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> archive.commit("{}"))
                    .hasMessageContaining("nothing was replaced");
        }
        assertThat(S3.server().client().getObjectAsBytes(request -> request.bucket(bucket).key(NAME.value()))
                .asUtf8String()).isEqualTo("someone else's");
    }

    private static List<RecordingInterceptor.Sent> uploads(RecordingInterceptor requests) {
        return requests.sent().stream().filter(sent -> sent.operation().equals("UploadPart")
                || sent.operation().equals("PutObject")).toList();
    }

    private static RecordingInterceptor publish(String provider) throws IOException {
        String bucket = S3.newBucket();
        RecordingInterceptor requests = new RecordingInterceptor();
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, Map.of(S3Settings.PROVIDER,
                provider, S3Settings.PATH_STYLE, "true"), List.of(requests), TestRepositories.SMALL_PART_SIZE);
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "test");
             NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(new byte[1000]);
            archive.commit("{}");
        }
        assertThat(repository.find(NAME)).isPresent();
        return requests;
    }
}
