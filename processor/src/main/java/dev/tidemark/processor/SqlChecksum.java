package dev.tidemark.processor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksums of a SQL migration file: Tidemark's, {@code s1:} followed by the lower-case hex
 * SHA-256 of the UTF-8 bytes of the up file's {@linkplain CanonicalSql canonical text} (the down
 * file and placeholder values are not part of it: it guards what was applied, and the same file
 * gives the same checksum in every environment); and Flyway's, kept in the manifest so a database
 * Flyway migrated can be compared with the files.
 */
final class SqlChecksum {

    /** Tag of the checksum format of SQL files; part of the checksum string. */
    static final String TAG = "s1:";

    private SqlChecksum() {}

    /** Tidemark's checksum of a SQL file's text. */
    static String of(String text) {
        return TAG + SourceChecksum.sha256(CanonicalSql.of(text));
    }

    /**
     * Flyway's checksum: a CRC-32 updated with the UTF-8 bytes of each line without its line
     * terminator, the first line without a byte-order mark, read as a signed int.
     */
    static int flyway(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            boolean first = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (first && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                first = false;
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }
}
