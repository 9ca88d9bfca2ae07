package dev.tidemark.internal.adopt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Liquibase formatted SQL changelog ({@code --liquibase formatted sql}) split into its changesets,
 * as far as their identity and checksum need: author, id and the SQL body Liquibase hashes.
 */
public final class FormattedSqlChangelog {

    /** One {@code --changeset author:id} and the SQL up to the next one. */
    public record Changeset(String author, String id, int line, String body) {

        /**
         * The checksum {@code DATABASECHANGELOG.MD5SUM} holds for it when Liquibase wrote it with
         * checksum {@code version} (8 or 9; null for another).
         */
        public String checksum(int version) {
            return ForeignChecksums.liquibase(body, version);
        }
    }

    private static final Pattern CHANGESET = Pattern.compile("^--\\s*changeset\\s+([^:\\s]+):(\\S+).*$");
    /** Directive lines that are not part of the changeset's SQL. */
    private static final Pattern DIRECTIVE = Pattern.compile(
            "^--\\s*(rollback|comment|precondition|validCheckSum|ignoreLines|labels|context)\\b.*$",
            Pattern.CASE_INSENSITIVE);

    private FormattedSqlChangelog() {}

    /** The changesets of a formatted SQL changelog, in file order. */
    public static List<Changeset> parse(String text) {
        List<Changeset> changesets = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String author = null;
        String id = null;
        int start = 0;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher header = CHANGESET.matcher(line.strip());
            if (header.matches()) {
                if (id != null) {
                    changesets.add(new Changeset(author, id, start, body.toString()));
                }
                author = header.group(1);
                id = header.group(2);
                start = i + 1;
                body.setLength(0);
            } else if (id != null && !DIRECTIVE.matcher(line.strip()).matches()) {
                body.append(line).append('\n');
            }
        }
        if (id != null) {
            changesets.add(new Changeset(author, id, start, body.toString()));
        }
        return changesets;
    }
}
