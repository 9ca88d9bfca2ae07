package dev.tidemark.internal.adopt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
     * Liquibase's checksum of a changeset of a formatted SQL changelog with one SQL change, in the
     * checksum version {@code DATABASECHANGELOG.MD5SUM} was written with: {@code 9:} (Liquibase 4.22
     * and later, {@link #liquibaseV9}) or {@code 8:} (3.5 to 4.21, {@link #liquibaseV8}). Liquibase
     * itself validates a row with the version the row holds, so an {@code 8:} row written before an
     * upgrade stays valid; so must it here.
     *
     * @param body the changeset's SQL as Liquibase keeps it: the lines after its {@code --changeset}
     *     line, comments included, without its {@code --rollback} and other Liquibase directive lines
     * @param version the checksum version, the number before the {@code :} of the stored value
     * @return the checksum, or null for a version Tidemark does not recompute (see {@link
     *     #LIQUIBASE_VERSIONS})
     */
    public static String liquibase(String body, int version) {
        return switch (version) {
            case 8 -> liquibaseV8(body);
            case 9 -> liquibaseV9(body);
            default -> null;
        };
    }

    /** Whether {@link #liquibase} recomputes checksums of {@code version}. */
    public static boolean recomputesLiquibase(int version) {
        return version == 8 || version == 9;
    }

    /** The Liquibase checksum versions {@link #liquibase} recomputes, as a user reads them. */
    public static final String LIQUIBASE_VERSIONS = "8 (Liquibase 3.5 to 4.21) and 9 (4.22 and later)";

    /**
     * Liquibase's checksum version 9 (4.22 and later): the MD5 of the change's SQL with every space,
     * tab, carriage return and line feed removed gives the change's checksum {@code 9:<hex>}; the
     * changeset's checksum is {@code 9:} and the MD5 of that text followed by {@code :}.
     */
    public static String liquibaseV9(String body) {
        return liquibaseChangeset(9, body.replaceAll("[ \t\r\n]", ""));
    }

    /**
     * Liquibase's checksum version 8 (3.5 to 4.21, and what later versions recompute to validate
     * such a row): the change's text is a header of its settings, {@code
     * <endDelimiter>:<splitStatements>:<stripComments>:} ({@code null:true:true:} for a formatted
     * SQL changeset that sets none of them: its parser strips comments by default), then its SQL with every run of spaces, tabs, carriage
     * returns and line feeds made one space (trimmed first, as Liquibase trims a change's SQL); the changeset's checksum is
     * built from the change's as in version 9.
     */
    public static String liquibaseV8(String body) {
        return liquibaseChangeset(8, "null:true:true:" + body.trim().replaceAll("[ \t\r\n]+", " "));
    }

    /**
     * A changeset of one change whose checksum is the MD5 of {@code changeText}: Liquibase's {@code
     * ChangeSet.generateCheckSum} joins its changes' checksums, each followed by {@code :}, and
     * hashes that (its normalisation of line endings and Unicode leaves the ASCII untouched).
     */
    private static String liquibaseChangeset(int version, String changeText) {
        String change = version + ":" + md5Hex(changeText);
        return version + ":" + md5Hex(change + ":");
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
