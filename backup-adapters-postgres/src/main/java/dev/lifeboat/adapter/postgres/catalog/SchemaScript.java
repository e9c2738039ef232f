package dev.lifeboat.adapter.postgres.catalog;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A database's schema read from its catalogs: the statements that recreate it, the tables whose rows a backup
 * copies, what could not be reproduced and what was left out with it, and a canonical description for the
 * fingerprint.
 *
 * @param statements  every statement, in the order a restore runs them (pre-data first, refreshes last); within a
 *                    phase, objects come after what they depend on
 * @param tables      the tables with data, sorted by name
 * @param unsupported objects the script cannot reproduce, one line each: {@code tablespace fast of table public.t}
 * @param dependents  objects left out because they depend on one of those, each line naming what it depends on
 * @param description a canonical, version-independent description of the schema without what is left out (see
 *                    {@link SchemaReader#describe})
 */
public record SchemaScript(List<SchemaStatement> statements, List<TableData> tables, List<String> unsupported,
                           List<String> dependents, String description) {

    public SchemaScript {
        statements = List.copyOf(statements);
        tables = List.copyOf(tables);
        unsupported = List.copyOf(unsupported);
        dependents = List.copyOf(dependents);
        Objects.requireNonNull(description, "description");
    }

    /** Every role the statements name, with the kinds of statement that name it, sorted by role. */
    public Map<String, Set<StatementKind>> roles() {
        Map<String, Set<StatementKind>> roles = new TreeMap<>();
        for (SchemaStatement statement : statements) {
            for (String role : statement.roles()) {
                roles.computeIfAbsent(role, r -> EnumSet.noneOf(StatementKind.class)).add(statement.kind());
            }
        }
        return roles;
    }
}
