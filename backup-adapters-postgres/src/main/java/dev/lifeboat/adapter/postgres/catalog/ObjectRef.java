package dev.lifeboat.adapter.postgres.catalog;

/**
 * A catalog object as pg_depend names it: the catalog it lives in and its OID there.
 *
 * @param catalog the system catalog's name, {@code pg_class}, {@code pg_type}, ...
 * @param oid     the object's OID in that catalog
 */
record ObjectRef(String catalog, long oid) {

    static ObjectRef relation(long oid) {
        return new ObjectRef("pg_class", oid);
    }

    static ObjectRef type(long oid) {
        return new ObjectRef("pg_type", oid);
    }

    static ObjectRef function(long oid) {
        return new ObjectRef("pg_proc", oid);
    }

    static ObjectRef namespace(long oid) {
        return new ObjectRef("pg_namespace", oid);
    }
}
