package dev.tidemark.testing;

import dev.tidemark.JavaMigration;
import dev.tidemark.MigrationContext;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A hand-written manifest for tests: what the annotation processor would generate, built from SQL
 * scripts or Java lambdas. The checksum of a SQL migration is taken over its script, so editing
 * the script changes it as editing a class would.
 */
public final class TestManifest implements MigrationManifest {

    private final List<MigrationEntry> entries = new ArrayList<>();
    private int formatVersion = FORMAT_VERSION;

    public static TestManifest of(MigrationEntry... entries) {
        TestManifest manifest = new TestManifest();
        manifest.entries.addAll(List.of(entries));
        return manifest;
    }

    public TestManifest withFormatVersion(int formatVersion) {
        this.formatVersion = formatVersion;
        return this;
    }

    /** A transactional migration that runs {@code sql} through {@code execute}. */
    public static MigrationEntry sql(String version, String description, String sql) {
        return entry(version, description, sql, true);
    }

    /** A migration with {@code transactional = false} that runs {@code sql}. */
    public static MigrationEntry nonTransactional(String version, String description, String sql) {
        return entry(version, description, sql, false);
    }

    /** A transactional migration whose {@code down} runs {@code downSql}. */
    public static MigrationEntry reversible(String version, String description, String sql, String downSql) {
        return reversible(version, description, sql, downSql, true);
    }

    /** A migration with {@code down}; its checksum covers both scripts, as the class source would. */
    public static MigrationEntry reversible(
            String version, String description, String sql, String downSql, boolean transactional) {
        return new MigrationEntry(
                version,
                description,
                "test.V" + className(version),
                checksum(sql + "\n--down\n" + downSql),
                transactional,
                true,
                () -> new JavaMigration() {
                    @Override
                    public void up(MigrationContext db) throws SQLException {
                        db.execute(sql);
                    }

                    @Override
                    public void down(MigrationContext db) throws SQLException {
                        db.execute(downSql);
                    }
                });
    }

    /** A transactional migration running {@code migration}; its checksum is made from {@code source}. */
    public static MigrationEntry java(String version, String source, JavaMigration migration) {
        return new MigrationEntry(
                version,
                "java " + version,
                "test.Java" + className(version),
                checksum(source),
                true,
                false,
                () -> migration);
    }

    private static MigrationEntry entry(String version, String description, String sql, boolean transactional) {
        return new MigrationEntry(
                version,
                description,
                "test.V" + className(version),
                checksum(sql),
                transactional,
                false,
                () -> db -> db.execute(sql));
    }

    private static String className(String version) {
        return version.replace('.', '_');
    }

    public static String checksum(String source) {
        try {
            return "v1:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int formatVersion() {
        return formatVersion;
    }

    @Override
    public List<MigrationEntry> migrations() {
        return entries;
    }
}
