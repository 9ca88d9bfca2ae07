package dev.tidemark.maven;

import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import dev.tidemark.spi.SecretMask;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which database to connect to, and as whom, from the plugin's parameters, a {@code settings.xml}
 * server and the environment.
 *
 * <p>Precedence, most specific first. The URL: {@code <url>} / {@code -Dschema.url}, else the
 * {@code DATABASE_URL} environment variable. The user and the password, each on its own: {@code
 * <user>} / {@code <password>} (or their {@code -D} properties), else the {@code <server>} named by
 * {@code schema.serverId} in {@code settings.xml}, else what the URL itself carries ({@code
 * postgres://user:password@host/db} or {@code ?user=…&password=…}).
 *
 * @param url the URL to hand to the runtime, credentials included as the user wrote them
 * @param user the user to set explicitly, or null to leave the URL's
 * @param password the password to set explicitly, or null to leave the URL's
 * @param source where the URL came from, for the log
 * @param serverId the id of the {@code settings.xml} server that gave the user or the password, or
 *     null when it gave neither
 */
record DatabaseTarget(String url, String user, String password, String source, String serverId) {

    /** The environment variable read when no URL is configured. */
    static final String DATABASE_URL = "DATABASE_URL";

    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@?#]*)@");

    static DatabaseTarget resolve(
            String url, String user, String password, ServerCredentials server, String databaseUrlFromEnvironment) {
        String chosenUrl;
        String source;
        if (!isBlank(url)) {
            chosenUrl = url.trim();
            source = Parameters.describe("url");
        } else if (!isBlank(databaseUrlFromEnvironment)) {
            chosenUrl = databaseUrlFromEnvironment.trim();
            source = "the " + DATABASE_URL + " environment variable";
        } else {
            throw new ConfigurationException("No database is configured: set " + Parameters.describe("url")
                    + " to a URL such as jdbc:postgresql://localhost:5432/app, or the " + DATABASE_URL
                    + " environment variable.");
        }
        if (!chosenUrl.startsWith("jdbc:postgresql:")
                && !chosenUrl.startsWith("postgres://")
                && !chosenUrl.startsWith("postgresql://")) {
            throw new ConfigurationException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "The database URL from " + source + " is '"
                            + new SecretMask().add(passwordIn(chosenUrl)).mask(chosenUrl)
                            + "', which is not a PostgreSQL URL: write jdbc:postgresql://host:5432/database"
                            + " or postgres://user@host:5432/database.");
        }
        String chosenUser = !isBlank(user) ? user : server == null ? null : server.username();
        String chosenPassword =
                password != null && !password.isEmpty() ? password : server == null ? null : server.password();
        boolean fromServer = server != null
                && ((isBlank(user) && server.username() != null)
                        || ((password == null || password.isEmpty()) && server.password() != null));
        return new DatabaseTarget(chosenUrl, chosenUser, chosenPassword, source, fromServer ? server.id() : null);
    }

    /** Whether the URL came from the {@code DATABASE_URL} environment variable. */
    boolean fromEnvironment() {
        return source.contains(DATABASE_URL);
    }

    /**
     * {@code Database jdbc:postgresql://db/app as deploy (credentials from the settings.xml server
     * 'prod')}: where the goal connects and as whom, for the log. Never the password.
     */
    String describe() {
        StringBuilder text = new StringBuilder("Database ").append(displayUrl());
        String connectingUser = connectingUser();
        if (connectingUser != null) {
            text.append(" as ").append(connectingUser);
        } else {
            text.append(" as ")
                    .append(System.getProperty("user.name"))
                    .append(" (no user configured: the driver logs in as the operating-system user)");
        }
        if (serverId != null) {
            text.append(" (credentials from the settings.xml server '")
                    .append(serverId)
                    .append("')");
        }
        if (fromEnvironment()) {
            text.append(" (from ").append(source).append(')');
        }
        return text.toString();
    }

    /**
     * The user the connection logs in as: the one set explicitly, else the URL's ({@code
     * postgres://user@…} or {@code ?user=…}), else null (the driver's default).
     */
    String connectingUser() {
        if (user != null && !user.isBlank()) {
            return user;
        }
        return userIn(url);
    }

    /** The user in a URL's user info or its {@code user} query parameter, percent-decoded, or null. */
    static String userIn(String url) {
        if (url == null) {
            return null;
        }
        Matcher matcher = USER_INFO.matcher(url);
        if (matcher.find()) {
            String userInfo = matcher.group(2);
            int colon = userInfo.indexOf(':');
            String name = colon < 0 ? userInfo : userInfo.substring(0, colon);
            if (!name.isEmpty()) {
                return URLDecoder.decode(name, StandardCharsets.UTF_8);
            }
        }
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.startsWith("user=") && pair.length() > "user=".length()) {
                return URLDecoder.decode(pair.substring("user=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The URL with any password replaced by {@code ****}, fit for the log. */
    String displayUrl() {
        return secrets().mask(url);
    }

    /** A mask that knows every password this target carries, in every form. */
    SecretMask secrets() {
        return addPasswordOf(url, new SecretMask().add(password));
    }

    /** Adds the password in {@code url}'s user info, as written and percent-decoded, to {@code mask}. */
    static SecretMask addPasswordOf(String url, SecretMask mask) {
        String inUrl = passwordIn(url);
        mask.add(inUrl);
        if (inUrl != null) {
            mask.add(URLDecoder.decode(inUrl, StandardCharsets.UTF_8));
        }
        return mask;
    }

    /** The password in a URL's user info ({@code scheme://user:password@host}), or null. */
    static String passwordIn(String url) {
        if (url == null) {
            return null;
        }
        Matcher matcher = USER_INFO.matcher(url);
        if (!matcher.find()) {
            return null;
        }
        String userInfo = matcher.group(2);
        int colon = userInfo.indexOf(':');
        return colon < 0 ? null : userInfo.substring(colon + 1);
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + displayUrl() + ", user " + user + ", from " + source + "]";
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
