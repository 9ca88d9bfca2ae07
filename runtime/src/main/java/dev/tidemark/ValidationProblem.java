package dev.tidemark;

/**
 * One reason {@link Tidemark#validate()} fails.
 *
 * @param kind what sort of problem
 * @param version the migration it concerns
 * @param className the migration class, when known
 * @param message a full sentence naming the migration and what to do
 */
public record ValidationProblem(Kind kind, MigrationVersion version, String className, String message) {

    /** The sorts of problem validation reports. */
    public enum Kind {
        /** The code's checksum differs from the recorded one. */
        CHECKSUM_MISMATCH,
        /** Applied in the database, absent from the code. */
        MISSING_FROM_CODE,
        /** A failed (non-transactional) migration is recorded. */
        FAILED,
        /** A pending migration is older than the newest applied one, and out-of-order is off. */
        OUT_OF_ORDER,
        /** A migration is pending and pending migrations were asked to fail validation. */
        PENDING,
        /** The recorded description differs from the code's. */
        DESCRIPTION_MISMATCH,
        /**
         * The live schema differs from the snapshot recorded after the last migrate or baseline: an
         * object was added, removed or changed by other means. {@code version} is the snapshot's.
         */
        DRIFT,
    }
}
