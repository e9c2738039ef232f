package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.model.VerificationRecord;
import dev.lifeboat.domain.spi.VerificationRecordFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class VerificationRecordLinesTest {

    private static final BackupName ARCHIVE = new BackupName("shop_2026-11-24T10-58-24Z.lifeboat.tar");
    private static final String SHA = "a".repeat(64);
    private static final VerificationRecord RECORD = new VerificationRecord(ARCHIVE, Optional.of(SHA),
            Instant.parse("2026-11-25T03:00:12.345Z"), true, "0.1.0", List.of(
                    VerificationCheck.passed("archive checksum", "SHA-256 matches the sidecar"),
                    VerificationCheck.warning("restore", "a warning\twith a tab\nand a line break"),
                    VerificationCheck.passed("part data/public.film.copy", "ok")));

    private final VerificationRecordLines format = new VerificationRecordLines();

    @Test
    void service_loader_finds_the_format() {
        assertThat(ServiceLoader.load(VerificationRecordFormat.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(VerificationRecordLines.class);
    }

    @Test
    void a_record_reads_back_as_written_with_line_breaks_in_details_made_spaces() {
        VerificationRecord read = format.decode(format.encode(RECORD), ARCHIVE);

        assertThat(read.archive()).isEqualTo(ARCHIVE);
        assertThat(read.archiveSha256()).contains(SHA);
        assertThat(read.verifiedAt()).isEqualTo(RECORD.verifiedAt());
        assertThat(read.deep()).isTrue();
        assertThat(read.toolVersion()).isEqualTo("0.1.0");
        assertThat(read.passed()).isTrue();
        assertThat(read.checks()).extracting(VerificationCheck::name, VerificationCheck::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("archive checksum", "SHA-256 matches the sidecar"),
                org.assertj.core.groups.Tuple.tuple("restore", "a warning with a tab and a line break"),
                org.assertj.core.groups.Tuple.tuple("part data/public.film.copy", "ok"));
    }

    @Test
    void a_failed_verification_without_a_sidecar_reads_back_failed() {
        VerificationRecord failed = new VerificationRecord(ARCHIVE, Optional.empty(), Instant.EPOCH, false, "0.1.0",
                List.of(VerificationCheck.failed("archive checksum", "the sidecar is missing")));

        VerificationRecord read = format.decode(format.encode(failed), ARCHIVE);

        assertThat(read.passed()).isFalse();
        assertThat(read.archiveSha256()).isEmpty();
        assertThat(read.deep()).isFalse();
        assertThat(read.firstFailure()).map(VerificationCheck::detail).contains("the sidecar is missing");
    }

    /** The checksum line is the SHA-256 of every byte before it, so {@code head -n -1 | sha256sum} checks it. */
    @Test
    void the_last_line_is_the_sha256_of_the_lines_before_it() {
        String document = format.encode(RECORD);
        String body = document.substring(0, document.lastIndexOf("sha256 "));

        assertThat(document).startsWith("lifeboat verification 1\n").contains("\noutcome passed\n");
        assertThat(document).endsWith("sha256 " + Sha256.hex(Sha256.newDigest().digest(
                body.getBytes(StandardCharsets.UTF_8))) + "\n");
    }

    @Test
    void any_changed_byte_makes_the_record_damaged() {
        String document = format.encode(RECORD);
        for (int i = 0; i < document.length(); i += 7) {
            char changed = document.charAt(i) == 'x' ? 'y' : 'x';
            String damaged = document.substring(0, i) + changed + document.substring(i + 1);
            assertThatThrownBy(() -> format.decode(damaged, ARCHIVE)).as("byte " + i)
                    .isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("verification record of " + ARCHIVE);
        }
    }

    @Test
    void a_cut_short_or_empty_record_is_damaged() {
        String document = format.encode(RECORD);

        for (String cut : List.of("", document.substring(0, document.length() / 2),
                document.substring(0, document.length() - 1))) {
            assertThatThrownBy(() -> format.decode(cut, ARCHIVE)).isInstanceOf(VerificationFailedException.class);
        }
    }

    /** A record copied beside another archive by hand says nothing about that archive. */
    @Test
    void a_record_of_another_archive_is_refused() {
        BackupName other = new BackupName("shop_2026-11-25T10-58-24Z.lifeboat.tar");

        assertThatThrownBy(() -> format.decode(format.encode(RECORD), other))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("it is about " + ARCHIVE);
    }

    @Test
    void a_record_of_a_newer_version_is_incompatible() {
        String body = format.encode(RECORD).replace("lifeboat verification 1\n", "lifeboat verification 2\n");
        String resealed = body.substring(0, body.lastIndexOf("sha256 "));
        String document = resealed + "sha256 " + Sha256.hex(Sha256.newDigest().digest(
                resealed.getBytes(StandardCharsets.UTF_8))) + "\n";

        assertThatThrownBy(() -> format.decode(document, ARCHIVE)).isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("version 2");
    }

    /** The outcome line is there for people reading the file; it must agree with the checks. */
    @Test
    void an_outcome_that_contradicts_the_checks_is_damaged() {
        String body = format.encode(RECORD).replace("outcome passed", "outcome failed");
        String resealed = body.substring(0, body.lastIndexOf("sha256 "));
        String document = resealed + "sha256 " + Sha256.hex(Sha256.newDigest().digest(
                resealed.getBytes(StandardCharsets.UTF_8))) + "\n";

        assertThatThrownBy(() -> format.decode(document, ARCHIVE)).isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("outcome");
    }
}
