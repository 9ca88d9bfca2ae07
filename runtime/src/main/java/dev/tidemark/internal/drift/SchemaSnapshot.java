package dev.tidemark.internal.drift;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A canonical picture of a set of schemas as the PostgreSQL catalog describes them: every table,
 * column, constraint, index, sequence, view, function, trigger and type, plus the database's
 * extensions. The same schema always gives the same {@link #text()} and {@link #fingerprint()},
 * whatever order its objects were created in and whatever their OIDs: objects are identified by
 * name, sorted, and described only by what PostgreSQL renders of them.
 *
 * <p>The text is the stored form: one header line, then one line per object, fields separated by
 * tabs. {@link #parse} reads it back exactly.
 */
public final class SchemaSnapshot {

    /** The first line of every snapshot text; the format's version is part of it. */
    static final String HEADER = "tidemark-snapshot v1";

    private final List<String> schemas;
    private final SortedMap<String, SchemaObject> objects;
    /** {@link #text()}, built once: the drift check compares it, hashes it and may store it. */
    private String text;

    private SchemaSnapshot(List<String> schemas, SortedMap<String, SchemaObject> objects) {
        this.schemas = List.copyOf(schemas);
        this.objects = Collections.unmodifiableSortedMap(objects);
    }

    /**
     * Reads the snapshot of {@code schemas} through {@code connection}, leaving out the tables
     * named in {@code excludedTables} (Tidemark's own) and everything that belongs to them. Runs one
     * query per kind of object. Leaves the connection's settings and transaction state as found.
     */
    public static SchemaSnapshot take(Connection connection, List<String> schemas, Set<String> excludedTables)
            throws SQLException {
        return of(schemas, new CatalogReader(connection, schemas, excludedTables).read());
    }

    /** A snapshot of these objects; two objects with the same key are an error. */
    public static SchemaSnapshot of(List<String> schemas, Collection<SchemaObject> objects) {
        SortedMap<String, SchemaObject> byKey = new TreeMap<>();
        for (SchemaObject object : objects) {
            SchemaObject previous = byKey.put(object.key(), object);
            if (previous != null) {
                throw new IllegalArgumentException("two catalog objects share the key " + object.key());
            }
        }
        return new SchemaSnapshot(schemas, byKey);
    }

    /** The schemas this snapshot covers, in the order given. */
    public List<String> schemas() {
        return schemas;
    }

    /** Every object, sorted by key. */
    public Collection<SchemaObject> objects() {
        return objects.values();
    }

    /** Objects by key, sorted. */
    public Map<String, SchemaObject> byKey() {
        return objects;
    }

    /** The canonical text: the stored form, and what the fingerprint is computed over. */
    public String text() {
        if (text == null) {
            text = buildText();
        }
        return text;
    }

    private String buildText() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("schemas");
        for (String schema : schemas) {
            text.append('\t').append(escape(schema));
        }
        text.append('\n');
        for (SchemaObject object : objects.values()) {
            text.append(object.kind().token())
                    .append('\t')
                    .append(escape(object.schema()))
                    .append('\t')
                    .append(escape(object.parent()))
                    .append('\t')
                    .append(escape(object.name()));
            for (Map.Entry<String, String> attribute : object.attributes().entrySet()) {
                text.append('\t').append(escape(attribute.getKey())).append('=').append(escape(attribute.getValue()));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** {@code v1:} followed by the lower-case hex SHA-256 of the UTF-8 {@link #text()}. */
    public String fingerprint() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return "v1:" + HexFormat.of().formatHex(sha256.digest(text().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Reads back a {@link #text()}.
     *
     * @throws IllegalArgumentException when the text is not a snapshot of this format
     */
    public static SchemaSnapshot parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 2 || !lines[0].equals(HEADER) || !lines[1].startsWith("schemas")) {
            throw new IllegalArgumentException(
                    "not a Tidemark schema snapshot of format '" + HEADER + "' (first line: " + firstLine(text) + ")");
        }
        List<String> schemas = new ArrayList<>();
        String[] schemaFields = lines[1].split("\t", -1);
        for (int i = 1; i < schemaFields.length; i++) {
            schemas.add(unescape(schemaFields[i]));
        }
        List<SchemaObject> objects = new ArrayList<>();
        for (int i = 2; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] fields = lines[i].split("\t", -1);
            if (fields.length < 4) {
                throw new IllegalArgumentException("snapshot line " + (i + 1) + " has fewer than four fields");
            }
            SortedMap<String, String> attributes = new TreeMap<>();
            for (int f = 4; f < fields.length; f++) {
                int equals = fields[f].indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException("snapshot line " + (i + 1) + " has an attribute without '='");
                }
                attributes.put(unescape(fields[f].substring(0, equals)), unescape(fields[f].substring(equals + 1)));
            }
            objects.add(new SchemaObject(
                    ObjectKind.ofToken(fields[0]),
                    unescape(fields[1]),
                    unescape(fields[2]),
                    unescape(fields[3]),
                    attributes));
        }
        return of(schemas, objects);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 60 ? line.substring(0, 60) + "…" : line;
    }

    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\t' -> escaped.append("\\t");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder plain = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                plain.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 't' -> plain.append('\t');
                case 'n' -> plain.append('\n');
                case 'r' -> plain.append('\r');
                default -> plain.append(next);
            }
        }
        return plain.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SchemaSnapshot that && schemas.equals(that.schemas) && objects.equals(that.objects);
    }

    @Override
    public int hashCode() {
        return objects.hashCode();
    }

    @Override
    public String toString() {
        return "SchemaSnapshot" + schemas + " (" + objects.size() + " objects, " + fingerprint() + ")";
    }
}
