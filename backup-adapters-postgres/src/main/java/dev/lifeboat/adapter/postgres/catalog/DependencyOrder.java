package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts the pre-data objects in an order that creates every object after what it depends on, from pg_depend. Parts
 * of an object (a column default, a CHECK constraint, a view's rewrite rule, a table's row type, an array type)
 * count as the object; an extension's members count as the extension. Column defaults that call a user's function
 * are objects of their own (see {@link TablesReader}), which breaks the usual cycle of a function taking the
 * table's row type used in that table's default. Among objects free to go next the lowest
 * (rank, schema, name, signature) goes first, so a database and its restored copy give the same order. A cycle (which
 * pg_dump breaks by splitting objects) is broken by taking the lowest remaining object; the restore then fails loudly
 * rather than silently.
 */
final class DependencyOrder {

    private DependencyOrder() {
    }

    static List<PreDataObject> sort(Catalog catalog, ScriptBuilder script) throws SQLException {
        Map<ObjectRef, ObjectRef> aliases = aliases(catalog, script);
        Map<ObjectRef, PreDataObject> objects = script.objects();
        Map<PreDataObject, Set<PreDataObject>> dependsOn = new HashMap<>();
        Map<PreDataObject, Set<PreDataObject>> dependents = new HashMap<>();
        for (PreDataObject object : objects.values()) {
            dependsOn.put(object, new HashSet<>());
            dependents.put(object, new HashSet<>());
        }
        for (Catalog.Row row : catalog.rows("SELECT d.classid::pg_catalog.regclass::text AS catalog, d.objid, "
                + "d.refclassid::pg_catalog.regclass::text AS refcatalog, d.refobjid, d.deptype::text AS deptype, "
                + "d.refobjsubid FROM pg_catalog.pg_depend d WHERE d.objid >= " + Catalog.FIRST_NORMAL_OID
                + " AND d.refobjid >= " + Catalog.FIRST_NORMAL_OID + " AND d.deptype IN ('n', 'a', 'i')")) {
            ObjectRef from = new ObjectRef(row.text("catalog"), row.number("objid"));
            ObjectRef to = new ObjectRef(row.text("refcatalog"), row.number("refobjid"));
            PreDataObject dependent = objects.get(resolve(from, aliases, objects));
            PreDataObject dependency = objects.get(resolve(to, aliases, objects));
            if (dependent == null || dependency == null || dependent == dependency) {
                continue;
            }
            // OWNED BY: the sequence goes first, its ALTER SEQUENCE ... OWNED BY after every pre-data object
            if (row.text("deptype").equals("a") && dependent.rank() == ObjectRank.SEQUENCE) {
                continue;
            }
            dependsOn.get(dependent).add(dependency);
            dependents.get(dependency).add(dependent);
        }
        script.dependencies().forEach((from, targets) -> targets.forEach(to -> {
            PreDataObject dependent = objects.get(from);
            PreDataObject dependency = objects.get(to);
            if (dependent != null && dependency != null && dependent != dependency) {
                dependsOn.get(dependent).add(dependency);
                dependents.get(dependency).add(dependent);
            }
        }));
        Map<String, PreDataObject> schemas = new HashMap<>();
        for (PreDataObject object : objects.values()) {
            if (object.rank() == ObjectRank.SCHEMA) {
                schemas.put(object.name().schema(), object);
            }
        }
        for (PreDataObject object : objects.values()) {
            PreDataObject schema = object.rank() == ObjectRank.SCHEMA || object.rank() == ObjectRank.EXTENSION
                    ? null : schemas.get(object.name().schema());
            if (schema != null && schema != object) {
                dependsOn.get(object).add(schema);
                dependents.get(schema).add(object);
            }
        }
        return topological(dependsOn, dependents);
    }

    private static List<PreDataObject> topological(Map<PreDataObject, Set<PreDataObject>> dependsOn,
                                                   Map<PreDataObject, Set<PreDataObject>> dependents) {
        Map<PreDataObject, Integer> waiting = new HashMap<>();
        TreeSet<PreDataObject> ready = new TreeSet<>(PreDataObject.ORDER);
        TreeSet<PreDataObject> blocked = new TreeSet<>(PreDataObject.ORDER);
        dependsOn.forEach((object, dependencies) -> {
            waiting.put(object, dependencies.size());
            (dependencies.isEmpty() ? ready : blocked).add(object);
        });
        List<PreDataObject> order = new ArrayList<>(dependsOn.size());
        while (!ready.isEmpty() || !blocked.isEmpty()) {
            PreDataObject next = ready.isEmpty() ? blocked.pollFirst() : ready.pollFirst();
            order.add(next);
            for (PreDataObject dependent : dependents.get(next)) {
                int left = waiting.merge(dependent, -1, Integer::sum);
                if (left == 0 && blocked.remove(dependent)) {
                    ready.add(dependent);
                }
            }
        }
        return order;
    }

    private static ObjectRef resolve(ObjectRef ref, Map<ObjectRef, ObjectRef> aliases,
                                     Map<ObjectRef, PreDataObject> objects) {
        ObjectRef current = ref;
        for (int hops = 0; hops < 8 && !objects.containsKey(current); hops++) {
            ObjectRef next = aliases.get(current);
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }

    /** The script's own aliases and those of the catalogs: what counts as part of what. */
    static Map<ObjectRef, ObjectRef> aliases(Catalog catalog, ScriptBuilder script) throws SQLException {
        Map<ObjectRef, ObjectRef> aliases = new HashMap<>(script.aliases());
        loadAliases(catalog, aliases);
        return aliases;
    }

    /** Parts that count as their whole, and extension members that count as their extension. */
    private static void loadAliases(Catalog catalog, Map<ObjectRef, ObjectRef> aliases) throws SQLException {
        String multirange = catalog.atLeast(14)
                ? " UNION ALL SELECT 'pg_type', r.rngmultitypid, 'pg_type', r.rngtypid FROM pg_catalog.pg_range r"
                : "";
        for (Catalog.Row row : catalog.rows("SELECT 'pg_type' AS catalog, t.oid, 'pg_type' AS refcatalog, "
                + "t.typelem AS refoid FROM pg_catalog.pg_type t WHERE t.typelem <> 0 AND EXISTS "
                + "(SELECT 1 FROM pg_catalog.pg_type e WHERE e.typarray = t.oid)"
                + " UNION ALL SELECT 'pg_type', t.oid, 'pg_class', t.typrelid FROM pg_catalog.pg_type t"
                + " JOIN pg_catalog.pg_class c ON c.oid = t.typrelid WHERE c.relkind <> 'c'"
                + " UNION ALL SELECT 'pg_class', c.oid, 'pg_type', c.reltype FROM pg_catalog.pg_class c"
                + " WHERE c.relkind = 'c'"
                + " UNION ALL SELECT 'pg_attrdef', d.oid, 'pg_class', d.adrelid FROM pg_catalog.pg_attrdef d"
                + " UNION ALL SELECT 'pg_constraint', k.oid, 'pg_class', k.conrelid FROM pg_catalog.pg_constraint k"
                + " WHERE k.conrelid <> 0"
                + " UNION ALL SELECT 'pg_constraint', k.oid, 'pg_type', k.contypid FROM pg_catalog.pg_constraint k"
                + " WHERE k.contypid <> 0"
                + " UNION ALL SELECT 'pg_rewrite', r.oid, 'pg_class', r.ev_class FROM pg_catalog.pg_rewrite r"
                + " UNION ALL SELECT d.classid::pg_catalog.regclass::text, d.objid, 'pg_extension', d.refobjid"
                + " FROM pg_catalog.pg_depend d WHERE d.deptype = 'e'"
                + multirange)) {
            ObjectRef part = new ObjectRef(row.text("catalog"), row.number("oid"));
            if (part.oid() >= Catalog.FIRST_NORMAL_OID) {
                aliases.putIfAbsent(part, new ObjectRef(row.text("refcatalog"), row.number("refoid")));
            }
        }
    }
}
