package dev.tidemark.internal.drift;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One catalog object of a {@link SchemaSnapshot}: what it is, where it lives and the properties
 * that make it what it is. Two objects with the same {@link #key()} are the same object; their
 * attributes say whether it changed.
 *
 * @param kind the sort of object
 * @param schema its schema, or empty for database-wide objects (extensions)
 * @param parent the table, view or type it belongs to, or empty
 * @param name its name; for functions and procedures the name with its argument types
 * @param attributes its properties by name; absent means "none" (no default, nullable, …)
 */
public record SchemaObject(
        ObjectKind kind, String schema, String parent, String name, SortedMap<String, String> attributes) {

    public SchemaObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(name, "name");
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }

    /** The identity of the object: kind, schema, parent and name. */
    public String key() {
        return kind.token() + '\t' + schema + '\t' + parent + '\t' + name;
    }

    /** One attribute, or null when the object does not have it. */
    public String attribute(String attribute) {
        return attributes.get(attribute);
    }

    /**
     * The name a person would use: {@code users.email} for a column, {@code users_email_idx} for
     * an index, with the schema in front only when {@code qualify} is set.
     */
    public String displayName(boolean qualify) {
        String prefix = qualify && !schema.isEmpty() ? schema + "." : "";
        if (kind == ObjectKind.COLUMN) {
            return prefix + parent + "." + name;
        }
        if (kind == ObjectKind.CONSTRAINT || kind == ObjectKind.TRIGGER) {
            return name + " on " + prefix + parent;
        }
        return prefix + name;
    }
}
