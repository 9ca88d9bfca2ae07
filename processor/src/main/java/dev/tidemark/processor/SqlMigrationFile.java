package dev.tidemark.processor;

import java.util.List;

/**
 * A SQL migration as the processor found it: its up file, and its down file when it has one.
 *
 * @param file the up file's name as written ({@code V1.2__Add_users.sql}, {@code up.sql})
 * @param path the up file's path in its folder, with {@code /} ({@code 20240101_users/up.sql})
 * @param location where the up file is, for messages
 * @param upText the up file's text (without a byte-order mark)
 * @param downPath the down file's path in its folder, or null
 * @param downText the down file's text, or null
 * @param flywayChecksum Flyway's checksum of the up file
 * @param metadataPath the path of the folder's {@code metadata.toml} in its folder, or null (only the
 *     folder layout has one)
 * @param metadataText that file's text, or null
 * @param statements the up file's statements then the down file's, each with its file and line
 */
record SqlMigrationFile(
        String file,
        String path,
        String location,
        String upText,
        String downPath,
        String downText,
        int flywayChecksum,
        String metadataPath,
        String metadataText,
        List<Statement> statements) {

    /**
     * One statement of a SQL migration file, as it will be sent.
     *
     * @param file the file's path in its folder
     * @param text the statement, without its semicolon
     * @param line the line of the file (from 1) its first token is on
     */
    record Statement(String file, String text, int line) {}
}
