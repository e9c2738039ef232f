package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.LockHolder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3LockContentTest {

    private static final S3LockOwner OWNER = new S3LockOwner("1a2b3c4d", "db1", 4242);
    private static final Instant NOW = Instant.parse("2026-12-05T01:02:03.456Z");

    @Test
    void aLockObjectIsJsonAPersonCanReadNamingItsHolderAndLease() {
        S3LockContent content = S3LockContent.taken(OWNER, "backup of sqlite:/srv/app.db", Duration.ofMinutes(5), NOW);

        assertThat(new String(content.encode(), StandardCharsets.UTF_8)).isEqualTo("""
                {
                  "format": "lifeboat-lock 1",
                  "hostId": "1a2b3c4d",
                  "host": "db1",
                  "pid": 4242,
                  "started": "2026-12-05T01:02:03Z",
                  "command": "backup of sqlite:/srv/app.db",
                  "leaseSeconds": 300,
                  "leaseExpires": "2026-12-05T01:07:03.456Z",
                  "renewal": 0
                }
                """);
        assertThat(content.holder()).isEqualTo(new LockHolder(4242, "db1", Instant.parse("2026-12-05T01:02:03Z"),
                "backup of sqlite:/srv/app.db"));
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        S3LockContent content = S3LockContent.taken(OWNER, "prune", Duration.ofSeconds(90), NOW)
                .renewed(NOW.plusSeconds(30));

        assertThat(S3LockContent.decode(content.encode())).contains(content);
        assertThat(content.renewal()).isEqualTo(1);
        assertThat(content.leaseExpires()).isEqualTo(NOW.plusSeconds(120));
    }

    /** Every write differs from the one before, so its ETag does too: a takeover cannot overwrite an unseen renewal. */
    @Test
    void aRenewalNeverWritesTheSameBytesAgain() {
        S3LockContent content = S3LockContent.taken(OWNER, "prune", Duration.ofSeconds(90), NOW);

        assertThat(content.renewed(NOW).encode()).isNotEqualTo(content.encode());
        assertThat(content.renewed(NOW).renewed(NOW).encode()).isNotEqualTo(content.renewed(NOW).encode());
    }

    @Test
    void anyCommandTextSurvivesTheFormat() {
        String command = "backup of \"app\"\n\tpid=1 \\ \u0001 ünïcödé 💾 }{,:";
        S3LockContent content = S3LockContent.taken(OWNER, command, Duration.ofMinutes(5), NOW);

        assertThat(S3LockContent.decode(content.encode())).hasValueSatisfying(read ->
                assertThat(read.command()).isEqualTo(command));
        assertThat(new String(content.encode(), StandardCharsets.UTF_8).lines()).hasSize(11);
    }

    @Test
    void aLeaseIsCountedInWholeSecondsRoundedUp() {
        assertThat(S3LockContent.taken(OWNER, "prune", Duration.ofMillis(2_500), NOW).lease())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(S3LockContent.taken(OWNER, "prune", Duration.ofSeconds(2), NOW).lease())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anythingElseIsNotReadAsAHolder() {
        String valid = new String(S3LockContent.taken(OWNER, "prune", Duration.ofMinutes(5), NOW).encode(),
                StandardCharsets.UTF_8);
        for (String other : new String[] {
                "", "garbage", "{}", "[]", valid + "x", valid.replace("lifeboat-lock 1", "lifeboat-lock 2"),
                valid.replace("\"pid\": 4242", "\"pid\": \"many\""), valid.replace("\"pid\": 4242", "\"pid\": 4.2"),
                valid.replace("\"pid\": 4242", "\"pid\": {\"a\": 1}"), valid.replace("\"pid\": 4242", "\"pid\": null"),
                valid.replace("\"leaseSeconds\": 300", "\"leaseSeconds\": 0"),
                valid.replace("\"started\": \"2026-12-05T01:02:03Z\"", "\"started\": \"yesterday\""),
                valid.replace("  \"host\": \"db1\",\n", ""),
                valid.replace("\"host\": \"db1\"", "\"host\": \"db1\", \"host\": \"db2\""),
                valid.replace("\"db1\"", "\"db1\\q\""), valid.replace("}", "")}) {
            assertThat(S3LockContent.decode(other.getBytes(StandardCharsets.UTF_8))).as(other).isEmpty();
        }
        assertThat(S3LockContent.decode(new byte[S3LockContent.MAX_BYTES + 1])).isEmpty();
    }

    @Test
    void fieldsItDoesNotKnowAndOtherSpacingAreFine() {
        String written = "{\"renewal\":7,\"format\":\"lifeboat-lock 1\",\"hostId\":\"ff\",\"host\":\"h\",\"pid\":1,"
                + "\"started\":\"2026-12-05T01:02:03Z\",\"command\":\"c\\u00e9\",\"leaseSeconds\":60,"
                + "\"leaseExpires\":\"2026-12-05T01:03:03Z\",\"future\":\"field\"}";

        assertThat(S3LockContent.decode(written.getBytes(StandardCharsets.UTF_8))).hasValueSatisfying(read -> {
            assertThat(read.command()).isEqualTo("cé");
            assertThat(read.renewal()).isEqualTo(7);
            assertThat(read.lease()).isEqualTo(Duration.ofMinutes(1));
        });
    }
}
