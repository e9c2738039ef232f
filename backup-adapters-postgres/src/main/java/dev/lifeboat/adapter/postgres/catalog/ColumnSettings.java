package dev.lifeboat.adapter.postgres.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of a table's or materialized view's column that its CREATE statement cannot carry: statistics target,
 * storage, compression and options (pg_attribute.attoptions: {@code n_distinct}, {@code n_distinct_inherited}).
 * A column made by inheritance or PARTITION OF takes its parent's storage and compression, so those are compared
 * with what the column starts with, not with its type's defaults.
 */
final class ColumnSettings {

    private ColumnSettings() {
    }

    /**
     * The ALTER statements for one column.
     *
     * @param alter     the start of each statement: {@code ALTER TABLE ONLY "s"."t"}
     * @param column    the column
     * @param startsAs  the parent's column it starts as a copy of, or null when it starts with its type's defaults
     */
    static List<String> statements(String alter, Column column, Column startsAs) {
        String prefix = alter + " ALTER COLUMN " + Identifiers.quote(column.name());
        List<String> statements = new ArrayList<>();
        if (column.statistics() >= 0) {
            statements.add(prefix + " SET STATISTICS " + column.statistics());
        }
        String storage = effectiveStorage(column);
        if (!storage.equals(startsAs == null ? column.typeStorage() : effectiveStorage(startsAs))) {
            statements.add(prefix + " SET STORAGE " + storageName(storage));
        }
        if (!Objects.equals(column.compression(), startsAs == null ? null : startsAs.compression())) {
            statements.add(prefix + " SET COMPRESSION " + compressionName(column.compression()));
        }
        if (!column.options().isEmpty()) {
            statements.add(prefix + " SET (" + String.join(", ", column.options()) + ")");
        }
        return statements;
    }

    private static String effectiveStorage(Column column) {
        return column.storage() == null ? column.typeStorage() : column.storage();
    }

    private static String storageName(String code) {
        return switch (code) {
            case "p" -> "PLAIN";
            case "e" -> "EXTERNAL";
            case "m" -> "MAIN";
            default -> "EXTENDED";
        };
    }

    private static String compressionName(String code) {
        if (code == null) {
            return "DEFAULT";
        }
        return code.equals("l") ? "lz4" : "pglz";
    }
}
