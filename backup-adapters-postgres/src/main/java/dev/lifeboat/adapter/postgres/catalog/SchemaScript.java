package dev.lifeboat.adapter.postgres.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A database's schema read from its catalogs: the statements that recreate it, the tables whose rows a backup
 * copies, what could not be reproduced, and a canonical description for the fingerprint.
 *
 * @param statements  every statement, in the order a restore runs them (pre-data first, refreshes last); within a
 *                    phase, objects come after what they depend on
 * @param tables      the tables with data, sorted by name
 * @param unsupported object kinds the script cannot reproduce, one line each: {@code event trigger audit_ddl}
 * @param description a canonical, version-independent description of the schema (see {@link SchemaReader#describe})
 */
public record SchemaScript(List<SchemaStatement> statements, List<TableData> tables, List<String> unsupported,
                           String description) {

    public SchemaScript {
        statements = List.copyOf(statements);
        tables = List.copyOf(tables);
        unsupported = List.copyOf(unsupported);
        Objects.requireNonNull(description, "description");
    }
}
