package dev.tidemark.internal.adopt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The checksums other tools store for a migration, recomputed from the migration's text, so that
 * adopting their history can tell whether a file was edited after they applied it. Each follows
 * its tool exactly; the tests check them against values the real tools wrote.
 */
public final class ForeignChecksums {

    private ForeignChecksums() {}

    /**
     * Flyway's checksum of a SQL file (its {@code ChecksumCalculator}): CRC32 over the UTF-8 bytes
     * of each line as {@code BufferedReader.readLine()} returns it, with no separator, a byte-order
     * mark dropped from the start of the first line, the result as a signed {@code int}. So line
     * endings ({@code \n}, {@code \r\n}, {@code \r}) and blank lines never count, and every other
     * character does, white space and comments included.
     *
     * @param text the file as decoded with Flyway's encoding (UTF-8 unless configured otherwise)
     */
    public static int flyway(String text) {
        CRC32 crc = new CRC32();
        int start = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        StringBuilder line = new StringBuilder();
        for (int i = start; i <= text.length(); i++) {
            char c = i == text.length() ? '\n' : text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (line.length() > 0) {
                    crc.update(line.toString().getBytes(StandardCharsets.UTF_8));
                    line.setLength(0);
                }
            } else {
                line.append(c);
            }
        }
        return (int) crc.getValue();
    }

    /**
     * Drizzle's {@code hash} of a migration: the lower-case hex SHA-256 of the whole {@code .sql}
     * file's text, before it is split at {@code --> statement-breakpoint}.
     */
    public static String drizzle(String text) {
        return HexFormat.of().formatHex(sha("SHA-256", text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Liquibase's checksum (version 9, Liquibase 4.22 and later) of a changeset of a formatted SQL
     * changelog with one SQL change: the MD5 of the change's text with every space, tab, carriage
     * return and line feed removed gives the change's checksum {@code 9:<hex>}; the changeset's
     * checksum, the one {@code DATABASECHANGELOG.MD5SUM} holds, is {@code 9:} and the MD5 of that
     * text followed by {@code :}.
     *
     * @param body the changeset's SQL as Liquibase keeps it: the lines after its {@code --changeset}
     *     line, comments included, without its {@code --rollback} and other Liquibase directive lines
     */
    public static String liquibaseV9(String body) {
        String squashed = normalize(body).replaceAll("[ \t\r\n]", "");
        String change = "9:" + md5Hex(squashed);
        return "9:" + md5Hex(change + ":");
    }

    /** What Liquibase's {@code CheckSum.compute} does to a text before hashing it. */
    private static String normalize(String text) {
        return Normalizer.normalize(text.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC)
                .replace("\uFFFD", "");
    }

    private static String md5Hex(String text) {
        return HexFormat.of().formatHex(sha("MD5", text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }
}
