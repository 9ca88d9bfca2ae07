package dev.tidemark;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of Tidemark, declared once: its name, the kind of value it takes, its default and
 * one line of documentation. Each caller derives its own spelling from the name: the API's {@code
 * Configuration.lockWait(…)}, the Maven plugin's {@code <lockWait>} and {@code -Dschema.lockWait},
 * Spring Boot's {@code tidemark.lock-wait}, the command line's {@code --lock-wait} and the
 * environment's {@code TIDEMARK_LOCK_WAIT}.
 *
 * <p>Objects that only code can hand over (a {@code DataSource}, a listener, a class loader,
 * manifests) are not settings; neither are a caller's own switches (Maven's {@code skip}).
 */
public enum Setting {
    URL(
            "url",
            Kind.TEXT,
            null,
            "The database: a jdbc:postgresql:// URL or a postgres://user:password@host:port/database URL."),
    USER("user", Kind.TEXT, null, "The database user; overrides a user given in the URL."),
    PASSWORD("password", Kind.SECRET, null, "The database password; overrides one given in the URL. Never printed."),
    SCHEMA("schema", Kind.NAME, "public", "The schema to migrate and to keep the history table in."),
    CREATE_SCHEMA("createSchema", Kind.BOOLEAN, "true", "Whether to create the schema when it does not exist."),
    TABLE("table", Kind.NAME, "tidemark_history", "The history table's name."),
    TARGET(
            "target",
            Kind.TEXT,
            "latest",
            "How far migrate goes: latest, current (apply nothing new), or a version of the code."),
    UNDO_TO(
            "undoTo",
            Kind.TEXT,
            null,
            "The version undo goes back to; its migration stays applied. Default: undo only the newest."),
    OUT_OF_ORDER(
            "outOfOrder",
            Kind.BOOLEAN,
            "false",
            "Whether pending migrations older than the newest applied one may run."),
    VALIDATE_ON_MIGRATE(
            "validateOnMigrate", Kind.BOOLEAN, "true", "Whether migrate validates before applying anything."),
    FAIL_ON_PENDING("failOnPending", Kind.BOOLEAN, "false", "Whether validate fails when migrations are pending."),
    LOCK_WAIT(
            "lockWait",
            Kind.DURATION,
            "PT60S",
            "How long to wait for another session's migration lock before failing."),
    LOCK_TIMEOUT(
            "lockTimeout",
            Kind.DURATION,
            "PT10S",
            "PostgreSQL's lock_timeout for migration statements; zero disables it."),
    STATEMENT_TIMEOUT(
            "statementTimeout",
            Kind.DURATION,
            "PT0S",
            "PostgreSQL's statement_timeout for migration statements; zero: none."),
    PROGRESS_INTERVAL(
            "progressInterval",
            Kind.DURATION,
            "PT10S",
            "How often to report a statement that is still running; zero reports nothing."),
    CONNECT_RETRIES(
            "connectRetries",
            Kind.INTEGER,
            "0",
            "How many times to retry connecting to a database that is still starting."),
    CONNECT_RETRY_INTERVAL(
            "connectRetryInterval",
            Kind.DURATION,
            "PT1S",
            "The first wait between connection attempts; it doubles on each retry, up to 30 s."),
    APPLICATION_NAME("applicationName", Kind.TEXT, "tidemark", "The application_name Tidemark's sessions show."),
    INSTALLED_BY(
            "installedBy",
            Kind.TEXT,
            null,
            "Who is recorded as having applied migrations. Default: the database user."),
    DRIFT("drift", DriftMode.class, "fail", "What a schema changed since the last migrate does: fail, warn or ignore."),
    UNDO_NON_TRANSACTIONAL(
            "undoNonTransactional",
            Kind.BOOLEAN,
            "false",
            "Whether undo may run the down of a non-transactional migration."),
    REHEARSE(
            "rehearse",
            Kind.BOOLEAN,
            "false",
            "Whether migrate only rehearses: runs the pending migrations in a transaction that is rolled back."),
    REHEARSAL_LOCK_TIMEOUT(
            "rehearsalLockTimeout",
            Kind.DURATION,
            "PT2S",
            "PostgreSQL's lock_timeout during a rehearsal; zero leaves the server's setting."),
    REHEARSAL_REPORT(
            "rehearsalReport",
            Kind.PATH,
            null,
            "A file to write the rehearsal report to: Markdown when it ends in .md, text otherwise."),
    FAIL_ON_EXCLUSIVE_LOCK_ABOVE(
            "failOnExclusiveLockAbove",
            Kind.TEXT,
            null,
            "Fail a rehearsal whose statement would hold ACCESS EXCLUSIVE on a table above this size (1GB) or"
                    + " row count (1000000rows)."),
    SHADOW_URL(
            "shadowUrl",
            Kind.SECRET,
            null,
            "A server on which Tidemark may create and drop temporary databases. Default: the migrated database's server."),
    RESUME(
            "resume",
            Kind.BOOLEAN,
            "false",
            "Whether migrate resumes a stopped non-transactional migration after its completed statements."),
    REPAIR_AS(
            "repairAs",
            RepairAs.class,
            null,
            "What repair does with a stopped non-transactional migration: applied or removed."),
    PLACEHOLDERS(
            "placeholders",
            Kind.MAP,
            null,
            "Values of the ${name} placeholders in SQL migration files; not part of their checksums."),
    SCHEMAS(
            "schemas",
            Kind.TEXT,
            null,
            "Several schemas to run on, separated by commas, each with its own history table and lock."),
    SCHEMA_PATTERN(
            "schemaPattern",
            Kind.TEXT,
            null,
            "Run on every existing schema whose name matches this LIKE pattern, such as tenant_%."),
    SCHEMA_QUERY(
            "schemaQuery",
            Kind.TEXT,
            null,
            "Run on the schemas this SQL query lists in its first column, such as a table of tenants."),
    URLS(
            "urls",
            Kind.SECRET,
            null,
            "Several databases to run on (shards), their URLs separated by commas, instead of url; user and password apply to each."),
    PARALLELISM(
            "parallelism", Kind.INTEGER, "1", "How many targets of a run on several schemas or databases run at once."),
    ON_TARGET_FAILURE(
            "onTargetFailure",
            OnTargetFailure.class,
            "stop",
            "What a run on several targets does when one fails: stop (start no further target) or continue.");

    /** The kind of value a setting takes, which decides how callers parse and show it. */
    public enum Kind {
        TEXT,
        /** A PostgreSQL name (of a schema, a table): at most 63 bytes, no NUL. */
        NAME,
        /** Text never printed, nor put into an exception's message. */
        SECRET,
        BOOLEAN,
        INTEGER,
        /** An ISO-8601 duration such as {@code PT10S}. */
        DURATION,
        /** A file. */
        PATH,
        /** One of a fixed set of lower-case words: the constants of an enum of the API. */
        CHOICE,
        /** Names with a text value each ({@code name=value,other=value} as text). */
        MAP
    }

    /** PostgreSQL truncates names longer than this many bytes. */
    public static final int MAX_NAME_BYTES = 63;

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

    private final String name;
    private final Kind kind;
    private final String defaultValue;
    private final String description;
    private final Class<? extends Enum<?>> choices;

    Setting(String name, Kind kind, String defaultValue, String description) {
        this(name, kind, null, defaultValue, description);
    }

    Setting(String name, Class<? extends Enum<?>> choices, String defaultValue, String description) {
        this(name, Kind.CHOICE, choices, defaultValue, description);
    }

    Setting(String name, Kind kind, Class<? extends Enum<?>> choices, String defaultValue, String description) {
        this.name = name;
        this.kind = kind;
        this.choices = choices;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The setting of this camel-case name ({@code lockWait}), or null when there is none. */
    public static Setting named(String camelName) {
        for (Setting setting : values()) {
            if (setting.name.equals(camelName)) {
                return setting;
            }
        }
        return null;
    }

    /** The name in camel case, as the API and the Maven plugin spell it: {@code lockWait}. */
    public String camelName() {
        return name;
    }

    /** The name in lower case with hyphens, as Spring Boot and the command line spell it: {@code lock-wait}. */
    public String kebabName() {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The environment variable: {@code TIDEMARK_LOCK_WAIT}. */
    public String environmentName() {
        return "TIDEMARK_" + kebabName().replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public Kind kind() {
        return kind;
    }

    /** The default as text, or {@code null} when there is none (or it depends on other settings). */
    public String defaultValue() {
        return defaultValue;
    }

    /** The words a {@link Kind#CHOICE} accepts, in lower case ({@code fail}, {@code warn}, …); empty for other kinds. */
    public java.util.List<String> choiceWords() {
        if (choices == null) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(choices.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** One line of documentation. */
    public String description() {
        return description;
    }

    /**
     * The value as the API takes it ({@link String}, {@link Boolean}, {@link Integer}, {@link
     * Duration}, {@link Path}, or the enum constant of a choice) read from text as a command line,
     * an environment variable, a properties file or a Maven property hands it over. Durations are
     * seconds ({@code 30}), a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code
     * 1h}) or ISO-8601 ({@code PT30S}); booleans {@code true} or {@code false}; choices in any case.
     * The value is not {@linkplain #check checked} yet.
     *
     * @return the value, or null when {@code text} is null or blank: not given
     * @throws ConfigurationException naming this setting when the text is not of its kind
     */
    public Object parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        return switch (kind) {
            case TEXT, SECRET, NAME -> value;
            case BOOLEAN -> parseBoolean(value);
            case INTEGER -> parseInteger(value);
            case DURATION -> parseDuration(value);
            case PATH -> parsePath(value);
            case CHOICE -> parseChoice(value);
            case MAP -> parseMap(value);
        };
    }

    /** {@code name=value,other=value}: names with a text value each, in the order given. */
    private Map<String, String> parseMap(String value) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw invalid(
                        "is '" + value + "': '" + pair.strip() + "' is not name=value.",
                        "Give name=value pairs separated by commas.");
            }
            map.put(
                    pair.substring(0, equals).strip(),
                    pair.substring(equals + 1).strip());
        }
        return map;
    }

    /** The {@linkplain #defaultValue() default} as the API takes it, or null. */
    public Object parsedDefault() {
        return parse(defaultValue);
    }

    /**
     * Checks a value as the API takes it: a duration or a count is not negative, and a name is
     * given, fits PostgreSQL's 63 bytes and has no NUL. What only a whole configuration can tell
     * (a URL's form, a version) is checked where it is read.
     *
     * @throws ConfigurationException naming this setting, what is wrong and what to give instead
     */
    public void check(Object value) {
        switch (kind) {
            case DURATION -> {
                if (value == null) {
                    throw invalid("is not set: it needs a duration.", DURATION_REMEDY);
                }
                if (((Duration) value).isNegative()) {
                    throw invalid("is " + value + ": a duration must not be negative.", DURATION_REMEDY);
                }
            }
            case INTEGER -> {
                if (value == null || (Integer) value < 0) {
                    throw invalid(
                            "is " + value + ": a count must not be negative.", "Give zero or a positive whole number.");
                }
            }
            case BOOLEAN -> {
                if (value == null) {
                    throw invalid("is not set: it needs true or false.", "Give true or false.");
                }
            }
            case NAME -> checkName((String) value);
            default -> {}
        }
    }

    /**
     * A {@link ConfigurationException} about this setting: {@code problem} continues the sentence
     * that starts with the setting's name ({@code is PT-1S: a duration must not be negative.}),
     * {@code remedy} says what to give instead, without naming the setting.
     */
    public ConfigurationException invalid(String problem, String remedy) {
        return new ConfigurationException(this, problem, remedy);
    }

    private static final String DURATION_REMEDY = "Give a duration such as PT10S, or zero.";

    private void checkName(String value) {
        if (value == null || value.isEmpty()) {
            throw invalid("is empty: it needs a name.", "Give a name, or leave the setting out for the default.");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw invalid(
                    "is '" + value + "', " + bytes + " bytes long: PostgreSQL names have at most " + MAX_NAME_BYTES
                            + " bytes and longer ones are silently truncated.",
                    "Choose a shorter name.");
        }
        if (value.indexOf('\0') >= 0) {
            throw invalid("contains a NUL character: PostgreSQL names cannot.", "Choose another name.");
        }
    }

    private Boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw invalid("is '" + value + "': not true or false.", "Give true or false.");
    }

    private Integer parseInteger(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw invalid("is '" + value + "': not a whole number.", "Give a whole number, such as 3.");
        }
    }

    private Duration parseDuration(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        Matcher matcher = WITH_UNIT.matcher(lower);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m", "min" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofSeconds(amount);
                };
            }
            if (lower.startsWith("p") || lower.startsWith("-p")) {
                return Duration.parse(lower.toUpperCase(Locale.ROOT));
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException notADuration) {
            // reported below
        }
        throw invalid(
                "is '" + value + "': not a duration.",
                "Give seconds (30), a number with a unit (500ms, 30s, 5m, 1h) or ISO-8601 (PT30S).");
    }

    private Path parsePath(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw invalid("is '" + value + "': not a file name here (" + e.getReason() + ").", "Give a file name.");
        }
    }

    private Enum<?> parseChoice(String value) {
        for (Enum<?> constant : choices.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw invalid("is '" + value + "': not one of " + choiceList(", ") + ".", "Give " + choiceList(" or ") + ".");
    }

    /** The words a choice takes, lower case, the last joined by {@code lastJoin}: {@code fail, warn or ignore}. */
    private String choiceList(String lastJoin) {
        Enum<?>[] constants = choices.getEnumConstants();
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < constants.length; i++) {
            if (i > 0) {
                words.append(i == constants.length - 1 ? lastJoin : ", ");
            }
            words.append(constants[i].name().toLowerCase(Locale.ROOT));
        }
        return words.toString();
    }
}
