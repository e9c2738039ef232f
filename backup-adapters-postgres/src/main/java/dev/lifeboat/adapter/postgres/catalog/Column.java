package dev.lifeboat.adapter.postgres.catalog;

import java.util.List;

/**
 * A column of a table, view or composite type, as pg_attribute and pg_attrdef describe it.
 *
 * @param position     its rank among the relation's live columns, from 1
 * @param name         its name
 * @param type         format_type of its type and modifier
 * @param notNull      attnotnull (from PostgreSQL 18 on, also when its NOT NULL constraint is NOT VALID)
 * @param identity     attidentity: empty, {@code a} (ALWAYS) or {@code d} (BY DEFAULT)
 * @param generated    attgenerated: empty, {@code s} (STORED) or {@code v} (VIRTUAL, PostgreSQL 18 on)
 * @param expression   the default or generation expression, or null
 * @param local        attislocal: defined by the relation itself, not only inherited
 * @param collation    the quoted collation when it is not the type's default, or null
 * @param storage      the storage mode when it is not the type's default, or null
 * @param statistics   the statistics target when set, or -1
 * @param compression  the compression method when set (PostgreSQL 14 on), or null
 * @param defaultOid   the pg_attrdef row of the default or generation expression, or 0
 * @param callsRoutine whether that expression calls a user's function
 * @param grants       the column's ACL entries (see {@link Privileges#grantsColumn})
 * @param typeStorage  the storage mode of its type, which a new column gets unless it inherits another
 * @param options      attoptions: {@code n_distinct=100}, ... (empty when none)
 * @param notNullConstraint its NOT NULL constraint (PostgreSQL 18 on), or null when it has none or the server is older
 */
record Column(long relation, int attnum, int position, String name, String type, boolean notNull, String identity,
              String generated, String expression, boolean local, String collation, String storage, int statistics,
              String compression, long defaultOid, boolean callsRoutine,
              List<String> grants, String typeStorage, List<String> options,
              NotNullConstraint notNullConstraint) {

    boolean isGenerated() {
        return !generated.isEmpty();
    }

    /** A generated column computed when read and never stored: COPY neither reads nor writes it. */
    boolean isVirtual() {
        return generated.equals("v");
    }

    boolean isIdentity() {
        return !identity.isEmpty();
    }
}
