package dev.lifeboat.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.RefusedException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExitStatusTest {

    @Test
    void every_exit_status_has_its_own_code() {
        assertThat(Arrays.stream(ExitStatus.values()).map(ExitStatus::code)).doesNotHaveDuplicates()
                .contains(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 130);
    }

    /** Monitoring tells "no recent backup" (9) from "a backup is damaged" (6); codes keep their meanings. */
    @Test
    void stale_backups_have_the_next_free_code() {
        assertThat(ExitStatus.STALE.code()).isEqualTo(9);
        assertThat(ExitStatus.VERIFICATION_FAILED.code()).isEqualTo(6);
        assertThat(ExitStatus.STALE.meaning()).contains("max-age");
    }

    @Test
    void errors_carry_their_exit_code_and_a_stable_name() {
        assertThat(new LockedException("x").status().code()).isEqualTo(4);
        assertThat(new RefusedException("x").code()).isEqualTo("refused");
        InsufficientSpaceException space = InsufficientSpaceException.beforeWriting("/backups", 100, 10);
        assertThat(space.status().code()).isEqualTo(5);
        assertThat(space.getMessage()).contains("100 bytes required", "10 bytes available");
    }

    @Test
    void a_full_disk_is_recognized_in_any_cause() {
        java.io.IOException full = new java.nio.file.FileSystemException("/backups/x", null, "No space left on device");

        assertThat(InsufficientSpaceException.indicatesFullDisk(new IllegalStateException("wrapped", full))).isTrue();
        assertThat(InsufficientSpaceException.indicatesFullDisk(new java.io.IOException("Disk quota exceeded"))).isTrue();
        assertThat(InsufficientSpaceException.indicatesFullDisk(new java.io.IOException("Input/output error"))).isFalse();
    }
}
