package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a backup leaves out: every object the script cannot reproduce, and every object that depends on one of them,
 * directly or through others (pg_depend, partition dependencies included), so that what remains restores: also a
 * foreign key whose clone on a partition is left out, and the table of a column default that is. An object left out
 * because of another is named with the object it depends on.
 */
final class Exclusion {

    /** The objects left out, resolved to the objects that own statements; and what to tell the user. */
    private final Set<ObjectRef> excluded;
    private final Map<ObjectRef, ObjectRef> aliases;
    private final Set<ObjectRef> owners;
    private final List<String> unsupported;
    private final List<String> dependents;

    private Exclusion(Set<ObjectRef> excluded, Map<ObjectRef, ObjectRef> aliases, Set<ObjectRef> owners,
                      List<String> unsupported, List<String> dependents) {
        this.excluded = excluded;
        this.aliases = aliases;
        this.owners = owners;
        this.unsupported = unsupported;
        this.dependents = dependents;
    }

    /** Finds what the script leaves out; reads pg_depend only when something is. */
    static Exclusion of(Catalog catalog, ScriptBuilder script) throws SQLException {
        List<String> unsupported = script.unsupported().stream().map(ScriptBuilder.Unsupported::line)
                .distinct().sorted().toList();
        List<ObjectRef> seeds = script.unsupported().stream()
                .flatMap(object -> object.ref().stream()).distinct().toList();
        if (seeds.isEmpty()) {
            return new Exclusion(Set.of(), Map.of(), Set.of(), unsupported, List.of());
        }
        Map<ObjectRef, ObjectRef> aliases = DependencyOrder.aliases(catalog, script);
        // a foreign key's clone (one per partition of the table it references) is part of the key, not of its table:
        // a partition left out leaves rows that point nowhere, so the whole key goes, and its table stays
        for (Catalog.Row row : catalog.rows("SELECT k.oid, k.conparentid FROM pg_catalog.pg_constraint k "
                + "WHERE k.contype = 'f' AND k.conparentid <> 0")) {
            aliases.put(new ObjectRef("pg_constraint", row.number("oid")),
                    new ObjectRef("pg_constraint", row.number("conparentid")));
        }
        Set<ObjectRef> owners = owners(script);
        // what cannot be reproduced stands for the object it is part of (a view's rule for the view), or for itself
        // when it has no statements of its own (a foreign table the script never wrote)
        List<ObjectRef> wholes = new ArrayList<>();
        for (ObjectRef seed : seeds) {
            ObjectRef whole = resolve(seed, aliases, owners);
            wholes.add(owners.contains(whole) ? whole : seed);
        }
        owners.addAll(wholes);
        Map<ObjectRef, List<ObjectRef>> dependentsOf = new HashMap<>();
        for (Catalog.Row row : catalog.rows("SELECT d.classid::pg_catalog.regclass::text AS catalog, d.objid, "
                + "d.refclassid::pg_catalog.regclass::text AS refcatalog, d.refobjid FROM pg_catalog.pg_depend d "
                + "WHERE d.objid >= " + Catalog.FIRST_NORMAL_OID + " AND d.refobjid >= " + Catalog.FIRST_NORMAL_OID
                + " AND d.deptype IN ('n', 'a', 'i', 'P', 'S')")) {
            ObjectRef dependent = resolve(new ObjectRef(row.text("catalog"), row.number("objid")), aliases, owners);
            ObjectRef dependency = resolve(new ObjectRef(row.text("refcatalog"), row.number("refobjid")), aliases,
                    owners);
            link(dependentsOf, dependency, dependent);
        }
        // a column default written on its own describes its table: without it the table would not be the same
        for (ObjectRef owner : owners) {
            if (owner.catalog().equals("pg_attrdef") && aliases.containsKey(owner)) {
                link(dependentsOf, owner, resolve(aliases.get(owner), aliases, owners));
            }
        }
        Map<ObjectRef, ObjectRef> because = new LinkedHashMap<>();
        Set<ObjectRef> excluded = new HashSet<>();
        Deque<ObjectRef> queue = new ArrayDeque<>();
        for (ObjectRef whole : wholes) {
            if (excluded.add(whole)) {
                queue.add(whole);
            }
        }
        while (!queue.isEmpty()) {
            ObjectRef next = queue.poll();
            for (ObjectRef dependent : dependentsOf.getOrDefault(next, List.of())) {
                if (excluded.add(dependent)) {
                    because.put(dependent, next);
                    queue.add(dependent);
                }
            }
        }
        List<String> dependents = new ArrayList<>();
        for (Map.Entry<ObjectRef, ObjectRef> entry : because.entrySet()) {
            if (owners.contains(entry.getKey())) {
                dependents.add(describe(catalog, entry.getKey()) + " (depends on " + describe(catalog, entry.getValue())
                        + ", which is left out)");
            }
        }
        dependents.sort(null);
        return new Exclusion(excluded, aliases, owners, unsupported, dependents);
    }

    /** Records that leaving out {@code dependency} leaves out {@code dependent}. */
    private static void link(Map<ObjectRef, List<ObjectRef>> dependentsOf, ObjectRef dependency, ObjectRef dependent) {
        if (!dependent.equals(dependency)) {
            dependentsOf.computeIfAbsent(dependency, d -> new ArrayList<>()).add(dependent);
        }
    }

    /** Whether an object, or the object it is part of, is left out. */
    boolean excludes(ObjectRef ref) {
        return !excluded.isEmpty() && excluded.contains(resolve(ref, aliases, owners));
    }

    Set<ObjectRef> excluded() {
        return excluded;
    }

    /** The objects the script cannot reproduce, one line each. */
    List<String> unsupported() {
        return unsupported;
    }

    /** The objects left out because they depend on one of those, each with the object it depends on. */
    List<String> dependents() {
        return dependents;
    }

    /** Every object that has statements of its own. */
    private static Set<ObjectRef> owners(ScriptBuilder script) {
        Set<ObjectRef> owners = new HashSet<>(script.objects().keySet());
        owners.addAll(script.tables().keySet());
        script.afterPreData().forEach(statement -> owners.add(statement.owner()));
        for (StatementPhase phase : StatementPhase.values()) {
            script.postData(phase).forEach(statement -> owners.add(statement.owner()));
        }
        return owners;
    }

    /** The object with statements that {@code ref} is part of (a column default's table), or {@code ref} itself. */
    private static ObjectRef resolve(ObjectRef ref, Map<ObjectRef, ObjectRef> aliases, Set<ObjectRef> owners) {
        ObjectRef current = ref;
        for (int hops = 0; hops < 8 && !owners.contains(current); hops++) {
            ObjectRef next = aliases.get(current);
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private static String describe(Catalog catalog, ObjectRef ref) throws SQLException {
        List<Catalog.Row> rows = catalog.rows("SELECT o.type || ' ' || o.identity AS name "
                + "FROM pg_catalog.pg_identify_object(?::pg_catalog.regclass, ?::pg_catalog.oid, 0) o",
                ref.catalog(), ref.oid());
        return rows.isEmpty() || rows.get(0).text("name") == null ? ref.catalog() + " " + ref.oid()
                : rows.get(0).text("name");
    }
}
