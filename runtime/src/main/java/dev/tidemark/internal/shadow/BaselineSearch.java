package dev.tidemark.internal.shadow;

import dev.tidemark.Action;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.drift.Difference;
import dev.tidemark.internal.drift.SchemaDiff;
import dev.tidemark.internal.drift.SchemaSnapshot;
import dev.tidemark.internal.sql.Identifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the version a database whose schema was made by other means is at, without guessing:
 * replays the migrations one by one into a {@link ShadowDatabase}, snapshots the schema after each,
 * and compares each snapshot with the live one. The shadow database is always dropped, also when a
 * migration fails in it.
 */
public final class BaselineSearch {

    /** Runs one migration on a connection to the temporary database, as migrate would. */
    @FunctionalInterface
    public interface Replayer {
        void replay(Connection shadow, MigrationDescriptor migration) throws SQLException;
    }

    /** Opens a connection to another database of the same server, with the same credentials. */
    @FunctionalInterface
    public interface Connector {
        Connection connect(String database) throws SQLException;
    }

    /**
     * The version found.
     *
     * @param version the highest version after which the replayed schema equals the live one
     * @param sameSchemaVersions every version after which it does (several when some migrations
     *     change data only)
     * @param replayed how many migrations were replayed
     * @param snapshot the matching snapshot, to record with the baseline
     * @param temporaryDatabase the name of the temporary database, dropped by now
     */
    public record Match(
            String version,
            List<String> sameSchemaVersions,
            int replayed,
            SchemaSnapshot snapshot,
            String temporaryDatabase) {
        public Match {
            sameSchemaVersions = List.copyOf(sameSchemaVersions);
        }
    }

    private final String schema;
    private final Set<String> excludedTables;
    private final Connector connector;
    private final Replayer replayer;

    public BaselineSearch(String schema, Set<String> excludedTables, Connector connector, Replayer replayer) {
        this.schema = schema;
        this.excludedTables = Set.copyOf(excludedTables);
        this.connector = connector;
        this.replayer = replayer;
    }

    /**
     * Replays {@code migrations} (in version order) and returns the version whose schema equals the
     * live schema read through {@code live}, which must not be inside a transaction (PostgreSQL
     * creates and drops databases only outside one).
     *
     * @throws TidemarkException {@link ErrorCode#BASELINE_NO_MATCHING_VERSION} naming the nearest
     *     version and its differences when none matches; {@link ErrorCode#SHADOW_REPLAY_FAILED} when
     *     the temporary database cannot be made or a migration fails in it
     */
    public Match find(Connection live, Connection server, List<MigrationDescriptor> migrations) throws SQLException {
        SchemaSnapshot target = SchemaSnapshot.take(live, List.of(schema), excludedTables);
        String shadowName = ShadowDatabase.newName("tidemark_shadow_");
        return ShadowDatabase.using(
                server,
                shadowName,
                e -> new TidemarkException(
                        ErrorCode.SHADOW_REPLAY_FAILED,
                        Phrase.of("Cannot create the temporary database " + shadowName
                                + " to replay the migrations in: " + describe(e)),
                        Phrase.of("The database is unchanged: no baseline was recorded."),
                        Phrase.builder()
                                .append("Grant the migration user CREATEDB, set ")
                                .setting(Setting.SHADOW_URL)
                                .append(" to a server where it may create databases, or give the baseline version"
                                        + " yourself (")
                                .action(Action.BASELINE)
                                .append(").")
                                .build(),
                        e),
                name -> replay(name, target, migrations));
    }

    private Match replay(String shadowName, SchemaSnapshot target, List<MigrationDescriptor> migrations)
            throws SQLException {
        List<String> same = new ArrayList<>();
        SchemaSnapshot sameSnapshot = null;
        String nearestVersion = null;
        SchemaDiff nearest = null;
        try (Connection shadow = connector.connect(shadowName)) {
            try (Statement statement = shadow.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifier.quote(schema));
            }
            int replayed = 0;
            for (MigrationDescriptor migration : migrations) {
                replayOne(shadow, shadowName, migration);
                replayed++;
                SchemaSnapshot replayedSchema = SchemaSnapshot.take(shadow, List.of(schema), excludedTables);
                SchemaDiff diff = SchemaDiff.between(replayedSchema, target);
                if (diff.isEmpty()) {
                    same.add(migration.version().toString());
                    sameSnapshot = replayedSchema;
                } else if (!same.isEmpty()) {
                    // Past the matching versions the schema moves away again: later versions cannot be it.
                    return new Match(same.get(same.size() - 1), same, replayed, sameSnapshot, shadowName);
                } else if (nearest == null
                        || diff.differences().size() <= nearest.differences().size()) {
                    nearest = diff;
                    nearestVersion = migration.version().toString();
                }
            }
            if (!same.isEmpty()) {
                return new Match(same.get(same.size() - 1), same, replayed, sameSnapshot, shadowName);
            }
        }
        throw noMatch(shadowName, migrations.size(), nearestVersion, nearest);
    }

    private void replayOne(Connection shadow, String shadowName, MigrationDescriptor migration) {
        try {
            if (migration.transactional()) {
                shadow.setAutoCommit(false);
                try {
                    replayer.replay(shadow, migration);
                    shadow.commit();
                } catch (SQLException | RuntimeException e) {
                    shadow.rollback();
                    throw e;
                } finally {
                    shadow.setAutoCommit(true);
                }
            } else {
                replayer.replay(shadow, migration);
            }
        } catch (SQLException e) {
            throw new TidemarkException(
                    ErrorCode.SHADOW_REPLAY_FAILED,
                    Phrase.of("Migration " + migration.version() + " (" + migration.className() + ") failed while"
                            + " being replayed into the temporary database " + shadowName + " to find the baseline"
                            + " version: " + describe(e)),
                    Phrase.of("The live database is unchanged, no baseline was recorded, and the temporary database"
                            + " was dropped."),
                    Phrase.builder()
                            .append("Fix the migration so that it runs on an empty database, or give the baseline"
                                    + " version yourself (")
                            .action(Action.BASELINE)
                            .append(").")
                            .build(),
                    e);
        }
    }

    private TidemarkException noMatch(String shadowName, int replayed, String nearestVersion, SchemaDiff nearest) {
        StringBuilder message = new StringBuilder("No migration version leaves the schema \"")
                .append(schema)
                .append("\" exactly as it is now: ")
                .append(replayed)
                .append(" migrations were replayed into the temporary database ")
                .append(shadowName)
                .append(" (dropped since) and compared after each.\n");
        if (nearest != null) {
            message.append("The nearest is version ")
                    .append(nearestVersion)
                    .append(", with ")
                    .append(nearest.differences().size())
                    .append(nearest.differences().size() == 1 ? " difference" : " differences")
                    .append(" from the live schema:\n");
            for (Difference difference : nearest.differences()) {
                message.append("  - ").append(difference.message()).append('\n');
            }
        }
        Phrase.Builder remedy = Phrase.builder();
        if (nearest == null) {
            remedy.append("There are no migrations to compare with; give the baseline version yourself (")
                    .action(Action.BASELINE)
                    .append(").");
        } else {
            remedy.append("Make the live schema match version " + nearestVersion + " and baseline again, or give"
                            + " the version yourself (")
                    .action(Action.BASELINE, nearestVersion)
                    .append(") if these differences are intended.");
        }
        return new TidemarkException(
                ErrorCode.BASELINE_NO_MATCHING_VERSION,
                Phrase.of(message.toString().strip()),
                Phrase.of("The database is unchanged: no baseline was recorded."),
                remedy.build(),
                null);
    }

    private static String describe(SQLException e) {
        return "SQLSTATE " + e.getSQLState() + ": " + e.getMessage();
    }
}
