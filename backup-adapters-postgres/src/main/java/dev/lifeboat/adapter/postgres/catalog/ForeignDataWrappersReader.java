package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.List;

/**
 * Foreign-data wrappers (handler, validator, options) and foreign servers (type, version, wrapper, options), with
 * their comments, owners and USAGE privileges. Those an extension made come back with CREATE EXTENSION; a wrapper of
 * the user's own built on an extension's functions comes after that extension.
 */
final class ForeignDataWrappersReader {

    private ForeignDataWrappersReader() {
    }

    static void read(ReadContext context) throws SQLException {
        wrappers(context);
        servers(context);
    }

    private static void wrappers(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT w.oid, w.fdwname, "
                + CatalogNames.function("w.fdwhandler") + " AS handler, " + CatalogNames.function("w.fdwvalidator") + " AS validator, "
                + GenericOptions.clause("w.fdwoptions") + " AS options, "
                + ReadContext.ownerColumns("w.fdwowner", "w.fdwacl", 'F')
                + " FROM pg_catalog.pg_foreign_data_wrapper w WHERE w.oid >= " + Catalog.FIRST_NORMAL_OID + " AND "
                + Catalog.notExtensionMember("pg_foreign_data_wrapper", "w.oid") + " ORDER BY w.fdwname")) {
            String name = row.text("fdwname");
            String target = "FOREIGN DATA WRAPPER " + Identifiers.quote(name);
            String label = "FOREIGN DATA WRAPPER " + name;
            ObjectRef ref = new ObjectRef("pg_foreign_data_wrapper", row.number("oid"));
            context.script().object(ref, ObjectRank.FOREIGN_DATA_WRAPPER, new QualifiedName("", name), "")
                    .add(StatementKind.DEFINITION, label, "CREATE " + target
                            + (row.has("handler") ? " HANDLER " + row.text("handler") : "")
                            + (row.has("validator") ? " VALIDATOR " + row.text("validator") : "")
                            + GenericOptions.suffix(row.text("options")))
                    .addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label))
                    .addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, target, target, row));
        }
    }

    private static void servers(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT s.oid, s.srvname, s.srvtype, s.srvversion, w.fdwname, "
                + GenericOptions.clause("s.srvoptions") + " AS options, "
                + ReadContext.ownerColumns("s.srvowner", "s.srvacl", 'S')
                + " FROM pg_catalog.pg_foreign_server s JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw"
                + " WHERE s.oid >= " + Catalog.FIRST_NORMAL_OID + " AND "
                + Catalog.notExtensionMember("pg_foreign_server", "s.oid") + " ORDER BY s.srvname")) {
            String name = row.text("srvname");
            String quoted = Identifiers.quote(name);
            String label = "SERVER " + name;
            ObjectRef ref = new ObjectRef("pg_foreign_server", row.number("oid"));
            context.script().object(ref, ObjectRank.FOREIGN_SERVER, new QualifiedName("", name), "")
                    .add(StatementKind.DEFINITION, label, "CREATE SERVER " + quoted
                            + (row.has("srvtype") ? " TYPE " + Identifiers.literal(row.text("srvtype")) : "")
                            + (row.has("srvversion") ? " VERSION " + Identifiers.literal(row.text("srvversion")) : "")
                            + " FOREIGN DATA WRAPPER " + Identifiers.quote(row.text("fdwname"))
                            + GenericOptions.suffix(row.text("options")))
                    .addAll(context.comments().on(StatementPhase.PRE_DATA, ref, "SERVER " + quoted, label))
                    .addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, "SERVER " + quoted,
                            "FOREIGN SERVER " + quoted, row));
        }
    }

    /** Description queries: every wrapper and server with all it is made of, owners and privileges aside. */
    static List<String> description(Catalog catalog) {
        return List.of(
                "SELECT 'pg_foreign_data_wrapper' AS catalog, w.oid, pg_catalog.format('foreign-data wrapper %s handler %s"
                        + " validator %s options %s', w.fdwname, " + CatalogNames.function("w.fdwhandler") + ", "
                        + CatalogNames.function("w.fdwvalidator") + ", " + GenericOptions.described("w.fdwoptions") + ") AS line"
                        + " FROM pg_catalog.pg_foreign_data_wrapper w WHERE w.oid >= " + Catalog.FIRST_NORMAL_OID
                        + " AND " + Catalog.notExtensionMember("pg_foreign_data_wrapper", "w.oid"),
                "SELECT 'pg_foreign_server' AS catalog, s.oid, pg_catalog.format('foreign server %s wrapper %s type %s"
                        + " version %s options %s', s.srvname, w.fdwname, s.srvtype, s.srvversion, "
                        + GenericOptions.described("s.srvoptions") + ") AS line FROM pg_catalog.pg_foreign_server s"
                        + " JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw WHERE s.oid >= "
                        + Catalog.FIRST_NORMAL_OID + " AND " + Catalog.notExtensionMember("pg_foreign_server", "s.oid"));
    }
}
