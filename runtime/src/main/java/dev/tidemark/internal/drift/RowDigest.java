package dev.tidemark.internal.drift;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The catalog digest computed on the client from the rows the catalog reader fetched, equal to the
 * one the server computes in {@code CatalogReader}'s digest query: each row as PostgreSQL's record
 * output renders it ({@code record_out}), prefixed with its query's number, sorted byte by byte as
 * {@code COLLATE "C"} sorts, joined with newlines, and hashed with SHA-256.
 */
final class RowDigest {

    private RowDigest() {}

    /**
     * {@code <query>:} and the row as {@code record_out} writes it: {@code (a,b,,"c d")}, a null
     * column empty, a value quoted when it is empty or holds a double quote, backslash, parenthesis,
     * comma or white space, with quotes and backslashes doubled inside; as UTF-8.
     */
    static byte[] rowText(int query, String[] values) {
        StringBuilder text = new StringBuilder().append(query).append(":(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            String value = values[i];
            if (value == null) {
                continue;
            }
            if (!needsQuotes(value)) {
                text.append(value);
                continue;
            }
            text.append('"');
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == '"' || ch == '\\') {
                    text.append(ch);
                }
                text.append(ch);
            }
            text.append('"');
        }
        return text.append(')').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int c = 0; c < value.length(); c++) {
            switch (value.charAt(c)) {
                case '"', '\\', '(', ')', ',', ' ', '\t', '\n', '\u000B', '\f', '\r' -> {
                    return true;
                }
                default -> {}
            }
        }
        return false;
    }

    /** The lower-case hex SHA-256 of the rows, sorted byte-wise and joined with newlines. */
    static String of(List<byte[]> rows) {
        byte[][] sorted = rows.toArray(new byte[0][]);
        Arrays.sort(sorted, Arrays::compareUnsigned);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < sorted.length; i++) {
                if (i > 0) {
                    sha256.update((byte) '\n');
                }
                sha256.update(sorted[i]);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
