package dev.tidemark.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces every known password with {@code ****} in text bound for standard output or standard
 * error: the values given as {@code --password}, in a password file or the environment, and the
 * password part of any database URL. A second line of defence: the runtime never puts a password in
 * a message, and this makes sure that a driver message passed on does not either.
 */
final class SecretMask {

    static final String MASK = "****";

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)([^&;\\s\"]*)");
    private static final Pattern URL_USER_INFO =
            Pattern.compile("(?i)(postgres(?:ql)?://[^:/@\\s\"]*:)([^@\\s\"]*)(@)");

    private final List<String> secrets = new ArrayList<>();

    /** Adds a secret; null and empty values are ignored. */
    SecretMask add(String secret) {
        if (secret != null && !secret.isEmpty() && !secrets.contains(secret)) {
            secrets.add(secret);
            // Longest first, so that a secret containing another is replaced whole.
            secrets.sort(Comparator.comparingInt(String::length).reversed());
        }
        return this;
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        masked = URL_USER_INFO
                .matcher(masked)
                .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK + "@"));
        return PASSWORD_PARAMETER.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }
}
