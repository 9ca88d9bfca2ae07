package dev.tidemark.internal.drift;

import dev.tidemark.SchemaDifference;
import java.util.Objects;

/**
 * One way the live schema differs from the recorded one.
 *
 * @param change whether the object is missing, unexpected or changed
 * @param kind the sort of object
 * @param object the object's name as a person writes it ({@code users.email})
 * @param attribute for a change, the property that differs ({@code type}, {@code definition}); else null
 * @param expected what the migrations made (the property's value, or a summary of the object), or null
 * @param found what the database has now, or null
 * @param message the whole sentence
 */
public record Difference(
        Change change,
        ObjectKind kind,
        String object,
        String attribute,
        String expected,
        String found,
        String message) {

    public Difference {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(message, "message");
    }

    /** How an object differs. */
    public enum Change {
        /** The migrations made it; the database no longer has it. */
        MISSING,
        /** The database has it; no migration made it. */
        UNEXPECTED,
        /** Both have it, with different properties. */
        CHANGED;

        /** The lower-case word used in JSON. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The same difference in the public API's terms. */
    public SchemaDifference toPublic() {
        return new SchemaDifference(
                SchemaDifference.Change.valueOf(change.name()),
                kind.token(),
                object,
                attribute,
                expected,
                found,
                message);
    }

    @Override
    public String toString() {
        return message;
    }
}
