package dev.lifeboat.adapter.postgres.catalog;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What the object families find, gathered until the statements are put in their final order. */
final class ScriptBuilder {

    private final Map<ObjectRef, PreDataObject> objects = new LinkedHashMap<>();
    private final Map<ObjectRef, ObjectRef> aliases = new HashMap<>();
    private final Map<ObjectRef, List<ObjectRef>> dependencies = new HashMap<>();
    private final List<SchemaStatement> afterPreData = new ArrayList<>();
    private final Map<StatementPhase, List<SchemaStatement>> postData = new EnumMap<>(StatementPhase.class);
    private final List<ObjectRef> populatedMaterializedViews = new ArrayList<>();
    private final TreeSet<String> unsupported = new TreeSet<>();
    private final List<TableData> tables = new ArrayList<>();

    PreDataObject object(ObjectRef ref, ObjectRank rank, QualifiedName name, String signature) {
        PreDataObject object = new PreDataObject(ref, rank, name, signature);
        objects.put(ref, object);
        return object;
    }

    /** Dependencies on {@code part} count as dependencies on {@code whole} (a column default on its table). */
    void alias(ObjectRef part, ObjectRef whole) {
        if (!part.equals(whole)) {
            aliases.put(part, whole);
        }
    }

    /** {@code dependent} must come after {@code dependency}, whatever pg_depend says. */
    void dependency(ObjectRef dependent, ObjectRef dependency) {
        dependencies.computeIfAbsent(dependent, d -> new ArrayList<>()).add(dependency);
    }

    Map<ObjectRef, List<ObjectRef>> dependencies() {
        return dependencies;
    }

    /** A pre-data statement that runs after every pre-data object: OWNED BY of sequences. */
    void afterPreData(SchemaStatement statement) {
        afterPreData.add(statement);
    }

    void post(StatementPhase phase, StatementKind kind, String label, String sql) {
        post(new SchemaStatement(phase, kind, label, sql));
    }

    void post(SchemaStatement statement) {
        postData.computeIfAbsent(statement.phase(), p -> new ArrayList<>()).add(statement);
    }

    void postAll(List<SchemaStatement> statements) {
        statements.forEach(this::post);
    }

    void refresh(ObjectRef materializedView) {
        populatedMaterializedViews.add(materializedView);
    }

    void unsupported(String line) {
        unsupported.add(line);
    }

    void table(TableData table) {
        tables.add(table);
    }

    Map<ObjectRef, PreDataObject> objects() {
        return objects;
    }

    Map<ObjectRef, ObjectRef> aliases() {
        return aliases;
    }

    List<SchemaStatement> afterPreData() {
        return afterPreData;
    }

    List<SchemaStatement> postData(StatementPhase phase) {
        return postData.getOrDefault(phase, List.of());
    }

    List<ObjectRef> populatedMaterializedViews() {
        return populatedMaterializedViews;
    }

    List<String> unsupported() {
        return new ArrayList<>(unsupported);
    }

    List<TableData> tables() {
        return tables;
    }
}
