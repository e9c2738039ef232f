package dev.lifeboat.adapter.postgres.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table whose rows a backup copies: a plain table, a leaf partition on its own, or an extension's configuration
 * table, of which only the rows its extension marked as the user's are copied.
 *
 * @param table   the table
 * @param columns the columns COPY reads and writes, in table order, unquoted; generated columns are left out
 * @param filter  for an extension's configuration table, the condition its extension gave
 *                ({@code pg_extension_config_dump}, such as {@code WHERE NOT standard}); empty for every other table
 */
public record TableData(QualifiedName table, List<String> columns, Optional<String> filter) {

    public TableData {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        Objects.requireNonNull(filter, "filter");
    }

    public TableData(QualifiedName table, List<String> columns) {
        this(table, columns, Optional.empty());
    }

    /** {@code "s"."t" ("a", "b")}: the target of a COPY; a table without copied columns is named alone. */
    public String copyTarget() {
        if (columns.isEmpty()) {
            return table.quoted();
        }
        return table.quoted() + " (" + quotedColumns() + ")";
    }

    /** What COPY ... TO reads: the table, or the query that selects a configuration table's user rows. */
    public String copySource() {
        return filter.map(condition -> "(SELECT " + (columns.isEmpty() ? "" : quotedColumns()) + " FROM ONLY "
                + table.quoted() + " " + condition + ")").orElse(copyTarget());
    }

    /** A query counting the rows a backup copies. */
    public String countQuery() {
        return "SELECT pg_catalog.count(*) " + copiedRows();
    }

    /** {@code FROM ONLY "s"."t"} with the filter, if any: the rows a backup copies, for a query to select from. */
    public String copiedRows() {
        return "FROM ONLY " + table.quoted() + filter.map(condition -> " " + condition).orElse("");
    }

    private String quotedColumns() {
        StringBuilder quoted = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            quoted.append(i == 0 ? "" : ", ").append(Identifiers.quote(columns.get(i)));
        }
        return quoted.toString();
    }
}
