package dev.lifeboat.domain.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an engine reports about a database before or while backing it up.
 *
 * @param engineId      the engine that described it
 * @param engineVersion the database library or server version, such as {@code 3.53.0}
 * @param databaseName  a short name for the database, used in archive names and {@code latest:NAME}
 * @param location      where the database is, without any password, in a form a restore can use again
 * @param sizeBytes     the database's size on disk, the estimate for the space a backup needs
 * @param tables        the tables with their row counts
 * @param schemaVersion what identifies the schema's version ({@code user_version}, the newest migration, ...)
 * @param properties    further engine facts worth keeping (page size, journal mode, encoding, ...)
 */
public record DatabaseDescription(String engineId, String engineVersion, String databaseName, String location,
                                  long sizeBytes, List<TableInfo> tables, SortedMap<String, String> schemaVersion,
                                  SortedMap<String, String> properties) {

    public DatabaseDescription {
        Objects.requireNonNull(engineId, "engineId");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(location, "location");
        tables = List.copyOf(tables);
        schemaVersion = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(schemaVersion));
        properties = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(properties));
    }

    public static DatabaseDescription of(String engineId, String engineVersion, String databaseName, String location,
                                         long sizeBytes, List<TableInfo> tables, Map<String, String> schemaVersion,
                                         Map<String, String> properties) {
        return new DatabaseDescription(engineId, engineVersion, databaseName, location, sizeBytes, tables,
                new TreeMap<>(schemaVersion), new TreeMap<>(properties));
    }

    public long totalRows() {
        return tables.stream().mapToLong(TableInfo::rows).sum();
    }
}
