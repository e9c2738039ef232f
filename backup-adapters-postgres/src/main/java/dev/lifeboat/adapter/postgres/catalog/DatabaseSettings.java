package dev.lifeboat.adapter.postgres.catalog;

import java.util.Optional;

/**
 * The settings an archive gives the database ({@code ALTER DATABASE ... SET}, {@code ALTER ROLE ... IN DATABASE ...
 * SET}), which a restore checks against the target server before it loads anything: a setting the target's version
 * no longer knows would fail the restore at its last step, after all the data.
 */
public final class DatabaseSettings {

    private static final String SET = "DATABASE " + SchemaStatement.CURRENT_DATABASE + " SET \"";

    private DatabaseSettings() {
    }

    /**
     * The name of the setting a statement gives, as {@link DatabaseStateReader} writes it: the quoted name that follows
     * the database's placeholder; empty for any other statement.
     */
    public static Optional<String> name(SchemaStatement statement) {
        if (statement.phase() != StatementPhase.DATABASE) {
            return Optional.empty();
        }
        String sql = statement.sql();
        int at = sql.indexOf(SET);
        if (at < 0 || !sql.startsWith("ALTER ")) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder();
        for (int i = at + SET.length(); i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '"') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '"') {
                    name.append('"');
                    i++;
                } else {
                    return Optional.of(name.toString());
                }
            } else {
                name.append(c);
            }
        }
        return Optional.empty();
    }

    /** Whether a setting is an extension's or an application's ({@code app.tenant}), which any server accepts. */
    public static boolean custom(String name) {
        return name.contains(".");
    }
}
