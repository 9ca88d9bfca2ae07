package dev.tidemark;

/**
 * A minimal JSON writer for reports and results: objects, arrays, strings, numbers, booleans and null, with
 * strings escaped as RFC 8259 requires (quote, backslash and every control character), plus
 * U+2028 and U+2029, which some JavaScript parsers reject raw.
 */
final class Json {

    private final StringBuilder out = new StringBuilder();
    private boolean needsComma;

    public Json beginObject() {
        separate();
        out.append('{');
        needsComma = false;
        return this;
    }

    public Json endObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    public Json beginArray() {
        separate();
        out.append('[');
        needsComma = false;
        return this;
    }

    public Json endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    public Json name(String name) {
        separate();
        string(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    public Json value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        needsComma = true;
        return this;
    }

    public Json value(boolean value) {
        separate();
        out.append(value);
        needsComma = true;
        return this;
    }

    public Json value(long value) {
        separate();
        out.append(value);
        needsComma = true;
        return this;
    }

    /** A number, or null when {@code value} is null. */
    public Json value(Long value) {
        return value == null ? nullValue() : value(value.longValue());
    }

    public Json nullValue() {
        separate();
        out.append("null");
        needsComma = true;
        return this;
    }

    private void separate() {
        if (needsComma) {
            out.append(',');
        }
    }

    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
