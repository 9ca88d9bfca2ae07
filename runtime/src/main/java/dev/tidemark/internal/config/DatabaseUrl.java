package dev.tidemark.internal.config;

import dev.tidemark.Setting;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * A database address taken apart: a {@code jdbc:postgresql://} URL, or a {@code
 * postgres://user:password@host:port/database?…} URL as platforms hand out in {@code
 * DATABASE_URL}. Credentials are taken out of the URL, so {@link #jdbcUrl()} never holds a password
 * and explicit settings can override them.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL without user or password
 * @param user the user from the URL, or null
 * @param password the password from the URL, or null
 * @param hostAndPort {@code host:port} for messages
 * @param database the database name for messages, or null when the URL names none
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, String hostAndPort, String database) {

    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    /**
     * The URL to connect through, or null when a DataSource is given.
     *
     * @throws dev.tidemark.ConfigurationException when there is neither, or the URL is invalid
     */
    public static DatabaseUrl of(DataSource dataSource, String url) {
        if (dataSource != null) {
            return null;
        }
        if (url == null || url.isBlank()) {
            throw Setting.URL.invalid(
                    "is not set, and no DataSource is given: Tidemark has no database to connect to.",
                    "Give a URL (jdbc:postgresql://host:5432/database or"
                            + " postgres://user:password@host:5432/database), or pass a DataSource.");
        }
        return parse(url.strip());
    }

    /** Parses {@code url}, naming the setting {@link Setting#URL} in any error. */
    public static DatabaseUrl parse(String url) {
        return parse(url, Setting.URL);
    }

    /** Parses {@code url}, naming {@code setting} in any error. */
    public static DatabaseUrl parse(String url, Setting setting) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith(JDBC_PREFIX)) {
            return parseJdbc(url, setting);
        }
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            return parsePlatform(url, setting);
        }
        throw setting.invalid(
                "is '" + Secrets.maskUrl(url) + "': neither a jdbc:postgresql:// URL nor a postgres:// URL.",
                "Give jdbc:postgresql://host:5432/database or postgres://user:password@host:5432/database.");
    }

    private static DatabaseUrl parseJdbc(String url, Setting setting) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String user = null;
        String password = null;
        List<String> kept = new ArrayList<>();
        if (query >= 0) {
            for (String parameter : url.substring(query + 1).split("&")) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : decode(parameter.substring(equals + 1), setting);
                if (name.equals("user")) {
                    user = value;
                } else if (name.equals("password")) {
                    password = value;
                } else {
                    kept.add(parameter);
                }
            }
        }
        String jdbcUrl = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
        String rest = base.substring(JDBC_PREFIX.length());
        String hostAndPort = "localhost:5432";
        String database = rest;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String hosts = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            database = slash < 0 ? null : rest.substring(slash + 1);
            hostAndPort = withPort(hosts.isEmpty() ? "localhost" : hosts);
        }
        return new DatabaseUrl(
                jdbcUrl,
                user,
                password,
                hostAndPort,
                database == null || database.isEmpty() ? null : decode(database, setting));
    }

    private static DatabaseUrl parsePlatform(String url, Setting setting) {
        String rest = url.substring(url.indexOf("://") + 3);
        int query = rest.indexOf('?');
        String parameters = query < 0 ? "" : rest.substring(query);
        String path = query < 0 ? rest : rest.substring(0, query);
        int slash = path.indexOf('/');
        String authority = slash < 0 ? path : path.substring(0, slash);
        String database = slash < 0 ? "" : path.substring(slash + 1);
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String credentials = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = credentials.indexOf(':');
            user = decode(colon < 0 ? credentials : credentials.substring(0, colon), setting);
            password = colon < 0 ? null : decode(credentials.substring(colon + 1), setting);
        }
        if (authority.isEmpty()) {
            throw setting.invalid(
                    "is '" + Secrets.maskUrl(url) + "': it names no host.",
                    "Give postgres://user:password@host:5432/database.");
        }
        String hostAndPort = withPort(authority);
        String decodedDatabase = decode(database, setting);
        String jdbcUrl = "jdbc:postgresql://" + hostAndPort + "/" + database + parameters;
        return new DatabaseUrl(
                jdbcUrl,
                user == null || user.isEmpty() ? null : user,
                password,
                hostAndPort,
                decodedDatabase.isEmpty() ? null : decodedDatabase);
    }

    private static String withPort(String hosts) {
        String first = hosts.split(",")[0];
        boolean hasPort = first.startsWith("[") ? first.contains("]:") : first.contains(":");
        return hasPort ? first : first + ":5432";
    }

    private static String decode(String text, Setting setting) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw setting.invalid(
                    "contains a malformed percent-escape (%xx).",
                    "Encode special characters in the user, password and database as %xx.");
        }
    }

    /** The address for messages: {@code host:port, database d}. Never contains a password. */
    public String describe() {
        return hostAndPort + (database == null ? "" : ", database " + database);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
