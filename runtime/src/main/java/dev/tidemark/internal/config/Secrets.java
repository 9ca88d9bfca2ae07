package dev.tidemark.internal.config;

import dev.tidemark.spi.SecretMask;

/** Keeps passwords out of messages: masks them in URLs and in text that may quote them. */
public final class Secrets {

    private Secrets() {}

    /** {@code postgres://u:secret@h/db} becomes {@code postgres://u:****@h/db}; same for {@code password=}. */
    public static String maskUrl(String url) {
        return SecretMask.maskUrl(url);
    }

    /** Replaces every occurrence of {@code password} in {@code text}. */
    public static String scrub(String text, String password) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "****");
    }
}
