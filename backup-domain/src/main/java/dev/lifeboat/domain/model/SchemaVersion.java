package dev.lifeboat.domain.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The version of a database's schema, as the application or its migration tool recorded it, read from what a manifest
 * (or an engine describing a live database) records under {@code schemaVersion}: the newest Flyway migration's
 * version, else the newest Liquibase changeset's id, else SQLite's {@code user_version}.
 *
 * @param recordedBy what recorded it: {@value #FLYWAY}, {@value #LIQUIBASE} or {@value #USER_VERSION}
 * @param value      the version itself: {@code 3}, {@code 1.2.1}, or a Liquibase id such as {@code create-users}
 */
public record SchemaVersion(String recordedBy, String value) {

    public static final String FLYWAY = "flyway";
    public static final String LIQUIBASE = "liquibase";
    public static final String USER_VERSION = "user_version";

    public SchemaVersion {
        Objects.requireNonNull(recordedBy, "recordedBy");
        Objects.requireNonNull(value, "value");
    }

    /**
     * The schema version in what an engine records: {@code flyway} holds "VERSION DESCRIPTION" (a Flyway version has
     * no spaces), {@code liquibase} "ID by AUTHOR", {@code user_version} a number. Empty when none is recorded, as
     * for a PostgreSQL database without a migration tool's table.
     */
    public static Optional<SchemaVersion> of(Map<String, String> recorded) {
        String flyway = recorded.get(FLYWAY);
        if (flyway != null && !flyway.isBlank()) {
            String version = flyway.strip();
            int space = version.indexOf(' ');
            return Optional.of(new SchemaVersion(FLYWAY, space < 0 ? version : version.substring(0, space)));
        }
        String liquibase = recorded.get(LIQUIBASE);
        if (liquibase != null && !liquibase.isBlank()) {
            String changeset = liquibase.strip();
            int by = changeset.lastIndexOf(" by ");
            return Optional.of(new SchemaVersion(LIQUIBASE, by < 0 ? changeset : changeset.substring(0, by)));
        }
        String userVersion = recorded.get(USER_VERSION);
        if (userVersion != null && !userVersion.isBlank()) {
            return Optional.of(new SchemaVersion(USER_VERSION, userVersion.strip()));
        }
        return Optional.empty();
    }

    /** Whether two versions are the same: by number where both are numbers ("1.0" is "1"), else as text. */
    public boolean sameAs(SchemaVersion other) {
        return recordedBy.equals(other.recordedBy) && SchemaVersionOrder.compare(value, other.value)
                .map(order -> order == 0).orElse(value.equals(other.value));
    }

    /** As a person reads it: {@code flyway 1.2}, {@code user_version 7}. */
    @Override
    public String toString() {
        return recordedBy + " " + value;
    }
}
