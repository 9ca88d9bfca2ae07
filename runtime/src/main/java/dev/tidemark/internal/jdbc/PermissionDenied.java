package dev.tidemark.internal.jdbc;

import dev.tidemark.ErrorCode;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL refused one of Tidemark's own statements for lack of a privilege (SQLSTATE 42501): a
 * failure the user fixes with a grant, not a fault of Tidemark. The message names the privilege as
 * PostgreSQL reported it and, where PostgreSQL names the object, the grant that gives it.
 */
public final class PermissionDenied {

    /** SQLSTATE insufficient_privilege. */
    public static final String SQLSTATE = "42501";

    /** PostgreSQL's wording: {@code permission denied for schema public}, {@code … for table t}. */
    private static final Pattern DENIED_FOR = Pattern.compile("permission denied for (\\w+) (\\S+)");

    private PermissionDenied() {}

    public static boolean is(SQLException e) {
        return SQLSTATE.equals(e.getSQLState());
    }

    /**
     * The failure of {@code doing} (such as "creating the history table") refused with {@code e};
     * {@code state} says what the database is in now.
     */
    public static TidemarkException of(String doing, String user, String state, SQLException e) {
        ServerError error = ServerError.of(e);
        Phrase what = Phrase.of("PostgreSQL refused " + (user == null ? "the migration user" : "user " + user)
                + " a privilege while " + doing + ": SQLSTATE " + SQLSTATE + ": " + error.message() + ".");
        Phrase.Builder remedy = Phrase.builder()
                .append("Grant ")
                .append(user == null ? "the migration user" : user)
                .append(" the privilege PostgreSQL names (\"")
                .append(error.message())
                .append("\")");
        String grant = grant(error.message(), user);
        if (grant != null) {
            remedy.append(", e.g. as the object's owner: ").append(grant);
        }
        remedy.append("; or set ").setting(Setting.USER).append(" to a migration user that has it.");
        return new TidemarkException(ErrorCode.PERMISSION_DENIED, what, Phrase.of(state), remedy.build(), e);
    }

    /** The GRANT for the object PostgreSQL names, or null when it names none Tidemark knows a grant for. */
    static String grant(String message, String user) {
        Matcher denied = DENIED_FOR.matcher(message);
        if (!denied.find()) {
            return null;
        }
        String kind = denied.group(1).toLowerCase(Locale.ROOT);
        String object = denied.group(2);
        String to = " TO " + (user == null ? "<migration user>" : user) + ";";
        return switch (kind) {
            case "schema" -> "GRANT USAGE, CREATE ON SCHEMA " + object + to;
            case "table", "relation" -> "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE " + object + to;
            case "sequence" -> "GRANT USAGE, SELECT ON SEQUENCE " + object + to;
            case "database" -> "GRANT CREATE ON DATABASE " + object + to;
            case "function" -> "GRANT EXECUTE ON FUNCTION " + object + to;
            default -> null;
        };
    }
}
