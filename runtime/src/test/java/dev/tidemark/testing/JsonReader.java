package dev.tidemark.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document into maps, lists, strings, longs, booleans and nulls, and fails on anything
 * RFC 8259 does not allow: so a test proves the output parses, then asserts on its fields.
 */
public final class JsonReader {

    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    /** The document's value; throws IllegalArgumentException when it is not exactly one JSON value. */
    public static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.blank();
        if (reader.at != text.length()) {
            throw reader.error("text after the document");
        }
        return value;
    }

    /** {@link #parse} of an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        return (Map<String, Object>) parse(text);
    }

    private Object value() {
        blank();
        if (at >= text.length()) {
            throw error("end of text");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{' -> {
                at++;
                Map<String, Object> map = new LinkedHashMap<>();
                blank();
                if (peek('}')) {
                    return map;
                }
                do {
                    blank();
                    String name = string();
                    blank();
                    expect(':');
                    if (map.put(name, value()) != null) {
                        throw error("duplicate name " + name);
                    }
                    blank();
                } while (peek(','));
                expect('}');
                return map;
            }
            case '[' -> {
                at++;
                List<Object> list = new ArrayList<>();
                blank();
                if (peek(']')) {
                    return list;
                }
                do {
                    list.add(value());
                    blank();
                } while (peek(','));
                expect(']');
                return list;
            }
            case '"' -> {
                return string();
            }
            default -> {
                for (String word : new String[] {"true", "false", "null"}) {
                    if (text.startsWith(word, at)) {
                        at += word.length();
                        return word.equals("null") ? null : Boolean.valueOf(word);
                    }
                }
                int start = at;
                if (peek('-')) {
                    // sign
                }
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                if (start == at) {
                    throw error("unexpected '" + c + "'");
                }
                return Long.parseLong(text.substring(start, at));
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("raw control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw error("bad escape \\" + escaped);
            }
        }
    }

    private boolean peek(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void blank() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + at + " in " + text);
    }
}
