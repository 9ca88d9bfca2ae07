package dev.tidemark.internal.drift;

import dev.tidemark.DiffResult;
import dev.tidemark.MigrationVersion;
import dev.tidemark.SchemaDifference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every difference between the schema the migrations made ({@code expected}, a stored snapshot)
 * and the schema the database has now ({@code found}), each as a sentence a person can act on.
 * The objects of a missing or unexpected table are not listed one by one: the table's sentence
 * covers them.
 */
public final class SchemaDiff {

    private final String expectedFingerprint;
    private final String foundFingerprint;
    private final List<Difference> differences;

    private SchemaDiff(String expectedFingerprint, String foundFingerprint, List<Difference> differences) {
        this.expectedFingerprint = expectedFingerprint;
        this.foundFingerprint = foundFingerprint;
        this.differences = List.copyOf(differences);
    }

    /** Compares two snapshots. */
    public static SchemaDiff between(SchemaSnapshot expected, SchemaSnapshot found) {
        boolean qualify = expected.schemas().size() > 1 || found.schemas().size() > 1;
        DifferenceWriter writer = new DifferenceWriter(expected, found, qualify);
        Map<String, SchemaObject> before = expected.byKey();
        Map<String, SchemaObject> after = found.byKey();
        Set<String> goneRelations = relationsOnlyIn(before, after);
        Set<String> newRelations = relationsOnlyIn(after, before);

        List<SchemaObject> ordered = new ArrayList<>();
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            ordered.add(before.containsKey(key) ? before.get(key) : after.get(key));
        }
        ordered.sort(Comparator.comparing(SchemaObject::kind).thenComparing(SchemaObject::key));

        List<Difference> differences = new ArrayList<>();
        for (SchemaObject object : ordered) {
            SchemaObject was = before.get(object.key());
            SchemaObject is = after.get(object.key());
            if (was != null && is == null) {
                if (!coveredBy(was, goneRelations)) {
                    differences.add(writer.missing(was));
                }
            } else if (was == null) {
                if (!coveredBy(is, newRelations)) {
                    differences.add(writer.unexpected(is));
                }
            } else if (!was.attributes().equals(is.attributes())) {
                Set<String> attributes = new TreeSet<>(was.attributes().keySet());
                attributes.addAll(is.attributes().keySet());
                for (String attribute : attributes) {
                    String a = was.attribute(attribute);
                    String b = is.attribute(attribute);
                    if (!equivalent(was.kind(), attribute, a, b)) {
                        differences.add(writer.changed(was, attribute, a, b));
                    }
                }
            }
        }
        return new SchemaDiff(expected.fingerprint(), found.fingerprint(), differences);
    }

    /**
     * Whether two values of an attribute mean the same: equal, or for the definition of a function or
     * procedure, equal but for whitespace (see {@link FunctionSource}).
     */
    static boolean equivalent(ObjectKind kind, String attribute, String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        boolean routine = kind == ObjectKind.FUNCTION || kind == ObjectKind.PROCEDURE;
        return routine
                && "definition".equals(attribute)
                && Objects.equals(FunctionSource.normalised(a), FunctionSource.normalised(b));
    }

    /** No differences: {@code snapshot} is both what was recorded and what was found. */
    static SchemaDiff same(SchemaSnapshot snapshot) {
        String fingerprint = snapshot.fingerprint();
        return new SchemaDiff(fingerprint, fingerprint, List.of());
    }

    /** No differences, known without comparing: the live schema is the recorded one of {@code fingerprint}. */
    static SchemaDiff unchanged(String fingerprint) {
        return new SchemaDiff(fingerprint, fingerprint, List.of());
    }

    /** No comparison: nothing was recorded to compare {@code found} with. */
    static SchemaDiff notCompared(SchemaSnapshot found) {
        return new SchemaDiff(null, found.fingerprint(), List.of());
    }

    /** The schema and name of every table or view present in {@code these} and absent from {@code those}. */
    private static Set<String> relationsOnlyIn(Map<String, SchemaObject> these, Map<String, SchemaObject> those) {
        Set<String> relations = new HashSet<>();
        for (Map.Entry<String, SchemaObject> entry : these.entrySet()) {
            ObjectKind kind = entry.getValue().kind();
            boolean relation =
                    kind == ObjectKind.TABLE || kind == ObjectKind.VIEW || kind == ObjectKind.MATERIALIZED_VIEW;
            if (relation && !those.containsKey(entry.getKey())) {
                relations.add(
                        entry.getValue().schema() + '\t' + entry.getValue().name());
            }
        }
        return relations;
    }

    private static boolean coveredBy(SchemaObject object, Set<String> relations) {
        return object.kind().belongsToTable() && relations.contains(object.schema() + '\t' + object.parent());
    }

    /** Every difference, ordered by kind of object and then name; empty when there is no drift. */
    public List<Difference> differences() {
        return differences;
    }

    /** Whether the schemas are the same. */
    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /** The fingerprint of the recorded snapshot, or null when nothing was compared. */
    public String expectedFingerprint() {
        return expectedFingerprint;
    }

    /** The fingerprint of the live schema. */
    public String foundFingerprint() {
        return foundFingerprint;
    }

    /**
     * The comparison as the result {@code Tidemark.diff()} returns, which {@code ResultFormat}
     * renders as text or JSON.
     *
     * @param note why nothing was compared, or null when it was
     */
    public DiffResult result(String schema, MigrationVersion snapshotVersion, boolean snapshotRecorded, String note) {
        List<SchemaDifference> shown = new ArrayList<>();
        for (Difference difference : differences) {
            shown.add(difference.toPublic());
        }
        return new DiffResult(
                schema, snapshotVersion, snapshotRecorded, expectedFingerprint, foundFingerprint, shown, note);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Difference difference : differences) {
            text.append(difference.message()).append('\n');
        }
        return text.toString();
    }
}
