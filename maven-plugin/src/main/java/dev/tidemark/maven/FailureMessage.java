package dev.tidemark.maven;

import dev.tidemark.TidemarkException;

/**
 * The message of a runtime failure in the plugin's words: the runtime's three parts with every
 * setting and action rendered by {@link MavenTerms}, and, for a failure to connect, where the
 * database and its credentials came from (which only the plugin knows).
 */
final class FailureMessage {

    private FailureMessage() {}

    static String of(TidemarkException failure, DatabaseTarget database) {
        String message = failure.message(MavenTerms.INSTANCE);
        String origin = origin(failure, database);
        return origin == null ? message : message + System.lineSeparator() + origin;
    }

    /** Where the database (or its credentials) came from, for a failure to reach it; otherwise null. */
    static String origin(TidemarkException failure, DatabaseTarget database) {
        if (database == null) {
            return null;
        }
        return switch (failure.code()) {
            case CONNECTION_FAILED, DATABASE_NOT_FOUND ->
                "The database " + database.displayUrl() + " came from " + database.source() + ".";
            case AUTHENTICATION_FAILED ->
                database.serverId() != null
                        ? "The credentials came from the settings.xml <server> '" + database.serverId() + "' named by "
                                + Parameters.describe("serverId") + ": check its <username> and <password>."
                        : "The credentials for " + database.displayUrl() + " are taken from "
                                + Parameters.describe("user") + " and " + Parameters.describe("password")
                                + ", the settings.xml <server> named by " + Parameters.describe("serverId")
                                + ", or user:password in the URL, in that order of precedence.";
            default -> null;
        };
    }
}
