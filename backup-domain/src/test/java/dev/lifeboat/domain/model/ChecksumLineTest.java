package dev.lifeboat.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.VerificationFailedException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChecksumLineTest {

    private static final BackupName ARCHIVE = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void writesTheLineSha256sumChecks() {
        assertThat(new String(new ChecksumLine(SHA256, ARCHIVE).content(), StandardCharsets.UTF_8))
                .isEqualTo(SHA256 + "  " + ARCHIVE.value() + "\n");
    }

    @Test
    void readsTextAndBinaryModeLinesInEitherCase() {
        assertThat(parse(SHA256 + "  " + ARCHIVE.value() + "\n").sha256()).isEqualTo(SHA256);
        assertThat(parse(SHA256.toUpperCase() + " *" + ARCHIVE.value() + "\r\n").sha256()).isEqualTo(SHA256);
    }

    @Test
    void refusesALineForAnotherFileNamingBoth() {
        assertThatThrownBy(() -> parse(SHA256 + "  other_2026-11-24T10-58-24Z.lifeboat.tar\n"))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("other_2026-11-24T10-58-24Z.lifeboat.tar").hasMessageContaining("sidecar-at");
    }

    @Test
    void refusesWhatIsNotOneLineOrTooLarge() {
        assertThatThrownBy(() -> parse("not a checksum")).isInstanceOf(VerificationFailedException.class);
        assertThatThrownBy(() -> parse(SHA256 + "  " + ARCHIVE.value() + "\n" + SHA256 + "  x\n"))
                .isInstanceOf(VerificationFailedException.class);
        assertThatThrownBy(() -> ChecksumLine.parse(new byte[ChecksumLine.MAX_BYTES + 1], ARCHIVE, "sidecar-at"))
                .isInstanceOf(VerificationFailedException.class).hasMessageContaining("larger than 4096 bytes");
    }

    private static ChecksumLine parse(String content) {
        return ChecksumLine.parse(content.getBytes(StandardCharsets.UTF_8), ARCHIVE, "sidecar-at");
    }
}
