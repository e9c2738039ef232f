package dev.lifeboat.adapter.postgres.catalog;

import java.util.Objects;

/**
 * A schema-qualified object name, as the catalogs spell it (unquoted).
 *
 * @param schema the schema's name
 * @param name   the object's name within it
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {

    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** The name as SQL needs it: {@code "public"."Order Lines"}. */
    public String quoted() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    /** The name for people and for fingerprint keys: {@code public.Order Lines}. */
    public String display() {
        return schema + "." + name;
    }

    @Override
    public int compareTo(QualifiedName other) {
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return display();
    }
}
