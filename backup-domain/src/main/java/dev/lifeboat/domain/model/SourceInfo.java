package dev.lifeboat.domain.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The database a backup was taken from, as the manifest records it.
 *
 * @param location      where it was, without any password
 * @param databaseName  its short name
 * @param sizeBytes     its size on disk when backed up
 * @param schemaVersion what identifies the schema's version
 * @param properties    further engine facts
 */
public record SourceInfo(String location, String databaseName, long sizeBytes, SortedMap<String, String> schemaVersion,
                         SortedMap<String, String> properties) {

    public SourceInfo {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(databaseName, "databaseName");
        schemaVersion = Collections.unmodifiableSortedMap(new TreeMap<>(schemaVersion));
        properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
    }

    public static SourceInfo of(String location, String databaseName, long sizeBytes, Map<String, String> schemaVersion,
                                Map<String, String> properties) {
        return new SourceInfo(location, databaseName, sizeBytes, new TreeMap<>(schemaVersion), new TreeMap<>(properties));
    }

    public static SourceInfo from(DatabaseDescription description) {
        return new SourceInfo(description.location(), description.databaseName(), description.sizeBytes(),
                description.schemaVersion(), description.properties());
    }
}
