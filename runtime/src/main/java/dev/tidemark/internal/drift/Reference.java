package dev.tidemark.internal.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The snapshot a run records as the reference later checks compare with, made from the live schema
 * at the end of the run. Two things keep it from simply being the live schema:
 *
 * <ul>
 *   <li>Drift that a run let through (drift set to WARN) stays drift. The reference is the previous
 *       reference with the changes the run's migrations made: what the migrations changed (between
 *       the live schema before them and after) is taken from the live schema, attribute by
 *       attribute; everything else stays as the previous reference had it. A table made by hand
 *       before the run stays unexpected, a column dropped by hand stays missing, until the schema is
 *       put back or the drift is accepted.
 *   <li>An index is always expected valid. A {@code CREATE INDEX CONCURRENTLY} that failed or was
 *       interrupted leaves an index PostgreSQL does not use or enforce; recording it as it is would
 *       make it look right to every later check. Accepting the live schema does not accept it either.
 * </ul>
 *
 * A reference that differs from the live schema is recorded without the catalog digest and mark
 * (they describe the live catalog), so the next check compares object by object and finds the
 * difference.
 */
final class Reference {

    /** The previous reference and the live schema it was compared with, when the two differ. */
    private final SchemaSnapshot reference;

    private final SchemaSnapshot live;

    private Reference(SchemaSnapshot reference, SchemaSnapshot live) {
        this.reference = reference;
        this.live = live;
    }

    /** A run that starts with {@code live} differing from {@code reference} and goes on all the same. */
    static Reference carrying(SchemaSnapshot reference, SchemaSnapshot live) {
        return new Reference(reference, live);
    }

    /** The reference of a schema without drift to carry: {@code live}, every index expected valid. */
    static SchemaSnapshot of(SchemaSnapshot live) {
        return withValidIndexes(live);
    }

    /**
     * The reference that accepts {@code live} in place of {@code previous} (null when there was none):
     * the live schema, except that an invalid index is not accepted: it stays as {@code previous} had
     * it, expected valid, or out of the reference when {@code previous} did not have it.
     */
    static SchemaSnapshot accepting(SchemaSnapshot previous, SchemaSnapshot live) {
        List<SchemaObject> objects = new ArrayList<>();
        for (SchemaObject object : live.objects()) {
            if (object.kind() != ObjectKind.INDEX || object.attribute("invalid") == null) {
                objects.add(object);
            } else if (previous != null && previous.byKey().containsKey(object.key())) {
                objects.add(previous.byKey().get(object.key()));
            }
        }
        return withValidIndexes(SchemaSnapshot.of(live.schemas(), objects));
    }

    /** The reference to record now that the run's migrations have turned the schema into {@code now}. */
    SchemaSnapshot after(SchemaSnapshot now) {
        Map<String, SchemaObject> before = live.byKey();
        Map<String, SchemaObject> expected = reference.byKey();
        Map<String, SchemaObject> after = now.byKey();
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(before.keySet());
        keys.addAll(after.keySet());
        List<SchemaObject> objects = new ArrayList<>();
        for (String key : keys) {
            SchemaObject merged = merge(expected.get(key), before.get(key), after.get(key));
            if (merged != null) {
                objects.add(merged);
            }
        }
        return withValidIndexes(SchemaSnapshot.of(now.schemas(), objects));
    }

    /**
     * One object: {@code was} in the previous reference, {@code before} and {@code after} in the live
     * schema around the migrations. An object the migrations made or dropped is as they left it; one
     * they did not touch is as the reference had it (an object made by hand stays out of it); of one
     * they changed, the attributes they changed are taken from {@code after}.
     */
    private static SchemaObject merge(SchemaObject was, SchemaObject before, SchemaObject after) {
        if (before == null || after == null) {
            return before == null ? after : null;
        }
        if (was == null) {
            return null;
        }
        SortedMap<String, String> attributes = new TreeMap<>(was.attributes());
        TreeSet<String> names = new TreeSet<>(before.attributes().keySet());
        names.addAll(after.attributes().keySet());
        for (String name : names) {
            String value = after.attribute(name);
            if (!Objects.equals(before.attribute(name), value)) {
                if (value == null) {
                    attributes.remove(name);
                } else {
                    attributes.put(name, value);
                }
            }
        }
        return new SchemaObject(was.kind(), was.schema(), was.parent(), was.name(), attributes);
    }

    private static SchemaSnapshot withValidIndexes(SchemaSnapshot snapshot) {
        boolean anyInvalid = false;
        List<SchemaObject> objects = new ArrayList<>();
        for (SchemaObject object : snapshot.objects()) {
            if (object.kind() == ObjectKind.INDEX && object.attribute("invalid") != null) {
                SortedMap<String, String> attributes = new TreeMap<>(object.attributes());
                attributes.remove("invalid");
                object = new SchemaObject(object.kind(), object.schema(), object.parent(), object.name(), attributes);
                anyInvalid = true;
            }
            objects.add(object);
        }
        return anyInvalid ? SchemaSnapshot.of(snapshot.schemas(), objects) : snapshot;
    }
}
