package dev.tidemark.internal.command;

import dev.tidemark.ErrorCode;
import dev.tidemark.JavaMigration;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.Phrase;
import dev.tidemark.RoundTripResult;
import dev.tidemark.RoundTripResult.Check;
import dev.tidemark.RoundTripResult.Outcome;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.TidemarkListener;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.Difference;
import dev.tidemark.internal.drift.SchemaDiff;
import dev.tidemark.internal.drift.SchemaSnapshot;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.execution.FailureReport;
import dev.tidemark.internal.execution.Migrator;
import dev.tidemark.internal.execution.RecordingContext;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.shadow.ShadowDatabase;
import dev.tidemark.internal.shadow.ShadowServer;
import dev.tidemark.internal.sql.Identifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The round-trip test: on a temporary database of the same server, for each migration of the code
 * in order, up, snapshot, down, compare with the snapshot before up, up again and compare with the
 * snapshot after the first up. Every difference is a sentence built from {@link SchemaDiff}'s. When
 * a check leaves the temporary schema other than the migration's up made it, the database is
 * rebuilt (dropped, created, and the ups replayed), so that one wrong down never shows up as a
 * problem of later migrations. The temporary database is always dropped.
 */
public final class RoundTripCommand extends Command<RoundTripResult> {

    private final TidemarkListener listener;
    private final long started = System.nanoTime();
    private final String name = ShadowDatabase.newName("tidemark_roundtrip_");

    public RoundTripCommand(RunSettings settings, MigrationCatalog catalog) {
        super(settings, catalog, Access.READ_ONLY);
        this.listener = settings.listener();
    }

    /** Reads no history: the round trip runs in a temporary database of its own. */
    @Override
    Reconciliation read(CommandSession session) {
        listener.on(new TidemarkEvent.RoundTripStarted(catalog.migrations().size(), name));
        return null;
    }

    @Override
    RoundTripResult work(CommandSession session, Reconciliation state) throws SQLException {
        List<MigrationDescriptor> migrations = catalog.migrations();
        List<Check> checks;
        try (ShadowServer.Admin admin = ShadowServer.admin(settings, session.work())) {
            Connection server = admin.connection();
            checks = ShadowDatabase.using(
                    server, name, e -> failure("Cannot create the temporary database " + name, e), database -> {
                        try (Trip trip = new Trip(server, database)) {
                            return trip.run(migrations);
                        }
                    });
        }
        String report = report(checks);
        return new RoundTripResult(settings.schema(), checks, Duration.ofNanos(System.nanoTime() - started), report);
    }

    @Override
    TidemarkException failed(SQLException e) {
        return failure("Cannot run the round-trip test in the temporary database " + name, e);
    }

    private static TidemarkException failure(String what, SQLException e) {
        return new TidemarkException(
                ErrorCode.ROUND_TRIP_DATABASE_FAILED,
                Phrase.of(what + ": SQLSTATE " + e.getSQLState() + ": " + e.getMessage()),
                Phrase.of("Nothing was tested, and no database was changed (the temporary one was dropped)."),
                Phrase.builder()
                        .append("Grant the user CREATEDB (ALTER ROLE … CREATEDB), or set ")
                        .setting(Setting.SHADOW_URL)
                        .append(" to a server where it may create databases, with its credentials (a DataSource's"
                                + " password cannot be reused).")
                        .build(),
                e);
    }

    private String report(List<Check> checks) {
        long problems = checks.stream().filter(Check::problem).count();
        long unchecked =
                checks.stream().filter(c -> c.outcome() == Outcome.NOT_CHECKED).count();
        StringBuilder text = new StringBuilder("Round-trip test of ")
                .append(checks.size())
                .append(checks.size() == 1 ? " migration" : " migrations")
                .append(" of schema ")
                .append(settings.schema())
                .append(": ")
                .append(problems == 0 ? "clean" : problems + (problems == 1 ? " problem" : " problems"))
                .append(
                        unchecked == 0
                                ? ""
                                : ", " + unchecked + (unchecked == 1 ? " migration" : " migrations")
                                        + " without down() not checked")
                .append(".\n");
        for (Check check : checks) {
            text.append("  ").append(check.summary()).append('\n');
            for (String difference : check.differences()) {
                text.append("      ").append(difference).append('\n');
            }
            if (check.error() != null) {
                text.append("      ")
                        .append(check.error().replace("\n", "\n      "))
                        .append('\n');
            }
        }
        return text.toString();
    }

    /** One run through the migrations on the temporary database. */
    private final class Trip implements AutoCloseable {

        private final Connection server;
        private final String database;
        private Connection shadow;

        Trip(Connection server, String database) throws SQLException {
            this.server = server;
            this.database = database;
            connect();
        }

        private void connect() throws SQLException {
            shadow = ShadowServer.connect(settings, database);
            try (Statement statement = shadow.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifier.quote(settings.schema()));
            }
        }

        List<Check> run(List<MigrationDescriptor> migrations) throws SQLException {
            List<Check> checks = new ArrayList<>();
            SchemaSnapshot before = snapshot();
            boolean stopped = false;
            for (int i = 0; i < migrations.size(); i++) {
                MigrationDescriptor migration = migrations.get(i);
                if (stopped) {
                    checks.add(new Check(migration, Outcome.NOT_RUN, List.of(), null));
                    continue;
                }
                String upFailure = run(migration, JavaMigration::up);
                if (upFailure != null) {
                    checks.add(new Check(migration, Outcome.UP_FAILED, List.of(), upFailure));
                    stopped = true;
                    continue;
                }
                SchemaSnapshot after = snapshot();
                if (migration.undoable()) {
                    Check check = check(migration, before, after);
                    checks.add(check);
                    if (check.outcome() != Outcome.CLEAN && !snapshot().equals(after)) {
                        stopped = !rebuild(migrations.subList(0, i + 1));
                    }
                } else {
                    checks.add(new Check(migration, Outcome.NOT_CHECKED, List.of(), null));
                }
                before = after;
            }
            return checks;
        }

        /** down, compare with {@code before}, up again, compare with {@code after}. */
        private Check check(MigrationDescriptor migration, SchemaSnapshot before, SchemaSnapshot after)
                throws SQLException {
            String downFailure = run(migration, JavaMigration::down);
            if (downFailure != null) {
                return new Check(migration, Outcome.DOWN_FAILED, List.of(), downFailure);
            }
            List<String> differences = new ArrayList<>();
            for (Difference difference : SchemaDiff.between(before, snapshot()).differences()) {
                differences.add(afterDown(difference, migration));
            }
            String upFailure = run(migration, JavaMigration::up);
            if (upFailure != null) {
                return new Check(migration, Outcome.UP_FAILED_AFTER_DOWN, differences, upFailure);
            }
            if (!differences.isEmpty()) {
                // What down left behind shows again after up: it is reported once, as down's.
                return new Check(migration, Outcome.DOWN_LEAVES_DIFFERENCES, differences, null);
            }
            for (Difference difference : SchemaDiff.between(after, snapshot()).differences()) {
                differences.add("after up of " + migration.version() + " ran again, " + difference.message());
            }
            Outcome outcome = differences.isEmpty() ? Outcome.CLEAN : Outcome.UP_AGAIN_DIFFERS;
            return new Check(migration, outcome, differences, null);
        }

        /** A difference between the schema before up and after down, as a sentence about the down. */
        private static String afterDown(Difference difference, MigrationDescriptor migration) {
            String subject = difference.kind().noun() + " " + difference.object();
            String down = "down of " + migration.version();
            return switch (difference.change()) {
                case UNEXPECTED -> subject + " still present after " + down;
                case MISSING ->
                    subject + " missing after " + down + ", although it existed before up"
                            + (difference.expected() == null
                                            || difference.expected().isEmpty()
                                    ? ""
                                    : " (was " + difference.expected() + ")");
                case CHANGED -> "after " + down + ", " + difference.message();
            };
        }

        /** Runs up or down as migrate would (in a transaction unless non-transactional); the failure, or null. */
        private String run(MigrationDescriptor migration, Migrator.Direction direction) throws SQLException {
            RecordingContext context =
                    new RecordingContext(shadow, settings.schema(), migration, TidemarkListener.NONE);
            shadow.setAutoCommit(!migration.transactional());
            try {
                direction.run(catalog.instantiate(migration), context);
                if (migration.transactional()) {
                    shadow.commit();
                }
                return null;
            } catch (SQLException | RuntimeException | LinkageError e) {
                if (migration.transactional()) {
                    shadow.rollback();
                }
                StringBuilder failure = new StringBuilder();
                FailureReport.describeFailure(failure, context.running(), e);
                return failure.toString().strip();
            } finally {
                shadow.setAutoCommit(true);
            }
        }

        /** Drops and creates the temporary database and replays {@code ups}; false when one fails. */
        private boolean rebuild(List<MigrationDescriptor> ups) throws SQLException {
            shadow.close();
            ShadowDatabase.drop(server, database);
            ShadowDatabase.create(server, database);
            connect();
            for (MigrationDescriptor migration : ups) {
                if (run(migration, JavaMigration::up) != null) {
                    return false;
                }
            }
            return true;
        }

        private SchemaSnapshot snapshot() throws SQLException {
            return SchemaSnapshot.take(shadow, List.of(settings.schema()), Set.of());
        }

        @Override
        public void close() throws SQLException {
            shadow.close();
        }
    }
}
