package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** CREATE AGGREGATE assembled from pg_aggregate, since no server function gives it. */
final class AggregateDefinition {

    private AggregateDefinition() {
    }

    /** The statement, or null when the aggregate uses something this cannot write. */
    static String of(Catalog catalog, long oid, String quotedName) throws SQLException {
        List<Catalog.Row> rows = catalog.rows("SELECT a.aggkind::text AS kind, "
                + "pg_catalog.pg_get_function_arguments(a.aggfnoid) AS arguments, "
                + "a.aggtransfn::pg_catalog.regproc::text AS sfunc, "
                + "pg_catalog.format_type(a.aggtranstype, NULL) AS stype, a.aggtransspace, "
                + "CASE WHEN a.aggfinalfn <> 0 THEN a.aggfinalfn::pg_catalog.regproc::text END AS finalfunc, "
                + "a.aggfinalextra, a.aggfinalmodify::text AS finalmodify, "
                + "CASE WHEN a.aggcombinefn <> 0 THEN a.aggcombinefn::pg_catalog.regproc::text END AS combinefunc, "
                + "CASE WHEN a.aggserialfn <> 0 THEN a.aggserialfn::pg_catalog.regproc::text END AS serialfunc, "
                + "CASE WHEN a.aggdeserialfn <> 0 THEN a.aggdeserialfn::pg_catalog.regproc::text END AS deserialfunc, "
                + "CASE WHEN a.aggmtransfn <> 0 THEN a.aggmtransfn::pg_catalog.regproc::text END AS msfunc, "
                + "CASE WHEN a.aggminvtransfn <> 0 THEN a.aggminvtransfn::pg_catalog.regproc::text END AS minvfunc, "
                + "CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END AS mstype, "
                + "a.aggmtransspace, "
                + "CASE WHEN a.aggmfinalfn <> 0 THEN a.aggmfinalfn::pg_catalog.regproc::text END AS mfinalfunc, "
                + "a.aggmfinalextra, a.aggmfinalmodify::text AS mfinalmodify, a.agginitval, a.aggminitval, "
                + "CASE WHEN a.aggsortop <> 0 THEN pg_catalog.format('OPERATOR(%s.%s)', "
                + "pg_catalog.quote_ident(opn.nspname), o.oprname) END AS sortop, "
                + "p.proparallel::text AS parallel "
                + "FROM pg_catalog.pg_aggregate a JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid "
                + "LEFT JOIN pg_catalog.pg_operator o ON o.oid = a.aggsortop "
                + "LEFT JOIN pg_catalog.pg_namespace opn ON opn.oid = o.oprnamespace WHERE a.aggfnoid = ?", oid);
        if (rows.size() != 1) {
            return null;
        }
        Catalog.Row row = rows.get(0);
        List<String> options = new ArrayList<>();
        options.add("SFUNC = " + row.text("sfunc"));
        options.add("STYPE = " + row.text("stype"));
        if (row.number("aggtransspace") != 0) {
            options.add("SSPACE = " + row.number("aggtransspace"));
        }
        if (row.has("finalfunc")) {
            options.add("FINALFUNC = " + row.text("finalfunc"));
            if (row.flag("aggfinalextra")) {
                options.add("FINALFUNC_EXTRA");
            }
            options.add("FINALFUNC_MODIFY = " + modify(row.text("finalmodify")));
        }
        optional(options, "COMBINEFUNC", row.text("combinefunc"));
        optional(options, "SERIALFUNC", row.text("serialfunc"));
        optional(options, "DESERIALFUNC", row.text("deserialfunc"));
        if (row.has("agginitval")) {
            options.add("INITCOND = " + Identifiers.literal(row.text("agginitval")));
        }
        if (row.has("msfunc")) {
            options.add("MSFUNC = " + row.text("msfunc"));
            options.add("MINVFUNC = " + row.text("minvfunc"));
            options.add("MSTYPE = " + row.text("mstype"));
            if (row.number("aggmtransspace") != 0) {
                options.add("MSSPACE = " + row.number("aggmtransspace"));
            }
            if (row.has("mfinalfunc")) {
                options.add("MFINALFUNC = " + row.text("mfinalfunc"));
                if (row.flag("aggmfinalextra")) {
                    options.add("MFINALFUNC_EXTRA");
                }
                options.add("MFINALFUNC_MODIFY = " + modify(row.text("mfinalmodify")));
            }
            if (row.has("aggminitval")) {
                options.add("MINITCOND = " + Identifiers.literal(row.text("aggminitval")));
            }
        }
        optional(options, "SORTOP", row.text("sortop"));
        switch (row.text("parallel")) {
            case "s" -> options.add("PARALLEL = SAFE");
            case "r" -> options.add("PARALLEL = RESTRICTED");
            default -> { }
        }
        if (row.text("kind").equals("h")) {
            options.add("HYPOTHETICAL");
        }
        String arguments = row.text("arguments").isEmpty() ? "*" : row.text("arguments");
        return "CREATE AGGREGATE " + quotedName + "(" + arguments + ") (" + String.join(", ", options) + ")";
    }

    private static void optional(List<String> options, String option, String value) {
        if (value != null) {
            options.add(option + " = " + value);
        }
    }

    private static String modify(String code) {
        return switch (code) {
            case "s" -> "SHAREABLE";
            case "w" -> "READ_WRITE";
            default -> "READ_ONLY";
        };
    }
}
