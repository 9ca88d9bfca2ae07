package dev.tidemark.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces every known password with {@code ****} in text bound for a log, standard output or an
 * error message: the values a caller was given (a password setting, a password file, the
 * environment, a server entry), and the password part of any database URL in the text, whether it
 * was given or not ({@code password=} parameters and {@code scheme://user:password@} user-info).
 *
 * <p>A second line of defence for Tidemark's callers: the runtime never puts a password in a
 * message, and a caller that passes every line through one of these makes sure that a driver's
 * message quoted in it does not either.
 */
public final class SecretMask {

    /** What a secret is replaced with. */
    public static final String MASK = "****";

    private static final Pattern USER_INFO = Pattern.compile("(://[^:/@?\\s\"]*):[^@/?\\s\"]*@");
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("((?:^|[?&;])password=)[^&;\\s\"]*", Pattern.CASE_INSENSITIVE);

    private final List<String> secrets = new ArrayList<>();

    /** Adds a secret to mask wherever it appears; null and empty values are ignored. */
    public SecretMask add(String secret) {
        if (secret != null && !secret.isEmpty() && !secrets.contains(secret)) {
            secrets.add(secret);
            // Longest first, so that a secret containing another is replaced whole.
            secrets.sort(Comparator.comparingInt(String::length).reversed());
        }
        return this;
    }

    /** The text with every secret added and every URL password masked; null stays null. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return maskUrl(masked);
    }

    /**
     * {@code postgres://u:secret@h/db} becomes {@code postgres://u:****@h/db}, and a {@code
     * password=} parameter's value becomes {@code ****}, wherever they appear in {@code text}.
     */
    public static String maskUrl(String text) {
        if (text == null) {
            return null;
        }
        String masked =
                USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        return PASSWORD_PARAMETER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
