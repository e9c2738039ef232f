package dev.lifeboat.adapter.postgres.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A table whose rows a backup copies: a plain table, or a leaf partition on its own.
 *
 * @param table   the table
 * @param columns the columns COPY reads and writes, in table order, unquoted; generated columns are left out
 */
public record TableData(QualifiedName table, List<String> columns) {

    public TableData {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
    }

    /** {@code "s"."t" ("a", "b")}: the target of a COPY; a table without copied columns is named alone. */
    public String copyTarget() {
        if (columns.isEmpty()) {
            return table.quoted();
        }
        StringBuilder target = new StringBuilder(table.quoted()).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            target.append(i == 0 ? "" : ", ").append(Identifiers.quote(columns.get(i)));
        }
        return target.append(')').toString();
    }
}
