package dev.tidemark;

import java.time.Duration;
import java.util.List;

/**
 * What {@link Tidemark#roundTrip()} found: for each migration of the code, whether its {@code
 * down} restores the schema its {@code up} started from, and whether its {@code up} runs again
 * after its {@code down}. A CI build gates on {@link #assertClean()}.
 *
 * @param schema the schema the migrations were run in (on a temporary database)
 * @param checks every migration of the code, in version order
 * @param totalTime the whole test, creating and dropping the temporary database included
 * @param report the report as plain text, one line per migration and one per difference
 */
public record RoundTripResult(String schema, List<Check> checks, Duration totalTime, String report) {

    public RoundTripResult {
        checks = List.copyOf(checks);
    }

    /** Whether nothing is reported: every down checked restored the schema exactly, and no up or down failed. */
    public boolean isClean() {
        return problems().isEmpty();
    }

    /** The checks that found a problem, in version order. */
    public List<Check> problems() {
        return checks.stream().filter(Check::problem).toList();
    }

    /**
     * Returns this result when it is clean.
     *
     * @throws TidemarkException {@link ErrorCode#ROUND_TRIP_FAILED} listing every problem otherwise
     */
    public RoundTripResult assertClean() {
        List<Check> problems = problems();
        if (problems.isEmpty()) {
            return this;
        }
        StringBuilder message = new StringBuilder("The round-trip test found ")
                .append(problems.size())
                .append(problems.size() == 1 ? " migration" : " migrations")
                .append(" whose down() does not take the schema back exactly, or that fail:");
        for (Check check : problems) {
            message.append("\n  - ").append(check.summary());
            for (String difference : check.differences()) {
                message.append("\n      ").append(difference);
            }
            if (check.error() != null) {
                message.append("\n      ").append(check.error().replace("\n", "\n      "));
            }
        }
        message.append("\nThe test ran on a temporary database, which was dropped; no other database was changed.\n")
                .append("Make each down() undo exactly what its up() does (drop what up() creates, restore what it"
                        + " drops or alters), then run the round-trip test again.");
        throw new TidemarkException(ErrorCode.ROUND_TRIP_FAILED, message.toString());
    }

    /** What the round trip of one migration showed. */
    public enum Outcome {
        /** up, down and up again ran, and down restored the schema exactly. */
        CLEAN(false),
        /** The migration has no down: up ran, nothing was checked. Not a failure. */
        NOT_CHECKED(false),
        /** down ran but left the schema different from before up; the differences say how. */
        DOWN_LEAVES_DIFFERENCES(true),
        /** down failed. */
        DOWN_FAILED(true),
        /** up failed after its own down (often because down left something behind). */
        UP_FAILED_AFTER_DOWN(true),
        /** up ran again after down but made a schema different from its first run. */
        UP_AGAIN_DIFFERS(true),
        /** up failed on the schema the earlier migrations made: nothing after it could run. */
        UP_FAILED(true),
        /** Not run, because an earlier up failed. */
        NOT_RUN(false);

        private final boolean problem;

        Outcome(boolean problem) {
            this.problem = problem;
        }

        /** Whether this outcome is reported as a problem. */
        public boolean problem() {
            return problem;
        }
    }

    /**
     * The round trip of one migration.
     *
     * @param migration the migration
     * @param outcome what it showed
     * @param differences how the schema differed, one sentence each ({@code column users.email_verified
     *     still present after down of 3}); empty when it did not
     * @param error the failure of up or down (statement, SQLSTATE, message), or null
     */
    public record Check(MigrationDescriptor migration, Outcome outcome, List<String> differences, String error) {

        public Check {
            differences = List.copyOf(differences);
        }

        public MigrationVersion version() {
            return migration.version();
        }

        /** Whether this check is reported as a problem. */
        public boolean problem() {
            return outcome.problem();
        }

        /** One line: the migration and what its round trip showed. */
        public String summary() {
            String name = migration.version() + " '" + migration.description() + "' (" + migration.className() + ")";
            return name + ": "
                    + switch (outcome) {
                        case CLEAN -> "down restores the schema";
                        case NOT_CHECKED -> "not checked: it has no down()";
                        case DOWN_LEAVES_DIFFERENCES -> "down leaves the schema different from before up";
                        case DOWN_FAILED -> "down failed";
                        case UP_FAILED_AFTER_DOWN -> "up failed when run again after down";
                        case UP_AGAIN_DIFFERS -> "up run again after down makes a different schema";
                        case UP_FAILED -> "up failed; later migrations were not run";
                        case NOT_RUN -> "not run: an earlier up failed";
                    };
        }
    }
}
