package dev.tidemark.internal.sql;

/** Quotes identifiers from configuration: the only way a schema or table name reaches SQL text. */
public final class Identifier {

    private Identifier() {}

    /** {@code my"table} becomes {@code "my""table"}: safe for any name PostgreSQL accepts. */
    public static String quote(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot contain a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + '.' + quote(name);
    }
}
