package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.RepositorySettings;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Failures that the test server cannot cause, as the SDK reports them. */
class S3FailuresTest {

    private final S3Bucket bucket = new S3Bucket(null, S3Location.parse("s3://backups/prod"),
            S3Settings.from(new RepositorySettings(Map.of(S3Settings.ENDPOINT, "https://s3.example.invalid"))));

    @Test
    void aHostNameThatDoesNotResolveIsNamed() {
        SdkClientException failure = SdkClientException.create("Unable to execute HTTP request: s3.example.invalid",
                new UnknownHostException("s3.example.invalid"));

        assertThat(S3Failures.unavailable(bucket, "cannot list repository s3://backups/prod", failure).getMessage())
                .isEqualTo("cannot list repository s3://backups/prod in bucket 'backups' at "
                        + "https://s3.example.invalid: the host name does not resolve (s3.example.invalid): check the "
                        + "endpoint and the network");
    }

    @Test
    void missingCredentialsSayWhereTheyComeFrom() {
        SdkClientException failure = SdkClientException.create("Unable to load credentials from any of the "
                + "providers in the chain AwsCredentialsProviderChain(credentialsProviders=[...])");

        assertThat(S3Failures.unavailable(bucket, "cannot list repository s3://backups/prod", failure).getMessage())
                .endsWith("no credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile "
                        + "(AWS_PROFILE), or run where a container or instance role is available");
    }
}
