package dev.lifeboat.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.SchemaVersion;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaVersionGuardTest {

    private static final String BACKUP = "app_2026-12-06T10-00-00Z.lifeboat.tar";

    @Test
    void a_backup_at_or_below_the_limit_passes() {
        SchemaVersionGuard guard = new SchemaVersionGuard("1.10");
        assertThatCode(() -> guard.check(version("flyway", "1.10"), BACKUP)).doesNotThrowAnyException();
        assertThatCode(() -> guard.check(version("flyway", "1.9.7"), BACKUP)).doesNotThrowAnyException();
        assertThatCode(() -> guard.check(version("user_version", "0"), BACKUP)).doesNotThrowAnyException();
    }

    @Test
    void a_newer_backup_is_refused_with_exit_8_naming_both_versions() {
        assertThatThrownBy(() -> new SchemaVersionGuard("1.9").check(version("flyway", "1.10"), BACKUP))
                .isInstanceOf(IncompatibleException.class)
                .hasMessageContaining(BACKUP).hasMessageContaining("flyway 1.10").hasMessageContaining("1.9")
                .satisfies(e -> assertThat(((LifeboatException) e).status().code()).isEqualTo(8));
    }

    @Test
    void a_backup_without_a_version_or_with_an_id_that_is_no_number_is_refused() {
        SchemaVersionGuard guard = new SchemaVersionGuard("5");
        assertThatThrownBy(() -> guard.check(Optional.empty(), BACKUP)).isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("records no schema version");
        assertThatThrownBy(() -> guard.check(version("liquibase", "create-users"), BACKUP))
                .isInstanceOf(IncompatibleException.class).hasMessageContaining("liquibase create-users")
                .hasMessageContaining("not a number");
    }

    @Test
    void a_limit_that_is_not_a_number_is_a_usage_error() {
        assertThatThrownBy(() -> new SchemaVersionGuard("v2")).isInstanceOf(InvalidUsageException.class)
                .hasMessageContaining("'v2'");
    }

    private static Optional<SchemaVersion> version(String recordedBy, String value) {
        return Optional.of(new SchemaVersion(recordedBy, value));
    }
}
