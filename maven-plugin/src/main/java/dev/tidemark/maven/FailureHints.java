package dev.tidemark.maven;

import dev.tidemark.ErrorCode;
import dev.tidemark.TidemarkException;
import dev.tidemark.ValidationException;
import dev.tidemark.ValidationProblem;
import java.util.regex.Pattern;

/**
 * The line the plugin adds under a runtime message: which POM element or {@code -Dschema.x} property
 * to change. The runtime's message itself is kept as it is.
 */
final class FailureHints {

    private static final Pattern NAMES_A_PROPERTY =
            Pattern.compile("(?:-D|\\b)" + Pattern.quote(Parameters.PROPERTY_PREFIX) + "[a-zA-Z]");

    /** For a non-transactional migration whose run stopped: the two ways out, in the plugin's words. */
    private static final String STOPPED_RUN = "Resume with mvn schema:migrate -Dschema.resume=true; repair with mvn"
            + " schema:repair -Dschema.repairAs=applied (or removed).";

    private FailureHints() {}

    /** The runtime message, then the plugin's hint on its own line when there is one. */
    static String message(TidemarkException failure, DatabaseTarget database) {
        String hint = hint(failure, database);
        return hint == null ? failure.getMessage() : failure.getMessage() + System.lineSeparator() + hint;
    }

    static String hint(TidemarkException failure, DatabaseTarget database) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (failure.code() == ErrorCode.AUTHENTICATION_FAILED && database != null && database.serverId() != null) {
            return "The credentials came from the settings.xml <server> '" + database.serverId() + "' named by "
                    + Parameters.describe("serverId") + ": check its <username> and <password>.";
        }
        if (failure.code() == ErrorCode.DRIFT_DETECTED) {
            return ACCEPT_DRIFT;
        }
        if (NAMES_A_PROPERTY.matcher(message).find()) {
            // The runtime already says which setting to change, in the plugin's own terms.
            return null;
        }
        String where = database == null ? "" : database.displayUrl() + " from " + database.source();
        return switch (failure.code()) {
            case CONNECTION_FAILED ->
                "Check " + Parameters.describe("url") + " (now " + where
                        + ") and that PostgreSQL runs there; " + Parameters.describe("connectRetries")
                        + " retries while a server is still starting.";
            case AUTHENTICATION_FAILED ->
                "Check the credentials for " + where + ": "
                        + Parameters.describe("user") + " and " + Parameters.describe("password")
                        + ", the settings.xml <server> named by " + Parameters.describe("serverId")
                        + ", or user:password in the URL, in that order of precedence.";
            case LOCK_WAIT_TIMEOUT ->
                Parameters.describe("lockWait") + " sets how long to wait for the migration lock.";
            case LOCK_TIMEOUT_EXCEEDED ->
                Parameters.describe("lockTimeout") + " sets how long a statement may wait for a table lock.";
            case INVALID_TARGET -> "The target is set by " + Parameters.describe("target") + ".";
            case BASELINE_UNKNOWN_VERSION -> "The version is set by " + Parameters.describe("baselineVersion") + ".";
            case ADOPT_SEVERAL_FOREIGN_HISTORIES, ADOPT_NO_FOREIGN_HISTORY ->
                "The tool is set by " + Parameters.describe("from") + "; mvn compile schema:adopt"
                        + " -Dschema.dryRun shows the mapping without writing.";
            case ADOPT_REFUSED -> "mvn compile schema:adopt -Dschema.dryRun shows the mapping again without writing.";
            case VALIDATION_FAILED -> validationHint(failure);
            case FAILED_MIGRATION_PRESENT, NON_TRANSACTIONAL_MIGRATION_FAILED, REPAIR_CHOICE_REQUIRED -> STOPPED_RUN;
            case INVALID_CONFIGURATION ->
                "Plugin parameters are set in the tidemark-maven-plugin's <configuration>" + " or as -D"
                        + Parameters.PROPERTY_PREFIX + "<name> on the command line.";
            default -> null;
        };
    }

    private static final String ACCEPT_DRIFT = "To keep the changes as they are: mvn compile schema:diff"
            + " -Dschema.accept accepts the live schema as the new reference and records who accepted which"
            + " differences.";

    private static String validationHint(TidemarkException failure) {
        if (!(failure instanceof ValidationException validation) || validation.result() == null) {
            return null;
        }
        boolean outOfOrder = false;
        boolean pending = false;
        boolean stopped = false;
        boolean drift = false;
        for (ValidationProblem problem : validation.result().problems()) {
            outOfOrder |= problem.kind() == ValidationProblem.Kind.OUT_OF_ORDER;
            pending |= problem.kind() == ValidationProblem.Kind.PENDING;
            stopped |= problem.kind() == ValidationProblem.Kind.FAILED;
            drift |= problem.kind() == ValidationProblem.Kind.DRIFT;
        }
        if (stopped) {
            return STOPPED_RUN;
        }
        if (outOfOrder) {
            return Parameters.describe("outOfOrder") + " set to true lets older pending migrations run.";
        }
        if (pending) {
            return "Pending migrations fail validation because " + Parameters.describe("failOnPending")
                    + " is true; run mvn schema:migrate first.";
        }
        return drift ? ACCEPT_DRIFT : null;
    }
}
