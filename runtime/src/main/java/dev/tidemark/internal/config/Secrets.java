package dev.tidemark.internal.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps passwords out of messages: masks them in URLs and in text that may quote them. */
public final class Secrets {

    private static final Pattern USERINFO = Pattern.compile("(://[^:/@?]*):[^@/?]*@");
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("((?:^|[?&;])password=)[^&;]*", Pattern.CASE_INSENSITIVE);

    private Secrets() {}

    /** {@code postgres://u:secret@h/db} becomes {@code postgres://u:****@h/db}; same for {@code password=}. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = USERINFO.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":****@"));
        return PASSWORD_PARAMETER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****"));
    }

    /** Replaces every occurrence of {@code password} in {@code text}. */
    public static String scrub(String text, String password) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "****");
    }
}
