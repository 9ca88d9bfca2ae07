package dev.tidemark.maven;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces every known password, in every form it was given in, with {@code ****} in text bound for
 * the log or an error message. A second line of defence: the runtime never puts a password in a
 * message, and this makes sure that neither the plugin nor a driver message does either.
 */
final class SecretMask {

    static final String MASK = "****";

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)([^&;\\s]*)");

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

    /** The text with every secret and every {@code password=} URL parameter value masked. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        Matcher matcher = PASSWORD_PARAMETER.matcher(masked);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }
}
