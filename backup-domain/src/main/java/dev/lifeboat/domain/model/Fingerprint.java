package dev.lifeboat.domain.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The logical fingerprint of a database: proof that a restore holds the same data as the backup.
 *
 * <p>Per table, the row count and an order-independent hash of the rows; a hash of the engine's canonical
 * schema description; and engine attributes that are part of the data but not of any table (for SQLite,
 * {@code user_version} and {@code application_id}). Two databases with equal fingerprints hold the same rows
 * under the same schema.
 *
 * @param algorithm  names the row encoding and arithmetic, so a future change is detected rather than misread
 * @param schemaHash SHA-256 of the canonical schema description, lower-case hex
 * @param attributes engine attributes compared along with the tables
 * @param tables     table name to its fingerprint, sorted by name
 */
public record Fingerprint(String algorithm, String schemaHash, SortedMap<String, String> attributes,
                          SortedMap<String, TableFingerprint> tables) {

    public Fingerprint {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(schemaHash, "schemaHash");
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
    }

    public static Fingerprint of(String algorithm, String schemaHash, Map<String, String> attributes,
                                 Map<String, TableFingerprint> tables) {
        return new Fingerprint(algorithm, schemaHash, new TreeMap<>(attributes), new TreeMap<>(tables));
    }

    /** The rows of all tables together. */
    public long totalRows() {
        return tables.values().stream().mapToLong(TableFingerprint::rows).sum();
    }

    /**
     * What differs between this fingerprint (the expected one) and another (the actual one), one line per
     * difference in words a user can act on; empty when they are equal.
     */
    public List<String> differencesFrom(Fingerprint actual) {
        List<String> differences = new ArrayList<>();
        if (!algorithm.equals(actual.algorithm)) {
            differences.add("fingerprint algorithm: expected " + algorithm + ", found " + actual.algorithm);
            return differences;
        }
        if (!schemaHash.equals(actual.schemaHash)) {
            differences.add("schema differs");
        }
        for (String key : union(attributes.keySet(), actual.attributes.keySet())) {
            String expected = attributes.get(key);
            String found = actual.attributes.get(key);
            if (!Objects.equals(expected, found)) {
                differences.add(key + ": expected " + describe(expected) + ", found " + describe(found));
            }
        }
        for (String table : union(tables.keySet(), actual.tables.keySet())) {
            TableFingerprint expected = tables.get(table);
            TableFingerprint found = actual.tables.get(table);
            if (expected == null) {
                differences.add("table " + table + ": not in the backup, found " + found.rows() + " rows");
            } else if (found == null) {
                differences.add("table " + table + ": missing (expected " + expected.rows() + " rows)");
            } else if (expected.rows() != found.rows()) {
                differences.add("table " + table + ": expected " + expected.rows() + " rows, found " + found.rows());
            } else if (!expected.hash().equals(found.hash())) {
                differences.add("table " + table + ": same row count (" + found.rows() + ") but different contents");
            }
        }
        return differences;
    }

    private static TreeSet<String> union(java.util.Set<String> first, java.util.Set<String> second) {
        TreeSet<String> all = new TreeSet<>(first);
        all.addAll(second);
        return all;
    }

    private static String describe(String value) {
        return value == null ? "nothing" : value;
    }
}
