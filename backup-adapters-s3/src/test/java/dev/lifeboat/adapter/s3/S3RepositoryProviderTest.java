package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.model.RepositorySetting;
import dev.lifeboat.domain.model.RepositorySettings;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class S3RepositoryProviderTest {

    private final S3RepositoryProvider provider = new S3RepositoryProvider();

    @Test
    void serviceLoaderFindsTheProviderByItsId() {
        assertThat(ServiceLoader.load(BackupRepositoryProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(found -> {
                    assertThat(found.id()).isEqualTo("s3");
                    assertThat(found.accepts("s3://bucket/prefix")).isTrue();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://bucket", "s3://bucket/", "s3://bucket/a/b", "S3://bucket"})
    void acceptsS3Locations(String location) {
        assertThat(provider.accepts(location)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"./backups", "/var/backups", "file:///backups", "sftp://host/x", "s3:bucket", ""})
    void leavesOtherLocationsToOtherProviders(String location) {
        assertThat(provider.accepts(location)).isFalse();
    }

    @Test
    void theLocationGivesBucketAndPrefix() {
        BackupRepository repository = provider.open("s3://my-bucket/lifeboat/prod/", settings(Map.of()), true);

        assertThat(repository.location()).isEqualTo("s3://my-bucket/lifeboat/prod");
        assertThat(S3Location.parse("s3://my-bucket").key("x.lifeboat.tar")).isEqualTo("x.lifeboat.tar");
        assertThat(S3Location.parse("s3://my-bucket/a/b").key("x.lifeboat.tar")).isEqualTo("a/b/x.lifeboat.tar");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://", "s3://ab", "s3://My_Bucket", "s3://bucket-", "s3://a..b", "s3://bucket//x",
        "s3://bucket/a/../b", "s3://bucket/./b", "s3://bucket/a\tb"})
    void aMalformedLocationIsAUsageErrorNamingIt(String location) {
        assertThatThrownBy(() -> provider.open(location, settings(Map.of()), true))
                .isInstanceOfSatisfying(LifeboatException.class, e -> {
                    assertThat(e.status()).isEqualTo(ExitStatus.USAGE);
                    assertThat(e.getMessage()).contains(location);
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "endpoint|ftp://host",
        "endpoint|not a url",
        "endpoint|http://user:password@host",
        "region|US East",
        "path-style|yes",
        "provider|wasabi",
        "object-lock-mode|strict",
        "lock-lease|soon",
        "lock-lease|1s",
        "host-name|db 1",
        "host-name|-db1",
        "host-name|db1/prod"})
    void aMalformedSettingIsAUsageErrorNamingIt(String setting, String value) {
        Map<String, String> values = new HashMap<>(Map.of(setting, value));
        if (setting.equals("object-lock-mode")) {
            values.put(S3Settings.OBJECT_LOCK_DAYS, "30");
        }

        assertThatThrownBy(() -> provider.open("s3://bucket", settings(values), true))
                .isInstanceOfSatisfying(LifeboatException.class, e -> {
                    assertThat(e.status()).isEqualTo(ExitStatus.USAGE);
                    assertThat(e.getMessage()).contains("'" + setting + "'");
                    if (!setting.equals("endpoint")) {
                        assertThat(e.getMessage()).contains(value);
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "x", "36501", "1.5"})
    void objectLockDaysMustBeAWholeNumberOfDays(String days) {
        assertThatThrownBy(() -> provider.open("s3://bucket", settings(Map.of(S3Settings.OBJECT_LOCK_MODE,
                "compliance", S3Settings.OBJECT_LOCK_DAYS, days)), true))
                .isInstanceOfSatisfying(LifeboatException.class, e -> {
                    assertThat(e.status()).isEqualTo(ExitStatus.USAGE);
                    assertThat(e.getMessage()).contains("'object-lock-days'", days);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {S3Settings.OBJECT_LOCK_MODE, S3Settings.OBJECT_LOCK_DAYS})
    void objectLockModeAndDaysGoTogether(String setting) {
        String value = setting.equals(S3Settings.OBJECT_LOCK_MODE) ? "governance" : "30";

        assertThatThrownBy(() -> provider.open("s3://bucket", settings(Map.of(setting, value)), true))
                .isInstanceOfSatisfying(LifeboatException.class, e -> {
                    assertThat(e.status()).isEqualTo(ExitStatus.USAGE);
                    assertThat(e.getMessage()).contains("'object-lock-mode'", "'object-lock-days'");
                });
    }

    @Test
    void declaresItsSettingsWithTheirEnvironmentVariablesAndOnlyTheSecretKeyAsSecret() {
        assertThat(provider.settings()).extracting(RepositorySetting::name, RepositorySetting::environmentVariables)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("endpoint",
                                List.of("LIFEBOAT_S3_ENDPOINT", "AWS_ENDPOINT_URL_S3")),
                        org.assertj.core.groups.Tuple.tuple("region", List.of("LIFEBOAT_S3_REGION", "AWS_REGION")),
                        org.assertj.core.groups.Tuple.tuple("path-style", List.of("LIFEBOAT_S3_PATH_STYLE")),
                        org.assertj.core.groups.Tuple.tuple("provider", List.of("LIFEBOAT_S3_PROVIDER")),
                        org.assertj.core.groups.Tuple.tuple("profile", List.of("AWS_PROFILE")),
                        org.assertj.core.groups.Tuple.tuple("object-lock-mode", List.of()),
                        org.assertj.core.groups.Tuple.tuple("object-lock-days", List.of()),
                        org.assertj.core.groups.Tuple.tuple("lock-lease", List.of("LIFEBOAT_S3_LOCK_LEASE")),
                        org.assertj.core.groups.Tuple.tuple("host-name", List.of("LIFEBOAT_HOST_NAME")),
                        org.assertj.core.groups.Tuple.tuple("access-key-id", List.of("AWS_ACCESS_KEY_ID")),
                        org.assertj.core.groups.Tuple.tuple("secret-access-key", List.of("AWS_SECRET_ACCESS_KEY")));
        assertThat(provider.settings()).filteredOn(RepositorySetting::secret).extracting(RepositorySetting::name)
                .containsExactly("secret-access-key");
    }

    @Test
    void openingSendsNothingSoAnUnreachableEndpointIsFoundByTheFirstOperation() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        BackupRepository repository = provider.open("s3://bucket", settings(Map.of(S3Settings.ENDPOINT,
                "http://127.0.0.1:" + port, S3Settings.ACCESS_KEY_ID, "key", S3Settings.SECRET_ACCESS_KEY, "secret")),
                false);

        assertThatThrownBy(repository::list).isInstanceOfSatisfying(LifeboatException.class, e -> {
            assertThat(e.status()).isEqualTo(ExitStatus.UNAVAILABLE);
            assertThat(e.getMessage()).contains("connection refused");
        });
    }

    @Test
    void onlyAProviderWithoutConditionalWritesGivesAWarning() {
        assertThat(provider.open("s3://bucket", settings(Map.of(S3Settings.PROVIDER, "b2")), true).warnings())
                .singleElement().asString().contains("b2", "no conditional writes", "s3://bucket");
        for (String other : List.of("aws", "minio", "r2", "gcs", "ceph", "other")) {
            assertThat(provider.open("s3://bucket", settings(Map.of(S3Settings.PROVIDER, other)), true).warnings())
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"aws, false, false", "aws, true, false", "minio, false, true", "ceph, true, true",
        "other, true, true", "other, false, false", "r2, true, false", "gcs, true, false", "b2, true, false"})
    void pathStyleFollowsTheProviderUnlessSet(String provider, boolean endpointGiven, boolean pathStyle) {
        Map<String, String> values = new HashMap<>(Map.of(S3Settings.PROVIDER, provider));
        if (endpointGiven) {
            values.put(S3Settings.ENDPOINT, "http://127.0.0.1:9000");
        }
        assertThat(S3Settings.from(new RepositorySettings(values)).usesPathStyle()).isEqualTo(pathStyle);

        values.put(S3Settings.PATH_STYLE, String.valueOf(!pathStyle));
        assertThat(S3Settings.from(new RepositorySettings(values)).usesPathStyle()).isEqualTo(!pathStyle);
    }

    @Test
    void theLockLeaseIsFiveMinutesUnlessSet() {
        assertThat(S3Settings.from(settings(Map.of())).lockLease()).hasMinutes(5);
        assertThat(S3Settings.from(settings(Map.of(S3Settings.LOCK_LEASE, "90s"))).lockLease()).hasSeconds(90);
    }

    @Test
    void theHostNameNamesTheLockOwnerAndItsHostIdUnlessLeftToTheHostsOwnName() {
        S3Settings hostA = S3Settings.from(settings(Map.of(S3Settings.HOST_NAME, " host-a ")));
        S3Settings hostB = S3Settings.from(settings(Map.of(S3Settings.HOST_NAME, "host-b")));
        S3Settings unset = S3Settings.from(settings(Map.of()));

        S3LockOwner a = S3LockOwner.thisProcess(hostA.hostName());
        S3LockOwner b = S3LockOwner.thisProcess(hostB.hostName());
        assertThat(a.hostName()).isEqualTo("host-a");
        assertThat(b.hostName()).isEqualTo("host-b");
        assertThat(a.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(List.of(a.hostId(), b.hostId(), HostIdentity.local().id())).doesNotHaveDuplicates();
        assertThat(S3LockOwner.thisProcess(hostA.hostName())).isEqualTo(a);
        assertThat(S3LockOwner.thisProcess(unset.hostName()))
                .isEqualTo(new S3LockOwner(HostIdentity.local().id(), HostIdentity.local().name(),
                        ProcessHandle.current().pid()));
    }

    @Test
    void theSecretKeyIsUsedOnlyWithItsKeyIdAndNeverShown() {
        S3Settings both = S3Settings.from(settings(Map.of(S3Settings.ACCESS_KEY_ID, "AKIAEXAMPLE",
                S3Settings.SECRET_ACCESS_KEY, "very-secret-value")));
        S3Settings secretOnly = S3Settings.from(settings(Map.of(S3Settings.SECRET_ACCESS_KEY, "very-secret-value")));

        assertThat(both.credentials()).hasValueSatisfying(key -> assertThat(key.id()).isEqualTo("AKIAEXAMPLE"));
        assertThat(secretOnly.credentials()).isEmpty();
        assertThat(both.toString()).contains("AKIAEXAMPLE").doesNotContain("very-secret-value");
    }

    private static RepositorySettings settings(Map<String, String> values) {
        return new RepositorySettings(values);
    }
}
