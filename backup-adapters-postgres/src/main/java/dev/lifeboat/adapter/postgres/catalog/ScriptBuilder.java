package dev.lifeboat.adapter.postgres.catalog;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the object families find, gathered until the statements are put in their final order. Every statement belongs
 * to an object (its {@link ObjectRef}), so that an object left out of a backup takes all its statements with it.
 */
final class ScriptBuilder {

    /** A statement after the pre-data objects, and the object it belongs to. */
    record OwnedStatement(ObjectRef owner, SchemaStatement statement) {
    }

    /** An object the script cannot reproduce; {@code ref} is empty when leaving it out takes nothing else with it. */
    record Unsupported(Optional<ObjectRef> ref, String line) {
    }

    private final Map<ObjectRef, PreDataObject> objects = new LinkedHashMap<>();
    private final Map<ObjectRef, ObjectRef> aliases = new HashMap<>();
    private final Map<ObjectRef, List<ObjectRef>> dependencies = new HashMap<>();
    private final List<OwnedStatement> afterPreData = new ArrayList<>();
    private final Map<StatementPhase, List<OwnedStatement>> postData = new EnumMap<>(StatementPhase.class);
    private final List<ObjectRef> populatedMaterializedViews = new ArrayList<>();
    private final List<Unsupported> unsupported = new ArrayList<>();
    private final Map<ObjectRef, TableData> tables = new LinkedHashMap<>();
    private final Set<ObjectRef> postponed = new HashSet<>();

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
    void afterPreData(ObjectRef owner, SchemaStatement statement) {
        afterPreData.add(new OwnedStatement(owner, statement));
    }

    /** Statements of the phases after the data that belong to {@code owner}. */
    PostData post(ObjectRef owner) {
        return new PostData(owner);
    }

    void refresh(ObjectRef materializedView) {
        populatedMaterializedViews.add(materializedView);
    }

    /** An object the script cannot reproduce; it is left out with everything that depends on it. */
    void unsupported(ObjectRef ref, String line) {
        unsupported.add(new Unsupported(Optional.of(ref), line));
    }

    /**
     * Something the script cannot reproduce and leaves out without leaving out anything else: a security label, a
     * subscription the backing-up role may not read, the default tablespace of a partitioned table's new partitions.
     */
    void unsupported(String line) {
        unsupported.add(new Unsupported(Optional.empty(), line));
    }

    /** A relation created after the data (see {@link PostponedViews}): what is built on it comes after it. */
    void postpone(ObjectRef relation) {
        postponed.add(relation);
    }

    boolean postponed(ObjectRef relation) {
        return postponed.contains(relation);
    }

    void table(ObjectRef ref, TableData table) {
        tables.put(ref, table);
    }

    Map<ObjectRef, PreDataObject> objects() {
        return objects;
    }

    Map<ObjectRef, ObjectRef> aliases() {
        return aliases;
    }

    List<OwnedStatement> afterPreData() {
        return afterPreData;
    }

    List<OwnedStatement> postData(StatementPhase phase) {
        return postData.getOrDefault(phase, List.of());
    }

    List<ObjectRef> populatedMaterializedViews() {
        return populatedMaterializedViews;
    }

    List<Unsupported> unsupported() {
        return unsupported;
    }

    Map<ObjectRef, TableData> tables() {
        return tables;
    }

    /** Removes everything that belongs to the given objects. */
    void remove(Set<ObjectRef> left) {
        objects.keySet().removeAll(left);
        afterPreData.removeIf(statement -> left.contains(statement.owner()));
        postData.values().forEach(statements -> statements.removeIf(statement -> left.contains(statement.owner())));
        populatedMaterializedViews.removeAll(left);
        tables.keySet().removeAll(left);
    }

    /** Adds the statements of one object to the phases after the data. */
    final class PostData {

        private final ObjectRef owner;

        private PostData(ObjectRef owner) {
            this.owner = owner;
        }

        PostData add(StatementPhase phase, StatementKind kind, String label, String sql) {
            return add(new SchemaStatement(phase, kind, label, sql));
        }

        PostData add(SchemaStatement statement) {
            postData.computeIfAbsent(statement.phase(), p -> new ArrayList<>())
                    .add(new OwnedStatement(owner, statement));
            return this;
        }

        PostData addAll(List<SchemaStatement> statements) {
            statements.forEach(this::add);
            return this;
        }
    }
}
