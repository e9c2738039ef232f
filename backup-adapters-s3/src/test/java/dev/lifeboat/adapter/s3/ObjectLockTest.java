package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * s3proxy has no object lock (it refuses the headers), so these tests look at the requests lifeboat sends, with the
 * object lock headers recorded and then taken off, and at how it reads the answers a bucket with object lock gives.
 */
class ObjectLockTest {

    private static final BackupName NAME = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");
    private static final Map<String, String> LOCKED = Map.of(S3Settings.OBJECT_LOCK_MODE, "governance",
            S3Settings.OBJECT_LOCK_DAYS, "30");

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private String bucket;

    @BeforeEach
    void newBucket() {
        bucket = S3.newBucket();
    }

    @Test
    void everyObjectOfAnArchiveIsWrittenWithTheSameRetention() throws IOException {
        RecordingInterceptor requests = new RecordingInterceptor(header -> header.startsWith("x-amz-object-lock-"));
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, LOCKED, List.of(requests),
                TestRepositories.SMALL_PART_SIZE);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        publish(repository, new byte[6 * 1024 * 1024]);

        Instant after = Instant.now();
        List<RecordingInterceptor.Sent> allWrites = requests.sent().stream()
                .filter(sent -> sent.operation().equals("CreateMultipartUpload")
                        || sent.operation().equals("PutObject"))
                .toList();
        // the repository's lock and listing index are written too, without retention: they must stay deletable
        List<String> unretained = List.of("/" + bucket + "/.lifeboat.lock", "/" + bucket + "/" + ListingIndex.NAME);
        for (String path : unretained) {
            assertThat(allWrites).filteredOn(sent -> sent.path().equals(path)).isNotEmpty()
                    .allSatisfy(sent -> assertThat(sent.header("x-amz-object-lock-mode")).isEmpty());
        }
        List<RecordingInterceptor.Sent> writes = allWrites.stream()
                .filter(sent -> !unretained.contains(sent.path()))
                .toList();
        assertThat(writes).extracting(RecordingInterceptor.Sent::path).containsExactly("/" + bucket + "/"
                + NAME.value(), "/" + bucket + "/" + NAME.sidecarName(), "/" + bucket + "/" + NAME.value()
                + ".manifest.json");
        assertThat(writes).allSatisfy(sent -> {
            assertThat(sent.header("x-amz-object-lock-mode")).contains("GOVERNANCE");
            Instant until = Instant.from(DateTimeFormatter.ISO_INSTANT.parse(
                    sent.header("x-amz-object-lock-retain-until-date").orElseThrow()));
            assertThat(until).isBetween(before.plus(Duration.ofDays(30)), after.plus(Duration.ofDays(30)));
        });
        assertThat(writes).extracting(sent -> sent.header("x-amz-object-lock-retain-until-date")).containsOnly(
                writes.get(0).header("x-amz-object-lock-retain-until-date"));
        // S3 requires an integrity header on every upload with a retention
        assertThat(requests.sent("UploadPart")).hasSize(2).allSatisfy(part ->
                assertThat(part.header("Content-MD5")).isPresent());
        assertThat(writes).filteredOn(sent -> sent.operation().equals("PutObject"))
                .allSatisfy(put -> assertThat(put.header("Content-MD5")).isPresent());
        assertThat(keys()).containsExactlyInAnyOrder(NAME.value(), NAME.sidecarName(),
                NAME.value() + ".manifest.json", ListingIndex.NAME);
    }

    @Test
    void withoutObjectLockSettingsNoRetentionIsAsked() throws IOException {
        RecordingInterceptor requests = new RecordingInterceptor();
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, Map.of(), List.of(requests),
                TestRepositories.SMALL_PART_SIZE);

        publish(repository, new byte[100]);

        assertThat(requests.sent()).allSatisfy(sent -> assertThat(sent.headers().keySet())
                .noneMatch(header -> header.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-object-lock")));
    }

    @Test
    void anArchiveStillRetainedIsNotDeletedAndKeepsItsSidecarAndCopy() throws IOException {
        publish(TestRepositories.open(S3.server(), "s3://" + bucket), new byte[100]);
        RecordingInterceptor requests = new RecordingInterceptor();
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, Map.of(),
                List.of(requests, retainedUntil(Instant.now().plus(Duration.ofDays(3)))),
                S3Repository.DEFAULT_PART_SIZE);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            assertThat(repository.delete(NAME, lock)).isFalse();
        }

        assertThat(requests.sent("DeleteObject")).extracting(RecordingInterceptor.Sent::path)
                .as("only the released lock is deleted").containsExactly("/" + bucket + "/.lifeboat.lock");
        assertThat(keys()).containsExactlyInAnyOrder(NAME.value(), NAME.sidecarName(),
                NAME.value() + ".manifest.json", ListingIndex.NAME);
    }

    @Test
    void anArchiveWhoseRetentionEndedIsDeleted() throws IOException {
        publish(TestRepositories.open(S3.server(), "s3://" + bucket), new byte[100]);
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, LOCKED,
                List.of(retainedUntil(Instant.now().minus(Duration.ofMinutes(1)))), S3Repository.DEFAULT_PART_SIZE);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            assertThat(repository.delete(NAME, lock)).isTrue();
        }

        assertThat(keys()).isEmpty();
    }

    @Test
    void aDeleteRefusedAsAccessDeniedInARepositoryWithObjectLockWhoseRetentionIsUnreadableIsARetention()
            throws IOException {
        publish(TestRepositories.open(S3.server(), "s3://" + bucket), new byte[100]);
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, LOCKED,
                List.of(refusedDelete("Access Denied")), S3Repository.DEFAULT_PART_SIZE);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            assertThat(repository.delete(NAME, lock)).isFalse();
        }

        assertThat(keys()).containsExactlyInAnyOrder(NAME.value(), NAME.sidecarName(),
                NAME.value() + ".manifest.json", ListingIndex.NAME);
    }

    /** A legal hold keeps an archive whatever its retention date says. */
    @Test
    void anArchiveUnderALegalHoldIsRetainedAfterItsRetentionEnded() throws IOException {
        publish(TestRepositories.open(S3.server(), "s3://" + bucket), new byte[100]);
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, LOCKED,
                List.of(retainedUntil(Instant.now().minus(Duration.ofMinutes(1))), legalHold()),
                S3Repository.DEFAULT_PART_SIZE);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            assertThat(repository.delete(NAME, lock)).isFalse();
        }

        assertThat(keys()).containsExactlyInAnyOrder(NAME.value(), NAME.sidecarName(),
                NAME.value() + ".manifest.json", ListingIndex.NAME);
    }

    /** Credentials without s3:DeleteObject: prune must fail, not report every archive as retained forever. */
    @Test
    void aDeleteRefusedAsAccessDeniedAfterTheRetentionEndedIsAFailure() throws IOException {
        publish(TestRepositories.open(S3.server(), "s3://" + bucket), new byte[100]);
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, LOCKED,
                List.of(retainedUntil(Instant.now().minus(Duration.ofMinutes(1))), refusedDelete("Access Denied")),
                S3Repository.DEFAULT_PART_SIZE);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            assertThatThrownBy(() -> repository.delete(NAME, lock)).isInstanceOfSatisfying(LifeboatException.class,
                    e -> {
                        assertThat(e.status()).isEqualTo(ExitStatus.UNAVAILABLE);
                        assertThat(e.getMessage()).contains(NAME.value(), "access denied");
                    });
        }
        assertThat(keys()).containsExactlyInAnyOrder(NAME.value(), NAME.sidecarName(),
                NAME.value() + ".manifest.json", ListingIndex.NAME);
    }

    @Test
    void aDeleteRefusedWithAnObjectLockReasonIsARetentionEvenWithoutObjectLockSettings() throws IOException {
        publish(TestRepositories.open(S3.server(), "s3://" + bucket), new byte[100]);
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, Map.of(),
                List.of(refusedDelete("Access Denied because object protected by object lock.")),
                S3Repository.DEFAULT_PART_SIZE);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            assertThat(repository.delete(NAME, lock)).isFalse();
        }

        assertThat(keys()).containsExactlyInAnyOrder(NAME.value(), NAME.sidecarName(),
                NAME.value() + ".manifest.json", ListingIndex.NAME);
    }

    @Test
    void anyOtherRefusedDeleteIsUnavailable() throws IOException {
        publish(TestRepositories.open(S3.server(), "s3://" + bucket), new byte[100]);
        S3Repository repository = TestRepositories.open(S3.server(), "s3://" + bucket, Map.of(),
                List.of(refusedDelete("Access Denied")), S3Repository.DEFAULT_PART_SIZE);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            assertThatThrownBy(() -> repository.delete(NAME, lock)).isInstanceOfSatisfying(LifeboatException.class,
                    e -> {
                        assertThat(e.status()).isEqualTo(ExitStatus.UNAVAILABLE);
                        assertThat(e.getMessage()).contains(NAME.value(), bucket, "access denied");
                    });
        }
        assertThat(keys()).containsExactlyInAnyOrder(NAME.value(), NAME.sidecarName(),
                NAME.value() + ".manifest.json", ListingIndex.NAME);
    }

    /** Answers HEAD requests as a bucket with object lock does for an object retained until then. */
    private static ExecutionInterceptor retainedUntil(Instant until) {
        return new ExecutionInterceptor() {
            @Override
            public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context,
                                                      ExecutionAttributes attributes) {
                if (!attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME).equals("HeadObject")) {
                    return context.httpResponse();
                }
                return context.httpResponse().toBuilder()
                        .putHeader("x-amz-object-lock-mode", "GOVERNANCE")
                        .putHeader("x-amz-object-lock-retain-until-date", DateTimeFormatter.ISO_INSTANT.format(
                                until.truncatedTo(ChronoUnit.SECONDS)))
                        .build();
            }
        };
    }

    /** Answers HEAD requests as a bucket does for an object under a legal hold. */
    private static ExecutionInterceptor legalHold() {
        return new ExecutionInterceptor() {
            @Override
            public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context,
                                                      ExecutionAttributes attributes) {
                if (!attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME).equals("HeadObject")) {
                    return context.httpResponse();
                }
                return context.httpResponse().toBuilder().putHeader("x-amz-object-lock-legal-hold", "ON").build();
            }
        };
    }

    /** Refuses deleting the archive, as a bucket would, without sending the request. */
    private static ExecutionInterceptor refusedDelete(String message) {
        return new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                if (attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME).equals("DeleteObject")
                        && context.httpRequest().encodedPath().endsWith(".lifeboat.tar")) {
                    throw S3Exception.builder().statusCode(403).message(message)
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage(message)
                                    .serviceName("S3").build())
                            .build();
                }
                return context.httpRequest();
            }
        };
    }

    private static void publish(S3Repository repository, byte[] content) throws IOException {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "test");
             NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(content);
            archive.commit("{}");
        }
    }

    private List<String> keys() {
        return S3.server().client().listObjectsV2(request -> request.bucket(bucket)).contents().stream()
                .map(S3Object::key).toList();
    }
}
