package dev.tidemark;

/**
 * A run on several targets ({@link Fleet}) in which at least one target failed or was not started:
 * {@link #result()} holds every target's outcome, for the caller to show the summary.
 */
public final class FleetFailedException extends TidemarkException {

    private static final long serialVersionUID = 1L;

    /** How many failed targets the message names; the result names them all. */
    static final int NAMED_IN_MESSAGE = 5;

    private final transient FleetResult result;

    FleetFailedException(FleetResult result) {
        super(ErrorCode.TARGETS_FAILED, what(result), state(result), remedy(result), null);
        this.result = result;
    }

    /** Every target's result. */
    public FleetResult result() {
        return result;
    }

    private static Phrase what(FleetResult result) {
        int failed = result.failed().size();
        StringBuilder text = new StringBuilder()
                .append(result.command())
                .append(" failed on ")
                .append(failed)
                .append(" of ")
                .append(result.targets().size())
                .append(result.targets().size() == 1 ? " target:" : " targets:");
        boolean withDatabase = result.severalDatabases();
        result.failed().stream()
                .limit(NAMED_IN_MESSAGE)
                .forEach(t -> text.append("\n- ")
                        .append(t.describe(withDatabase))
                        .append(": ")
                        .append(
                                t.message() == null
                                        ? "failed"
                                        : t.message().lines().findFirst().orElse("")));
        if (failed > NAMED_IN_MESSAGE) {
            text.append("\n- and ").append(failed - NAMED_IN_MESSAGE).append(" more (see the summary)");
        }
        return Phrase.of(text.toString());
    }

    private static Phrase state(FleetResult result) {
        int notStarted = result.notStarted().size();
        return Phrase.of(
                "Each target is consistent on its own: " + result.succeeded().size() + " succeeded, "
                        + result.failed().size() + " failed (each where its own message says)"
                        + (notStarted == 0 ? "" : ", " + notStarted + " not started and unchanged") + ".");
    }

    private static Phrase remedy(FleetResult result) {
        Action action = switch (result.command()) {
            case "validate" -> Action.VALIDATE;
            case "info" -> Action.INFO;
            case "baseline" -> Action.BASELINE;
            default -> Action.MIGRATE;
        };
        return Phrase.words(
                "Fix what the failed targets report and run ",
                action,
                " again: it runs on every target and leaves those already done as they are.");
    }
}
