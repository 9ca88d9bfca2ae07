package dev.tidemark.processor;

import dev.tidemark.MigrationVersion;
import dev.tidemark.spi.sql.ScriptException;
import dev.tidemark.spi.sql.ScriptSplitter;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the SQL migrations in a folder and its sub-folders, in the layouts Tidemark reads:
 *
 * <ul>
 *   <li>Flyway's names: {@code V1.2__Add_users.sql} (underscores in the version read as dots,
 *       {@code V1_2__} is 1.2), with {@code U1.2__Add_users.sql} as its down;
 *   <li>paired files: {@code <version>_<name>.up.sql} and {@code <version>_<name>.down.sql};
 *   <li>a folder per migration, {@code <version>_<name>/}, holding {@code up.sql}, optionally
 *       {@code down.sql} and {@code metadata.toml} ({@code run_in_transaction = false});
 *   <li>Flyway's repeatable migrations, {@code R__<description>.sql}: no version, identified by
 *       their description, which no two may share (see {@link #repeatables()}).
 * </ul>
 *
 * <p>In the last two, dashes in the version read as dots ({@code 2024-01-01-000000} is
 * 2024.1.1.0). A migration is non-transactional when the first line of its up file is {@link
 * #NO_TRANSACTION} (or its {@code metadata.toml} says so). Other files than {@code .sql} and {@code
 * metadata.toml} are left alone; a {@code .sql} file named otherwise is an error.
 */
final class SqlMigrationScanner {

    /** The first-line comment that makes a SQL migration non-transactional. */
    static final String NO_TRANSACTION = "-- tidemark:no-transaction";

    /** The folder layout's settings file, beside {@code up.sql}. */
    static final String METADATA = "metadata.toml";

    private static final Pattern FLYWAY = Pattern.compile("([VU])([^_]*(?:_[^_]+)*?)__(.+)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern PAIRED = Pattern.compile("([^_]+)_(.+)\\.(up|down)\\.sql");
    private static final Pattern FOLDER = Pattern.compile("([^_]+)_(.+)");
    private static final Pattern METADATA_LINE =
            Pattern.compile("\\s*run_in_transaction\\s*=\\s*(true|false)\\s*(#.*)?");

    private final Reporter reporter;
    /** The repeatable migrations of every folder scanned so far, by description. */
    private final Map<String, FoundMigration> repeatables = new TreeMap<>();

    SqlMigrationScanner(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * The repeatable migrations ({@code R__<description>.sql}) of every folder {@link #scan}ned, in
     * the order they run: by description. Each has an empty version; two with the same description
     * are reported and the second left out.
     */
    List<FoundMigration> repeatables() {
        return List.copyOf(repeatables.values());
    }

    /** One half of a migration as found. */
    private record Half(String version, String description, String path, Path file, boolean transactional) {}

    /** The migrations in {@code folder}; every problem is reported and its file left out. */
    List<FoundMigration> scan(Path folder) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            reporter.error(ProcessorMessage.SQL_UNREADABLE, folder, e.toString());
            return List.of();
        }
        Map<MigrationVersion, Half> ups = new TreeMap<>();
        Map<MigrationVersion, Half> downs = new TreeMap<>();
        List<FoundMigration> found = new ArrayList<>();
        for (Path file : files) {
            String path = folder.relativize(file).toString().replace('\\', '/');
            String name = file.getFileName().toString();
            Path parent = file.getParent();
            String parentName =
                    parent.equals(folder) ? null : parent.getFileName().toString();
            if (name.equals(METADATA)) {
                continue; // read with its up.sql
            }
            if (!name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
                continue;
            }
            Optional<Half> half;
            boolean down;
            Matcher flyway = FLYWAY.matcher(name);
            Matcher paired = PAIRED.matcher(name);
            Matcher repeatable = REPEATABLE.matcher(name);
            if ((name.equals("up.sql") || name.equals("down.sql")) && parentName != null) {
                Matcher dir = FOLDER.matcher(parentName);
                if (!dir.matches()) {
                    reporter.error(
                            ProcessorMessage.SQL_UNKNOWN_NAME,
                            file,
                            "its folder " + parentName + " is not named <version>_<name>");
                    continue;
                }
                down = name.equals("down.sql");
                half = half(
                        file,
                        path,
                        dir.group(1).replace('-', '.'),
                        dir.group(2),
                        down ? true : folderTransactional(parent));
            } else if (flyway.matches()) {
                down = flyway.group(1).equals("U");
                half = half(file, path, flyway.group(2).replace('_', '.'), flyway.group(3), true);
            } else if (paired.matches()) {
                down = paired.group(3).equals("down");
                half = half(file, path, paired.group(1).replace('-', '.'), paired.group(2), true);
            } else if (repeatable.matches() && !repeatable.group(1).isBlank()) {
                repeatable(new Half("", repeatable.group(1).replace('_', ' ').strip(), path, file, true));
                continue;
            } else {
                reporter.error(ProcessorMessage.SQL_UNKNOWN_NAME, file, "its name matches none of the layouts");
                continue;
            }
            if (half.isEmpty()) {
                continue;
            }
            MigrationVersion version = MigrationVersion.parse(half.get().version());
            Map<MigrationVersion, Half> side = down ? downs : ups;
            Half previous = side.putIfAbsent(version, half.get());
            if (previous != null) {
                reporter.error(
                        ProcessorMessage.DUPLICATE_VERSION,
                        file,
                        "\"" + half.get().version() + "\"",
                        previous.file() + " (version \"" + previous.version() + "\")");
            }
        }
        for (Map.Entry<MigrationVersion, Half> down : downs.entrySet()) {
            if (!ups.containsKey(down.getKey())) {
                reporter.error(
                        ProcessorMessage.SQL_DOWN_WITHOUT_UP,
                        down.getValue().file(),
                        down.getValue().version());
            }
        }
        for (Map.Entry<MigrationVersion, Half> entry : ups.entrySet()) {
            Half up = entry.getValue();
            Half down = downs.get(entry.getKey());
            Optional<String> upText = read(up.file());
            Optional<String> downText = down == null ? Optional.of("") : read(down.file());
            if (upText.isEmpty() || downText.isEmpty()) {
                continue;
            }
            boolean transactional = up.transactional() && !marked(upText.get());
            List<SqlMigrationFile.Statement> statements = new ArrayList<>();
            boolean valid = checkContent(up, upText.get(), transactional, statements);
            if (down != null) {
                valid &= checkContent(down, downText.get(), transactional, statements);
            }
            if (!valid) {
                continue;
            }
            String metadataText = metadataText(up);
            SqlMigrationFile sql = new SqlMigrationFile(
                    up.file().getFileName().toString(),
                    up.path(),
                    up.file().toString(),
                    upText.get(),
                    down == null ? null : down.path(),
                    down == null ? null : downText.get(),
                    SqlChecksum.flyway(upText.get()),
                    metadataText == null ? null : up.path().replaceFirst("up\\.sql$", METADATA),
                    metadataText,
                    List.copyOf(statements));
            found.add(new FoundMigration(
                    up.version(),
                    entry.getKey(),
                    up.description(),
                    up.path(),
                    up.path(),
                    SqlChecksum.of(upText.get()),
                    transactional,
                    down != null,
                    null,
                    false,
                    sql));
        }
        return found;
    }

    /** Reads, checks and keeps a repeatable migration, unless another has its description. */
    private void repeatable(Half half) {
        FoundMigration previous = repeatables.get(half.description());
        if (previous != null) {
            reporter.error(
                    ProcessorMessage.DUPLICATE_REPEATABLE,
                    half.file(),
                    half.description(),
                    previous.sql().location());
            return;
        }
        Optional<String> text = read(half.file());
        if (text.isEmpty()) {
            return;
        }
        boolean transactional = !marked(text.get());
        List<SqlMigrationFile.Statement> statements = new ArrayList<>();
        if (!checkContent(half, text.get(), transactional, statements)) {
            return;
        }
        SqlMigrationFile sql = new SqlMigrationFile(
                half.file().getFileName().toString(),
                half.path(),
                half.file().toString(),
                text.get(),
                null,
                null,
                SqlChecksum.flyway(text.get()),
                null,
                null,
                List.copyOf(statements));
        repeatables.put(
                half.description(),
                new FoundMigration(
                        "",
                        null,
                        half.description(),
                        half.path(),
                        half.path(),
                        SqlChecksum.of(text.get()),
                        transactional,
                        false,
                        null,
                        false,
                        sql));
    }

    private Optional<Half> half(Path file, String path, String version, String name, boolean transactional) {
        String problem = MigrationVersion.problemWith(version);
        if (problem != null) {
            reporter.error(ProcessorMessage.SQL_MALFORMED_VERSION, file, problem);
            return Optional.empty();
        }
        String description = name.replace('_', ' ').strip();
        return Optional.of(new Half(version, description, path, file, transactional));
    }

    /**
     * The text of the {@code metadata.toml} beside a folder layout's {@code up.sql}, or null when
     * there is none (or it cannot be read: {@link #folderTransactional} reported that already).
     */
    private static String metadataText(Half up) {
        Path metadata = up.file().resolveSibling(METADATA);
        if (!up.file().getFileName().toString().equals("up.sql") || !Files.isRegularFile(metadata)) {
            return null;
        }
        try {
            return Files.readString(metadata, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the folder's {@code metadata.toml}, if any, leaves the migration transactional. */
    private boolean folderTransactional(Path folder) {
        Path metadata = folder.resolve(METADATA);
        if (!Files.isRegularFile(metadata)) {
            return true;
        }
        Optional<String> text = read(metadata);
        if (text.isEmpty()) {
            return true;
        }
        boolean transactional = true;
        List<String> lines = text.get().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = METADATA_LINE.matcher(line);
            if (matcher.matches()) {
                transactional = matcher.group(1).equals("true");
            } else {
                reporter.error(ProcessorMessage.SQL_METADATA, metadata, i + 1, "'" + line + "' is not understood");
            }
        }
        return transactional;
    }

    /** Whether the first line is the no-transaction marker. */
    private static boolean marked(String text) {
        int end = text.indexOf('\n');
        String first = (end < 0 ? text : text.substring(0, end)).strip();
        return first.equalsIgnoreCase(NO_TRANSACTION);
    }

    /**
     * Splits the file as the runtime will and reports what would fail there for sure: text JDBC
     * cannot run, transaction control in a transactional migration, the marker on another line
     * than the first.
     */
    private boolean checkContent(
            Half half, String text, boolean transactional, List<SqlMigrationFile.Statement> statements) {
        boolean valid = true;
        List<String> lines = text.lines().toList();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equalsIgnoreCase(NO_TRANSACTION)) {
                reporter.error(
                        ProcessorMessage.SQL_CONTENT,
                        half.file(),
                        i + 1,
                        NO_TRANSACTION + " marks a migration non-transactional only on the first line of its up file");
                valid = false;
            }
        }
        List<ScriptSplitter.Located> located;
        try {
            located = ScriptSplitter.splitWithLines(text);
        } catch (ScriptException e) {
            int line = lineOf(text, e.statement());
            reporter.error(ProcessorMessage.SQL_CONTENT, half.file(), line, e.getMessage());
            return false;
        }
        for (ScriptSplitter.Located statement : located) {
            statements.add(new SqlMigrationFile.Statement(half.path(), statement.text(), statement.line()));
            if (transactional) {
                String control = transactionControl(statement.text());
                if (control != null) {
                    reporter.error(
                            ProcessorMessage.SQL_CONTENT,
                            half.file(),
                            statement.line(),
                            control + " starts or ends a transaction, but Tidemark runs this migration in a"
                                    + " transaction of its own and commits it with its history row: remove the"
                                    + " statement, or make " + NO_TRANSACTION + " the first line of the up file");
                    valid = false;
                }
            }
        }
        return valid;
    }

    /** The transaction-control word a statement starts with, or null. */
    static String transactionControl(String statement) {
        String[] words = CanonicalSql.of(statement).split("[\\s;]+", 3);
        String first = words[0].toUpperCase(Locale.ROOT).replace(";", "");
        String second = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
        return switch (first) {
            case "BEGIN", "COMMIT", "END", "ABORT" -> first;
            case "START" -> second.startsWith("TRANSACTION") ? "START TRANSACTION" : null;
            case "ROLLBACK" -> second.equals("TO") ? null : first;
            default -> null;
        };
    }

    private static int lineOf(String text, String fragment) {
        int at = fragment == null ? -1 : text.indexOf(fragment);
        if (at < 0) {
            return 1;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private Optional<String> read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            reporter.error(ProcessorMessage.SQL_UNREADABLE, file, "it is not UTF-8 text");
        } catch (IOException e) {
            reporter.error(ProcessorMessage.SQL_UNREADABLE, file, e.toString());
        }
        return Optional.empty();
    }
}
