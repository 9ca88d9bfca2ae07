package dev.tidemark.internal.drift;

import java.util.Locale;

/**
 * The sorts of catalog object a {@link SchemaSnapshot} records. The {@link #token} is written into
 * the canonical text, so it never changes once released; the {@link #noun} is what sentences call
 * the object.
 */
public enum ObjectKind {
    EXTENSION("extension", "extension"),
    ENUM("enum", "enum type"),
    DOMAIN("domain", "domain"),
    COMPOSITE("composite", "composite type"),
    SEQUENCE("sequence", "sequence"),
    TABLE("table", "table"),
    COLUMN("column", "column"),
    CONSTRAINT("constraint", "constraint"),
    INDEX("index", "index"),
    VIEW("view", "view"),
    MATERIALIZED_VIEW("matview", "materialized view"),
    FUNCTION("function", "function"),
    PROCEDURE("procedure", "procedure"),
    TRIGGER("trigger", "trigger");

    private final String token;
    private final String noun;

    ObjectKind(String token, String noun) {
        this.token = token;
        this.noun = noun;
    }

    /** The word that names this kind in the canonical text. */
    public String token() {
        return token;
    }

    /** The words that name this kind in a sentence. */
    public String noun() {
        return noun;
    }

    /** Whether objects of this kind belong to a table (or view) and vanish with it. */
    public boolean belongsToTable() {
        return this == COLUMN || this == CONSTRAINT || this == INDEX || this == TRIGGER;
    }

    static ObjectKind ofToken(String token) {
        for (ObjectKind kind : values()) {
            if (kind.token.equals(token)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown object kind '" + token.toLowerCase(Locale.ROOT) + "'");
    }
}
