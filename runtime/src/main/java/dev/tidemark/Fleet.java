package dev.tidemark;

import dev.tidemark.internal.config.DatabaseUrl;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.fleet.FleetExecutor;
import dev.tidemark.internal.fleet.SessionReuse;
import dev.tidemark.internal.jdbc.Connector;
import dev.tidemark.internal.jdbc.ServerError;
import dev.tidemark.internal.plan.MigrationCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs {@code migrate}, {@code validate}, {@code info} or {@code baseline} on several targets in one
 * call: the schemas that {@link Configuration#schemas}, {@link Configuration#schemaPattern} and
 * {@link Configuration#schemaQuery} select (schema per tenant) in each database of {@link
 * Configuration#urls} (shards). Obtained from {@link Configuration#loadFleet()}.
 *
 * <pre>{@code
 * FleetResult result = Tidemark.configure()
 *         .url("jdbc:postgresql://db:5432/app")
 *         .schemaPattern("tenant_%")
 *         .parallelism(4)
 *         .loadFleet()
 *         .migrate();
 * }</pre>
 *
 * <p>Each target is a run of its own, exactly as {@link Tidemark} does it: its own sessions, its own
 * history table and migration lock, its own transactions. A target that fails therefore leaves every
 * other one as its own run left it. Up to {@link Configuration#parallelism} targets run at once, on
 * threads that belong to the call: every one has ended when the call returns. When a target fails,
 * {@link Configuration#onTargetFailure} decides whether further targets start. The call returns a
 * {@link FleetResult} when every target succeeded and throws {@link FleetFailedException}, which
 * carries it, otherwise. After each target the listener hears how many of all are done.
 *
 * <p>Given URLs, a call hands the sessions of a finished target to the next target on the same
 * database, reset with {@code DISCARD ALL}, instead of starting a server process per session; all
 * are closed when the call returns. A DataSource's pool decides for its own connections.
 *
 * <p>The schemas a pattern or query selects are read when the call starts, so a tenant added since
 * the last run is brought up to date by the next one. A {@code Fleet} is immutable and may be reused.
 */
public final class Fleet {

    /** The sessions one target holds at once (the lock session and the work session), kept for the next. */
    private static final int SESSIONS_PER_TARGET = 2;

    private static final List<Setting> SELECTING =
            List.of(Setting.SCHEMAS, Setting.SCHEMA_PATTERN, Setting.SCHEMA_QUERY, Setting.URLS);

    private final Map<Setting, Object> values;
    private final DataSource dataSource;
    private final TidemarkListener listener;
    private final MigrationCatalog catalog;
    private final int parallelism;
    private final OnTargetFailure onTargetFailure;

    private Fleet(
            Map<Setting, Object> values, DataSource dataSource, TidemarkListener listener, MigrationCatalog catalog) {
        this.values = values;
        this.dataSource = dataSource;
        this.listener = listener;
        this.catalog = catalog;
        this.parallelism = (Integer) values.get(Setting.PARALLELISM);
        this.onTargetFailure = (OnTargetFailure) values.get(Setting.ON_TARGET_FAILURE);
    }

    static Fleet load(Configuration c, Map<Setting, Object> values) {
        if ((Integer) values.get(Setting.PARALLELISM) < 1) {
            throw Setting.PARALLELISM.invalid(
                    "is " + values.get(Setting.PARALLELISM) + ": at least one target must run at a time.",
                    "Give 1 to run the targets one after another, or more to run that many at once.");
        }
        if (values.get(Setting.URLS) != null && c.dataSource != null) {
            throw Setting.URLS.invalid(
                    "is set together with a DataSource, which reaches one database only.",
                    "Give the databases as URLs and no DataSource, or leave the setting out.");
        }
        for (String url : list(values.get(Setting.URLS))) {
            DatabaseUrl.parse(url, Setting.URLS);
        }
        for (String schema : list(values.get(Setting.SCHEMAS))) {
            Setting.SCHEMA.check(schema);
        }
        String firstUrl = list(values.get(Setting.URLS)).stream().findFirst().orElse(null);
        RunSettings first = new RunSettings(
                valuesFor(values, firstUrl, (String) values.get(Setting.SCHEMA)), c.dataSource, c.listener);
        return new Fleet(
                values,
                c.dataSource,
                c.listener,
                MigrationCatalog.load(c.manifests, c.classLoader, first.placeholders()));
    }

    /** Whether {@code values} select targets with {@code schemas}, {@code schemaPattern}, {@code schemaQuery} or {@code urls}. */
    static boolean selects(Map<Setting, Object> values) {
        return SELECTING.stream().anyMatch(setting -> values.get(setting) != null);
    }

    /** Refuses a configuration that selects several targets where one {@link Tidemark} is loaded. */
    static void refuseTargets(Map<Setting, Object> values) {
        for (Setting setting : SELECTING) {
            if (values.get(setting) != null) {
                throw setting.invalid(
                        "is set, but this command runs on one schema of one database.",
                        "Only migrate, validate, info and baseline run on several targets; run any other command"
                                + " on each target alone, without this setting.");
            }
        }
    }

    /** Applies pending migrations up to the target on every target (see {@link Tidemark#migrate()}). */
    public FleetResult migrate() {
        return run(
                "migrate",
                Tidemark::migrate,
                r -> ((MigrateResult) r).initialVersion(),
                r -> ((MigrateResult) r).currentVersion());
    }

    /** Validates every target (see {@link Tidemark#validate()}). */
    public FleetResult validate() {
        return run(
                "validate",
                Tidemark::validate,
                r -> ((ValidateResult) r).currentVersion(),
                r -> ((ValidateResult) r).currentVersion());
    }

    /** Reads every target's migrations and their state (see {@link Tidemark#info()}). Takes no lock. */
    public FleetResult info() {
        return run(
                "info", Tidemark::info, r -> ((InfoResult) r).currentVersion(), r -> ((InfoResult) r).currentVersion());
    }

    /** Baselines every target at {@code version} (see {@link Tidemark#baseline(String)}). */
    public FleetResult baseline(String version) {
        return run("baseline", t -> t.baseline(version), r -> null, r -> ((BaselineResult) r).version());
    }

    /**
     * The targets the next command would run on, read now: each as a result that is not started.
     * Connects to each database whose schemas a pattern or query lists.
     */
    public List<TargetResult> targets() {
        List<TargetResult> listed = new ArrayList<>();
        for (Target target : select(null)) {
            listed.add(target.notStarted());
        }
        return listed;
    }

    /** One schema of one database; {@code url} is null for the configured DataSource or URL. */
    private record Target(String url, String database, String schema, RuntimeException selectionFailure) {
        TargetResult notStarted() {
            return new TargetResult(
                    database, schema, TargetResult.Outcome.NOT_STARTED, null, null, Duration.ZERO, null, null, null);
        }
    }

    private FleetResult run(
            String command,
            Function<Tidemark, Object> call,
            Function<Object, MigrationVersion> before,
            Function<Object, MigrationVersion> after) {
        long start = System.nanoTime();
        List<TargetResult> results;
        try (SessionReuse sessions = new SessionReuse(SESSIONS_PER_TARGET * parallelism)) {
            List<Target> targets = select(sessions);
            TargetRun each = new TargetRun(command, call, before, after, targets.size(), sessions);
            results = new FleetExecutor(parallelism).runAll(targets, each::run, each::cancel);
        }
        FleetResult result =
                new FleetResult(command, results, parallelism, Duration.ofNanos(System.nanoTime() - start));
        if (!result.ok()) {
            throw new FleetFailedException(result);
        }
        return result;
    }

    /** Runs the command on one target and reports progress; shared by the threads of one call. */
    private final class TargetRun {
        private final String command;
        private final Function<Tidemark, Object> call;
        private final Function<Object, MigrationVersion> before;
        private final Function<Object, MigrationVersion> after;
        private final int total;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final Set<Tidemark> running = ConcurrentHashMap.newKeySet();
        private final SessionReuse sessions;

        TargetRun(
                String command,
                Function<Tidemark, Object> call,
                Function<Object, MigrationVersion> before,
                Function<Object, MigrationVersion> after,
                int total,
                SessionReuse sessions) {
            this.sessions = sessions;
            this.command = command;
            this.call = call;
            this.before = before;
            this.after = after;
            this.total = total;
        }

        TargetResult run(Target target) {
            TargetResult result = stopped.get() ? target.notStarted() : attempt(target);
            progress(done.incrementAndGet(), result);
            return result;
        }

        /** Stops the run: no further target starts, and the running ones are cancelled. */
        void cancel() {
            stopped.set(true);
            running.forEach(Tidemark::cancel);
        }

        private TargetResult attempt(Target target) {
            long start = System.nanoTime();
            Tidemark tidemark = null;
            try {
                if (target.selectionFailure() != null) {
                    throw target.selectionFailure();
                }
                tidemark = Tidemark.forTarget(
                        valuesFor(target.url(), target.schema()), dataSource, listener, catalog, sessions);
                running.add(tidemark);
                Object result = call.apply(tidemark);
                return new TargetResult(
                        target.database(),
                        target.schema(),
                        TargetResult.Outcome.SUCCEEDED,
                        before.apply(result),
                        after.apply(result),
                        Duration.ofNanos(System.nanoTime() - start),
                        result,
                        null,
                        null);
            } catch (RuntimeException failure) {
                if (onTargetFailure == OnTargetFailure.STOP) {
                    stopped.set(true);
                }
                return new TargetResult(
                        target.database(),
                        target.schema(),
                        TargetResult.Outcome.FAILED,
                        null,
                        versionNow(tidemark),
                        Duration.ofNanos(System.nanoTime() - start),
                        null,
                        failure instanceof TidemarkException e ? e.code().id() : null,
                        failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage());
            } finally {
                if (tidemark != null) {
                    running.remove(tidemark);
                }
            }
        }

        private void progress(int count, TargetResult result) {
            listener.on(new TidemarkEvent.TargetFinished(command, count, total, result));
        }
    }

    /** The version a failed target is at, read back from its history; null when it cannot be read. */
    private static MigrationVersion versionNow(Tidemark tidemark) {
        if (tidemark == null) {
            return null;
        }
        try {
            return tidemark.info().currentVersion();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * Every target, databases in the configured order and the schemas of each as selected; a session
     * opened to list schemas is kept in {@code sessions} (when not null) for the first target.
     */
    private List<Target> select(SessionReuse sessions) {
        List<Target> targets = new ArrayList<>();
        for (String url : databases()) {
            String database = settingsDescription(url);
            try {
                for (String schema : schemasOf(url, sessions)) {
                    targets.add(new Target(url, database, schema, null));
                }
            } catch (TidemarkException unlisted) {
                targets.add(new Target(url, database, null, unlisted));
            }
        }
        if (targets.isEmpty()) {
            throw new TidemarkException(
                    ErrorCode.NO_TARGETS,
                    Phrase.words(selectionWords(), " selected no schema in ", databasesWords(), "."),
                    Phrase.of(ErrorCode.NO_TARGETS.state()),
                    ErrorCode.NO_TARGETS.remedy(),
                    null);
        }
        return targets;
    }

    private Object selectionWords() {
        return values.get(Setting.SCHEMA_PATTERN) != null
                ? Phrase.words(Setting.SCHEMA_PATTERN, " '" + values.get(Setting.SCHEMA_PATTERN) + "'")
                : Phrase.words(Setting.SCHEMA_QUERY);
    }

    private String databasesWords() {
        List<String> names = new ArrayList<>();
        for (String url : databases()) {
            names.add(settingsDescription(url));
        }
        return String.join("; ", names);
    }

    /** The databases' URLs, or a single null for the configured DataSource or URL. */
    private List<String> databases() {
        List<String> urls = list(values.get(Setting.URLS));
        List<String> databases = new ArrayList<>(urls);
        if (databases.isEmpty()) {
            databases.add(null);
        }
        return databases;
    }

    private LinkedHashSet<String> schemasOf(String url, SessionReuse sessions) {
        LinkedHashSet<String> schemas = new LinkedHashSet<>(list(values.get(Setting.SCHEMAS)));
        String pattern = (String) values.get(Setting.SCHEMA_PATTERN);
        String query = (String) values.get(Setting.SCHEMA_QUERY);
        if (pattern != null || query != null) {
            RunSettings settings = new RunSettings(
                    valuesFor(url, (String) values.get(Setting.SCHEMA)), dataSource, listener, sessions);
            Connector connector = new Connector(settings);
            Connection connection = connector.open();
            try {
                if (pattern != null) {
                    schemas.addAll(matching(connection, pattern, settings));
                }
                if (query != null) {
                    schemas.addAll(listed(connection, query, settings));
                }
            } finally {
                connector.close(connection);
            }
        }
        if (schemas.isEmpty() && pattern == null && query == null) {
            schemas.add((String) values.get(Setting.SCHEMA));
        }
        return schemas;
    }

    private static List<String> matching(Connection connection, String pattern, RunSettings settings) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname LIKE ? ORDER BY nspname")) {
            statement.setString(1, pattern);
            return names(statement.executeQuery());
        } catch (SQLException e) {
            throw notListed(Setting.SCHEMA_PATTERN, settings, e);
        }
    }

    private static List<String> listed(Connection connection, String query, RunSettings settings) {
        try (Statement statement = connection.createStatement()) {
            List<String> names = names(statement.executeQuery(query));
            for (String name : names) {
                if (name == null || name.isEmpty()) {
                    throw new TidemarkException(
                            ErrorCode.NO_TARGETS,
                            Phrase.words(
                                    Setting.SCHEMA_QUERY,
                                    " listed an empty or null schema name in " + settings.describeDatabase() + "."),
                            Phrase.of(ErrorCode.NO_TARGETS.state()),
                            ErrorCode.NO_TARGETS.remedy(),
                            null);
                }
            }
            return names;
        } catch (SQLException e) {
            throw notListed(Setting.SCHEMA_QUERY, settings, e);
        }
    }

    private static List<String> names(ResultSet rows) throws SQLException {
        try (rows) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    private static TidemarkException notListed(Setting setting, RunSettings settings, SQLException e) {
        return new TidemarkException(
                ErrorCode.NO_TARGETS,
                Phrase.words(
                        "The schemas of " + settings.describeDatabase() + " could not be listed through ",
                        setting,
                        ": " + ServerError.of(e).describe()),
                Phrase.of("Nothing was run on any target of this database."),
                ErrorCode.NO_TARGETS.remedy(),
                e);
    }

    /** This database's and schema's settings: the configured ones with the URL and schema replaced. */
    private RunSettings settingsFor(String url, String schema) {
        return new RunSettings(valuesFor(url, schema), dataSource, listener);
    }

    private Map<Setting, Object> valuesFor(String url, String schema) {
        return valuesFor(values, url, schema);
    }

    private static Map<Setting, Object> valuesFor(Map<Setting, Object> values, String url, String schema) {
        Map<Setting, Object> target = new EnumMap<>(values);
        for (Setting setting : SELECTING) {
            target.put(setting, null);
        }
        if (url != null) {
            target.put(Setting.URL, url);
        }
        target.put(Setting.SCHEMA, schema);
        return target;
    }

    private String settingsDescription(String url) {
        return settingsFor(url, (String) values.get(Setting.SCHEMA)).describeDatabase();
    }

    /** The comma-separated items of a list setting, trimmed, blanks left out. */
    static List<String> list(Object value) {
        List<String> items = new ArrayList<>();
        if (value != null) {
            for (String item : ((String) value).split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }
}
