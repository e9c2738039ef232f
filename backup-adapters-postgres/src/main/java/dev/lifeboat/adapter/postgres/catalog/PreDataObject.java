package dev.lifeboat.adapter.postgres.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One object of the pre-data phase with its statements (definition, then comments, owner and privileges), a node of
 * the dependency graph.
 */
final class PreDataObject {

    /** Rank, schema, name, then signature: never OIDs, so a restored copy sorts the same way. */
    static final Comparator<PreDataObject> ORDER = Comparator.comparing(PreDataObject::rank)
            .thenComparing(PreDataObject::name)
            .thenComparing(PreDataObject::signature);

    private final ObjectRef ref;
    private final ObjectRank rank;
    private final QualifiedName name;
    private final String signature;
    private final List<SchemaStatement> statements = new ArrayList<>();

    PreDataObject(ObjectRef ref, ObjectRank rank, QualifiedName name, String signature) {
        this.ref = ref;
        this.rank = rank;
        this.name = name;
        this.signature = signature;
    }

    ObjectRef ref() {
        return ref;
    }

    ObjectRank rank() {
        return rank;
    }

    QualifiedName name() {
        return name;
    }

    String signature() {
        return signature;
    }

    List<SchemaStatement> statements() {
        return statements;
    }

    PreDataObject add(StatementKind kind, String label, String sql) {
        statements.add(new SchemaStatement(StatementPhase.PRE_DATA, kind, label, sql));
        return this;
    }

    PreDataObject addAll(List<SchemaStatement> more) {
        statements.addAll(more);
        return this;
    }
}
