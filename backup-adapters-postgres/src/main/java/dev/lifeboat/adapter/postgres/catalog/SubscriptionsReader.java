package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The subscriptions of the database being backed up (pg_subscription is shared by the whole server), written as
 * pg_dump writes them: {@code CREATE SUBSCRIPTION ... WITH (connect = false, slot_name = ...)} with every option the
 * source has, so a restore neither reaches the publisher nor creates a slot, and the subscription comes back disabled
 * (see {@link RestoreNotes}). The connection string may hold a password: the statement is marked secret and the
 * description holds its hash. Only superusers can read connection strings; for any other role each subscription is
 * reported as an object it cannot back up, rather than left out silently.
 *
 * <p>A source older than PostgreSQL 14 cannot name {@code streaming}, nor one older than 16 {@code run_as_owner}, yet
 * newer servers changed those defaults (streaming parallel from 18; run_as_owner false from 16, where older servers
 * always applied changes as the subscription's owner). For such sources a DO block sets the source's behaviour when
 * the restoring server is new enough to have the option, so a restore onto a newer server behaves as the source did.
 */
final class SubscriptionsReader {

    /** The label of a subscription's statements: {@code SUBSCRIPTION name}. */
    static final String LABEL = "SUBSCRIPTION ";

    private static final String THIS_DATABASE = "s.subdbid = (SELECT d.oid FROM pg_catalog.pg_database d"
            + " WHERE d.datname = pg_catalog.current_database())";

    private SubscriptionsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        Catalog catalog = context.catalog();
        if (!connectionsReadable(catalog)) {
            for (Catalog.Row row : catalog.rows("SELECT s.subname FROM pg_catalog.pg_subscription s WHERE "
                    + THIS_DATABASE + " ORDER BY s.subname")) {
                context.script().unsupported("subscription " + row.text("subname") + " (its connection string is"
                        + " readable by superusers only: back up as a superuser)");
            }
            return;
        }
        // settings a source's server lacks are not written (its script must run there); olderDefaults covers them
        for (Catalog.Row row : catalog.rows("SELECT s.oid, s.subname, s.subconninfo, s.subslotname, s.subsynccommit, "
                + "s.subpublications, pg_catalog.pg_get_userbyid(s.subowner) AS owner, "
                + (catalog.atLeast(14) ? "s.subbinary" : "false") + " AS binary, "
                + (catalog.atLeast(16) ? "s.substream::text" : catalog.atLeast(14)
                        ? "CASE WHEN s.substream THEN 't' ELSE 'f' END" : "NULL::text") + " AS streaming, "
                + (catalog.atLeast(15) ? "s.subtwophasestate::text <> 'd'" : "false") + " AS two_phase, "
                + (catalog.atLeast(15) ? "s.subdisableonerr" : "false") + " AS disable_on_error, "
                + (catalog.atLeast(16) ? "s.subpasswordrequired" : "true") + " AS password_required, "
                + (catalog.atLeast(16) ? "s.subrunasowner" : "false") + " AS run_as_owner, "
                + (catalog.atLeast(16) ? "s.suborigin" : "'any'") + " AS origin, "
                + (catalog.atLeast(17) ? "s.subfailover" : "false") + " AS failover "
                + "FROM pg_catalog.pg_subscription s WHERE " + THIS_DATABASE + " ORDER BY s.subname")) {
            String name = Identifiers.quote(row.text("subname"));
            String label = LABEL + row.text("subname");
            ObjectRef ref = new ObjectRef("pg_subscription", row.number("oid"));
            ScriptBuilder.PostData post = context.script().post(ref)
                    .add(new SchemaStatement(StatementPhase.POST_DATA, StatementKind.DEFINITION, label,
                            create(name, row), List.of(), true));
            if (!catalog.atLeast(16)) {
                post.add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label, olderDefaults(name, catalog));
            }
            post.addAll(context.comments().on(StatementPhase.POST_DATA, ref, "SUBSCRIPTION " + name, label))
                    .addAll(Privileges.owner(context.options(), StatementPhase.POST_DATA, label,
                            "SUBSCRIPTION " + name, row.text("owner")));
        }
    }

    private static String create(String name, Catalog.Row row) {
        List<String> options = new ArrayList<>(List.of("connect = false", "slot_name = "
                + (row.has("subslotname") ? Identifiers.literal(row.text("subslotname")) : "NONE")));
        if (row.flag("binary")) {
            options.add("binary = true");
        }
        if (row.has("streaming")) {
            options.add("streaming = " + switch (row.text("streaming")) {
                case "t" -> "on";
                case "p" -> "parallel";
                default -> "off";
            });
        }
        if (row.flag("two_phase")) {
            options.add("two_phase = on");
        }
        if (row.flag("disable_on_error")) {
            options.add("disable_on_error = true");
        }
        if (!row.flag("password_required")) {
            options.add("password_required = false");
        }
        if (row.flag("run_as_owner")) {
            options.add("run_as_owner = true");
        }
        if (row.flag("failover")) {
            options.add("failover = true");
        }
        if (!"off".equals(row.text("subsynccommit"))) {
            options.add("synchronous_commit = " + Identifiers.literal(row.text("subsynccommit")));
        }
        if (!"any".equalsIgnoreCase(row.text("origin"))) {
            options.add("origin = " + Identifiers.literal(row.text("origin")));
        }
        return "CREATE SUBSCRIPTION " + name + " CONNECTION " + Identifiers.literal(row.text("subconninfo"))
                + " PUBLICATION " + String.join(", ", row.list("subpublications").stream().map(Identifiers::quote)
                .toList()) + " WITH (" + String.join(", ", options) + ")";
    }

    /** The DO block that keeps an older source's behaviour on a newer server (see the class comment). */
    private static String olderDefaults(String name, Catalog catalog) {
        String version = "pg_catalog.current_setting('server_version_num')::pg_catalog.int4";
        String body = "BEGIN IF " + version + " >= 160000 THEN ALTER SUBSCRIPTION " + name
                + " SET (run_as_owner = true); END IF;"
                + (catalog.atLeast(14) ? "" : " IF " + version + " >= 180000 THEN ALTER SUBSCRIPTION " + name
                + " SET (streaming = off); END IF;") + " END";
        String tag = "$lifeboat$";
        for (int i = 1; body.contains(tag); i++) {
            tag = "$lifeboat" + i + "$";
        }
        return "DO " + tag + body + tag;
    }

    /** Whether this session may read connection strings, which PostgreSQL shows to superusers only. */
    static boolean connectionsReadable(Catalog catalog) throws SQLException {
        return catalog.single("SELECT pg_catalog.has_column_privilege('pg_catalog.pg_subscription', 'subconninfo', "
                + "'SELECT')::text").equals("true");
    }

    /**
     * Description query: each subscription of this database with every setting a restore brings back, as the
     * source's behaviour (settings an older server lacks described by what it does); the connection string by its
     * hash; not whether it is enabled, since a restore brings it back disabled. None when connection strings are
     * not readable: those subscriptions are left out of the backup.
     */
    static List<String> description(Catalog catalog) throws SQLException {
        if (!connectionsReadable(catalog)) {
            return List.of();
        }
        return List.of("SELECT 'pg_subscription' AS catalog, s.oid, pg_catalog.format('subscription %s connection md5:%s"
                + " slot %s publications %s synchronous commit %s binary %s streaming %s two phase %s disable on error %s"
                + " password required %s run as owner %s origin %s failover %s', s.subname, pg_catalog.md5(s.subconninfo),"
                + " s.subslotname, s.subpublications, s.subsynccommit, "
                + (catalog.atLeast(14) ? "s.subbinary" : "false") + ", "
                + (catalog.atLeast(16) ? "s.substream::text" : catalog.atLeast(14)
                        ? "CASE WHEN s.substream THEN 't' ELSE 'f' END" : "'f'") + ", "
                + (catalog.atLeast(15) ? "s.subtwophasestate <> 'd', s.subdisableonerr" : "false, false") + ", "
                + (catalog.atLeast(16) ? "s.subpasswordrequired, s.subrunasowner, s.suborigin" : "true, true, 'any'")
                + ", " + (catalog.atLeast(17) ? "s.subfailover" : "false") + ") AS line"
                + " FROM pg_catalog.pg_subscription s WHERE " + THIS_DATABASE);
    }
}
