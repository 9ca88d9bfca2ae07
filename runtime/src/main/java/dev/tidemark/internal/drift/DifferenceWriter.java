package dev.tidemark.internal.drift;

import dev.tidemark.internal.drift.Difference.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Words the sentences of a {@link SchemaDiff}: what is missing or unexpected, with the definition
 * the migrations gave it or the database has, and for a changed object which property changed
 * from what to what.
 */
final class DifferenceWriter {

    private static final int LONGEST_SUMMARY = 240;

    private final SchemaSnapshot expected;
    private final SchemaSnapshot found;
    private final boolean qualify;

    DifferenceWriter(SchemaSnapshot expected, SchemaSnapshot found, boolean qualify) {
        this.expected = expected;
        this.found = found;
        this.qualify = qualify;
    }

    Difference missing(SchemaObject object) {
        String summary = summary(object, expected);
        String message = subject(object) + " is missing" + (summary.isEmpty() ? "" : " (expected " + summary + ")");
        return new Difference(
                Change.MISSING,
                object.kind(),
                object.displayName(qualify),
                null,
                fullSummary(object, expected),
                null,
                message);
    }

    Difference unexpected(SchemaObject object) {
        String summary = summary(object, found);
        String message = subject(object)
                + (invalidIndex(object) ? " is invalid" + WHY_INVALID + " and" : "")
                + " exists but no migration created it"
                + (summary.isEmpty() ? "" : " (found " + summary + ")")
                + (invalidIndex(object) ? ": drop it (" + dropIndex(object) + ")" : "");
        return new Difference(
                Change.UNEXPECTED,
                object.kind(),
                object.displayName(qualify),
                null,
                null,
                fullSummary(object, found),
                message);
    }

    Difference changed(SchemaObject object, String attribute, String was, String is) {
        return new Difference(
                Change.CHANGED,
                object.kind(),
                object.displayName(qualify),
                attribute,
                was,
                is,
                changeSentence(object, attribute, was, is));
    }

    private String changeSentence(SchemaObject object, String attribute, String was, String is) {
        String subject = subject(object);
        switch (attribute) {
            case "definition":
                return definitionSentence(subject, was, is);
            case "type":
                if (object.kind() == ObjectKind.COLUMN) {
                    return subject + " has type " + is + ", expected " + was;
                }
                break;
            case "not_null":
                return subject + (is != null ? " is NOT NULL, expected nullable" : " is nullable, expected NOT NULL");
            case "invalid":
                return is != null
                        ? subject + " is invalid" + WHY_INVALID + ", expected a valid index: drop it ("
                                + dropIndex(object) + ") and run what creates it again"
                        : subject + " is valid, expected invalid";
            case "enabled":
                return subject + " is " + (is == null ? "enabled" : is) + ", expected "
                        + (was == null ? "enabled" : was);
            case "default":
                if (is == null) {
                    return subject + " has no default, expected DEFAULT " + was;
                }
                return subject + " has DEFAULT " + is + ", expected " + (was == null ? "no default" : "DEFAULT " + was);
            case "identity":
                return subject + " is " + identity(is) + ", expected " + identity(was);
            case "generated":
                return subject + " is " + generated(is) + ", expected " + generated(was);
            case "persistence":
                return subject + " is " + (is == null ? "logged" : is) + ", expected " + (was == null ? "logged" : was);
            case "row_security":
                return subject + " has row security " + (is == null ? "disabled" : is) + ", expected "
                        + (was == null ? "disabled" : was);
            case "partition_of":
                return subject + (is == null ? " is not a partition" : " is a partition of " + is) + ", expected "
                        + (was == null ? "no partition" : "a partition of " + was);
            case "in_schema":
                return subject + " is installed in schema " + is + ", expected " + was;
            default:
                break;
        }
        String label = attribute.replace('_', ' ');
        return subject + " has " + (is == null ? "no " + label : label + " " + is) + ", expected "
                + (was == null ? "none" : was);
    }

    private static final String WHY_INVALID =
            " (a CREATE INDEX CONCURRENTLY failed or was interrupted; PostgreSQL" + " neither uses nor enforces it)";

    private static boolean invalidIndex(SchemaObject object) {
        return object.kind() == ObjectKind.INDEX && object.attribute("invalid") != null;
    }

    private static String dropIndex(SchemaObject object) {
        return "DROP INDEX CONCURRENTLY " + SnapshotStore.quote(object.schema()) + "."
                + SnapshotStore.quote(object.name());
    }

    private static String identity(String identity) {
        return identity == null
                ? "not an identity column"
                : "GENERATED " + identity.toUpperCase(java.util.Locale.ROOT) + " AS IDENTITY";
    }

    private static String generated(String expression) {
        return expression == null ? "not a generated column" : "GENERATED ALWAYS AS (" + expression + ") STORED";
    }

    /**
     * One-line definitions (indexes, constraints, triggers) are shown whole; for multi-line ones
     * (views, functions) the first line that differs in more than its layout is shown, which is where
     * a reader looks; blank lines are passed over and the line number is the found definition's.
     */
    private static String definitionSentence(String subject, String was, String is) {
        if (was.indexOf('\n') < 0 && is.indexOf('\n') < 0) {
            return subject + " differs: expected " + was + " found " + is;
        }
        String[] before = was.split("\n", -1);
        String[] after = is.split("\n", -1);
        int b = 0;
        int a = 0;
        while (true) {
            b = skipBlank(before, b);
            a = skipBlank(after, a);
            if (b == before.length || a == after.length || !sameLine(before[b], after[a])) {
                break;
            }
            b++;
            a++;
        }
        if (b == before.length && a == after.length) {
            // Only the way lines are split differs, where that matters (inside quoted text).
            return subject + " differs: expected " + quoted(oneLine(was)) + " found " + quoted(oneLine(is));
        }
        String expectedLine = b < before.length ? quoted(before[b]) : "the end";
        String foundLine = a < after.length ? quoted(after[a]) : "the end";
        return subject + " differs at line " + (Math.min(a, after.length - 1) + 1) + " of its definition: expected "
                + expectedLine + " found " + foundLine;
    }

    private static int skipBlank(String[] lines, int from) {
        int line = from;
        while (line < lines.length && lines[line].isBlank()) {
            line++;
        }
        return line;
    }

    private static boolean sameLine(String a, String b) {
        return FunctionSource.normalised(a).equals(FunctionSource.normalised(b));
    }

    private static String quoted(String line) {
        return "\"" + abbreviate(line.strip()) + "\"";
    }

    /** The noun and name that start a sentence: {@code column users.email}, {@code unique constraint k on users}. */
    private String subject(SchemaObject object) {
        return noun(object) + " " + object.displayName(qualify);
    }

    static String noun(SchemaObject object) {
        if (object.kind() == ObjectKind.CONSTRAINT) {
            String type = object.attribute("type");
            if ("primary key".equals(type) || "foreign key".equals(type)) {
                return type;
            }
            return type == null ? "constraint" : type + " constraint";
        }
        return object.kind().noun();
    }

    private String summary(SchemaObject object, SchemaSnapshot snapshot) {
        return abbreviate(fullSummary(object, snapshot));
    }

    /** What the object is, in the words of its SQL definition; empty when that would not help. */
    private String fullSummary(SchemaObject object, SchemaSnapshot snapshot) {
        Map<String, String> a = object.attributes();
        return switch (object.kind()) {
            case TABLE -> "columns " + String.join(", ", columnsOf(object, snapshot));
            case COLUMN -> columnDefinition(a);
            case CONSTRAINT, INDEX, TRIGGER, VIEW, MATERIALIZED_VIEW -> oneLine(a.getOrDefault("definition", ""));
            case FUNCTION, PROCEDURE -> "";
            case SEQUENCE -> sequenceDefinition(a);
            case ENUM -> "AS ENUM (" + a.getOrDefault("labels", "") + ")";
            case DOMAIN ->
                a.get("base_type")
                        + (a.containsKey("collation") ? " COLLATE " + a.get("collation") : "")
                        + (a.containsKey("not_null") ? " NOT NULL" : "")
                        + (a.containsKey("default") ? " DEFAULT " + a.get("default") : "")
                        + (a.containsKey("constraints") ? " CONSTRAINT " + a.get("constraints") : "");
            case COMPOSITE -> "AS (" + a.getOrDefault("fields", "") + ")";
            case EXTENSION -> "version " + a.get("version");
        };
    }

    /** The column as it would appear in CREATE TABLE: {@code boolean NOT NULL DEFAULT false}. */
    static String columnDefinition(Map<String, String> a) {
        StringBuilder definition = new StringBuilder(a.getOrDefault("type", "?"));
        if (a.containsKey("collation")) {
            definition.append(" COLLATE ").append(a.get("collation"));
        }
        if (a.containsKey("not_null")) {
            definition.append(" NOT NULL");
        }
        if (a.containsKey("default")) {
            definition.append(" DEFAULT ").append(a.get("default"));
        }
        if (a.containsKey("generated")) {
            definition.append(' ').append(generated(a.get("generated")));
        }
        if (a.containsKey("identity")) {
            definition.append(' ').append(identity(a.get("identity")));
        }
        return definition.toString();
    }

    private static String sequenceDefinition(Map<String, String> a) {
        return "AS " + a.get("type") + " START " + a.get("start") + " INCREMENT " + a.get("increment") + " MINVALUE "
                + a.get("minimum") + " MAXVALUE " + a.get("maximum") + " CACHE " + a.get("cache")
                + (a.containsKey("cycle") ? " CYCLE" : "")
                + (a.containsKey("owned_by") ? " OWNED BY " + a.get("owned_by") : "");
    }

    private static List<String> columnsOf(SchemaObject table, SchemaSnapshot snapshot) {
        List<String> columns = new ArrayList<>();
        for (SchemaObject object : snapshot.objects()) {
            if (object.kind() == ObjectKind.COLUMN
                    && object.schema().equals(table.schema())
                    && object.parent().equals(table.name())) {
                columns.add(object.name());
            }
        }
        return columns;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String abbreviate(String text) {
        return text.length() <= LONGEST_SUMMARY ? text : text.substring(0, LONGEST_SUMMARY - 1) + "…";
    }
}
