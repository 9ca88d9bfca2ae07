package dev.tidemark;

/**
 * One way the live schema differs from the schema the migrations made.
 *
 * @param change whether the object is missing, unexpected or changed
 * @param kind the kind of object: {@code table}, {@code column}, {@code index}, {@code function} …
 * @param object the object's name, qualified by its schema when the comparison spans several
 * @param attribute for a changed object, the property that differs ({@code type}, {@code default} …);
 *     otherwise null
 * @param expected what the migrations made (a definition or the property's value), or null
 * @param found what the database has, or null
 * @param message the difference as one sentence
 */
public record SchemaDifference(
        Change change, String kind, String object, String attribute, String expected, String found, String message) {

    /** How an object differs. */
    public enum Change {
        /** The migrations made it; the database no longer has it. */
        MISSING,
        /** The database has it; no migration made it. */
        UNEXPECTED,
        /** Both have it, with different properties. */
        CHANGED
    }

    @Override
    public String toString() {
        return message;
    }
}
