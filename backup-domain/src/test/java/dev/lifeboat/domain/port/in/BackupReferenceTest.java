package dev.lifeboat.domain.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupReferenceTest {

    @Test
    void reads_latest_latest_of_a_database_and_names() {
        assertThat(BackupReference.parse("latest")).isEqualTo(new BackupReference.Latest(Optional.empty()));
        assertThat(BackupReference.parse("latest:chinook")).isEqualTo(new BackupReference.Latest(Optional.of("chinook")));
        assertThat(BackupReference.parse("app_2026-11-24T10-58-24Z.lifeboat.tar"))
                .isEqualTo(new BackupReference.Named("app_2026-11-24T10-58-24Z.lifeboat.tar"));
    }

    @Test
    void latest_without_a_name_and_blank_references_are_usage_errors() {
        assertThatThrownBy(() -> BackupReference.parse("latest:")).isInstanceOf(InvalidUsageException.class);
        assertThatThrownBy(() -> BackupReference.parse(" ")).isInstanceOf(InvalidUsageException.class);
    }
}
