package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.RepositorySettings;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

class RepositoryFailureTest {

    private static final BackupName NAME = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");
    private static final String WRONG_SECRET = "wrong-secret-never-shown-4f2a9c";

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private String bucket;

    @BeforeEach
    void newBucket() {
        bucket = S3.newBucket();
    }

    @Test
    void aMissingBucketIsReportedByEveryOperationNamingBucketAndEndpointAndIsNeverCreated() {
        S3Repository repository = TestRepositories.open(S3.server(), "s3://no-such-bucket/lifeboat");

        List<Runnable> operations = List.of(repository::list, () -> repository.find(NAME),
                () -> repository.contains(NAME), () -> {
                    try (RepositoryLock lock = repository.lock(Duration.ZERO, "test")) {
                        repository.create(NAME, lock).close();
                    }
                });
        for (Runnable operation : operations) {
            assertThatThrownBy(operation::run).isInstanceOfSatisfying(LifeboatException.class, e -> {
                assertThat(e.status()).isEqualTo(ExitStatus.UNAVAILABLE);
                assertThat(e.getMessage()).contains("'no-such-bucket'", S3.server().endpoint().toString(),
                        "does not exist").doesNotContain("\n");
            });
        }
        assertThat(S3.server().client().listBuckets().buckets()).noneMatch(b -> b.name().equals("no-such-bucket"));
    }

    @Test
    void aWrongSecretIsUnavailableNamingBucketAndEndpointWithTheSecretInNoMessage() {
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, Map.of(
                S3Settings.SECRET_ACCESS_KEY, WRONG_SECRET), List.of(), S3Repository.DEFAULT_PART_SIZE);

        LifeboatException failure = catchThrowableOfType(LifeboatException.class, repository::list);

        assertThat(failure.status()).isEqualTo(ExitStatus.UNAVAILABLE);
        assertThat(failure.getMessage()).contains(bucket, S3.server().endpoint().toString(), "secret access key")
                .doesNotContain("\n");
        assertThat(messagesOf(failure)).noneMatch(message -> message.contains(WRONG_SECRET));
    }

    @Test
    void anUnknownAccessKeyIsUnavailableNamingBucketAndEndpoint() {
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, Map.of(
                S3Settings.ACCESS_KEY_ID, "no-such-key", S3Settings.SECRET_ACCESS_KEY, WRONG_SECRET), List.of(),
                S3Repository.DEFAULT_PART_SIZE);

        assertThatThrownBy(() -> repository.find(NAME)).isInstanceOfSatisfying(LifeboatException.class, e -> {
            assertThat(e.status()).isEqualTo(ExitStatus.UNAVAILABLE);
            assertThat(e.getMessage()).contains(bucket, S3.server().endpoint().toString());
            assertThat(messagesOf(e)).noneMatch(message -> message.contains(WRONG_SECRET));
        });
    }

    @Test
    void aRefusedConnectionIsUnavailableNamingBucketAndEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        S3Repository repository = TestRepositories.open("s3://" + bucket, settings(endpoint), List.of(),
                S3Repository.DEFAULT_PART_SIZE);

        assertThatThrownBy(repository::list).isInstanceOfSatisfying(LifeboatException.class, e -> {
            assertThat(e.status()).isEqualTo(ExitStatus.UNAVAILABLE);
            assertThat(e.getMessage()).contains(bucket, endpoint, "connection refused").doesNotContain("\n");
        });
    }

    @ParameterizedTest
    @CsvSource({"500, InternalError", "503, SlowDown", "503, ServiceUnavailable"})
    void serverFailuresAreRetriedAFewTimesThenReported(int status, String code) {
        try (StatusServer failing = StatusServer.answering(status, code)) {
            S3Repository repository = TestRepositories.open("s3://" + bucket,
                    settings(failing.endpoint().toString()), List.of(), S3Repository.DEFAULT_PART_SIZE);

            assertThatThrownBy(repository::list).isInstanceOfSatisfying(LifeboatException.class, e -> {
                assertThat(e.status()).isEqualTo(ExitStatus.UNAVAILABLE);
                assertThat(e.getMessage()).contains(bucket, failing.endpoint().toString(), code,
                        S3Clients.MAX_ATTEMPTS + " attempts").doesNotContain("\n");
            });
            assertThat(failing.requests()).isEqualTo(S3Clients.MAX_ATTEMPTS);
        }
    }

    /**
     * The server acted on each first request, but its answer was a failure: the client retries, and a conditional
     * write's retry finds its own object in the way (412), which must count as written, not as a name taken.
     */
    @Test
    void failedAnswersAreRetriedAndThePublishSucceedsWhenTheServerHadActedOnThem() throws IOException {
        List<FailingResponses> failures = new ArrayList<>();
        for (String operation : List.of("UploadPart", "PutObject",
                "CompleteMultipartUpload")) {
            failures.add(new FailingResponses(operation::equals, 500, 1));
        }
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket,
                Map.of(), List.copyOf(failures), TestRepositories.SMALL_PART_SIZE);

        publish(repository, archive -> write(archive, new byte[6 * 1024 * 1024]));

        assertThat(failures).allSatisfy(failing -> assertThat(failing.failed()).isEqualTo(1));
        assertThat(repository.list()).singleElement().satisfies(archive -> {
            assertThat(archive.info().sizeBytes()).isEqualTo(6 * 1024 * 1024);
            assertThat(archive.recordedSha256()).isPresent();
            assertThat(archive.manifestCopy()).contains("{}");
        });
        assertThat(incompleteUploads()).isEmpty();
    }

    @Test
    void aPartThatKeepsFailingAbortsTheUploadAndLeavesNothing() {
        FailingResponses failing = new FailingResponses("UploadPart"::equals, 503, Integer.MAX_VALUE);
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, Map.of(), List.of(failing),
                TestRepositories.SMALL_PART_SIZE);

        assertThatThrownBy(() -> publish(repository, archive -> write(archive, new byte[12 * 1024 * 1024])))
                .isInstanceOfSatisfying(LifeboatException.class, e -> {
                    assertThat(e.status()).isEqualTo(ExitStatus.UNAVAILABLE);
                    assertThat(e.getMessage()).contains(NAME.value(), bucket, S3.server().endpoint().toString(), "503");
                });

        assertThat(failing.failed()).isEqualTo(S3Clients.MAX_ATTEMPTS);
        assertThat(keys()).isEmpty();
        assertThat(incompleteUploads()).isEmpty();
    }

    /** The service completed the upload every time it was asked, but every answer was lost. */
    @Test
    void anArchiveTheServiceCompletedIsPublishedEvenWhenEveryAnswerToTheCompletionWasLost() {
        FailingResponses failing = new FailingResponses("CompleteMultipartUpload"::equals, 500, Integer.MAX_VALUE);
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, Map.of(), List.of(failing),
                TestRepositories.SMALL_PART_SIZE);

        publish(repository, archive -> write(archive, new byte[1000]));

        assertThat(failing.failed()).isEqualTo(S3Clients.MAX_ATTEMPTS);
        assertThat(keys()).containsExactlyInAnyOrder(NAME.value(), NAME.sidecarName(),
                NAME.value() + ".manifest.json", ListingIndex.NAME);
        assertThat(incompleteUploads()).isEmpty();
    }

    @Test
    void aCompletionTheServiceRefusesRemovesTheSidecarAndCopyWrittenAndAbortsTheUpload() {
        ExecutionInterceptor wrongUpload = new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME).equals("CompleteMultipartUpload")
                        ? context.httpRequest().toBuilder().putRawQueryParameter("uploadId", "no-such-upload").build()
                        : context.httpRequest();
            }
        };
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, Map.of(), List.of(wrongUpload),
                TestRepositories.SMALL_PART_SIZE);

        assertThatThrownBy(() -> publish(repository, archive -> write(archive, new byte[1000])))
                .isInstanceOfSatisfying(LifeboatException.class, e -> {
                    assertThat(e.status()).isEqualTo(ExitStatus.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("cannot complete archive " + NAME.value(), bucket,
                            S3.server().endpoint().toString());
                });

        assertThat(keys()).isEmpty();
        assertThat(incompleteUploads()).isEmpty();
    }

    private static void publish(S3Repository repository, Consumer<NewArchive> writing) {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "test");
             NewArchive archive = repository.create(NAME, lock)) {
            writing.accept(archive);
            archive.commit("{}");
        }
    }

    private static void write(NewArchive archive, byte[] bytes) {
        try {
            archive.output().write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static RepositorySettings settings(String endpoint) {
        Map<String, String> values = new HashMap<>(S3.server().settingValues());
        values.put(S3Settings.ENDPOINT, endpoint);
        return new RepositorySettings(values);
    }

    private static List<String> messagesOf(Throwable failure) {
        List<String> messages = new ArrayList<>();
        Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
            messages.add(cause.toString());
            for (Throwable suppressed : cause.getSuppressed()) {
                messages.add(String.valueOf(suppressed.getMessage()));
            }
        }
        return messages;
    }

    private List<String> keys() {
        return S3.server().client().listObjectsV2(request -> request.bucket(bucket)).contents().stream()
                .map(S3Object::key).toList();
    }

    private List<String> incompleteUploads() {
        return S3.server().client().listMultipartUploads(request -> request.bucket(bucket)).uploads().stream()
                .map(upload -> upload.key()).toList();
    }


}
