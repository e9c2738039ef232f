package dev.lifeboat.adapter.postgres.catalog;

import java.util.Optional;

/** What a user must know once a restore has run a statement: what it brought back differently from the source. */
public final class RestoreNotes {

    private RestoreNotes() {
    }

    /** The warning a statement calls for once it ran, if any: a subscription comes back disabled and unconnected. */
    public static Optional<String> after(SchemaStatement statement) {
        if (statement.kind() != StatementKind.DEFINITION || !statement.label().startsWith(SubscriptionsReader.LABEL)
                || !statement.sql().startsWith("CREATE SUBSCRIPTION ")) {
            return Optional.empty();
        }
        String name = statement.label().substring(SubscriptionsReader.LABEL.length());
        String quoted = Identifiers.quote(name);
        return Optional.of("subscription " + name + " was restored disabled and without a replication slot, as"
                + " pg_dump does (it did not connect to its publisher); once its slot exists on the publisher, run"
                + " ALTER SUBSCRIPTION " + quoted + " ENABLE, then ALTER SUBSCRIPTION " + quoted
                + " REFRESH PUBLICATION to synchronize its tables");
    }
}
