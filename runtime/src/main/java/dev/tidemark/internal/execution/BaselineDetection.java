package dev.tidemark.internal.execution;

import dev.tidemark.BaselineResult;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.TidemarkException;
import dev.tidemark.TidemarkListener;
import dev.tidemark.internal.config.Settings;
import dev.tidemark.internal.drift.BaselineFinder;
import dev.tidemark.internal.drift.DriftGuard;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.sql.Identifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;

/**
 * {@code baseline} without a version: finds the version the live schema is at by replaying the
 * migrations into a temporary database on the same server ({@link BaselineFinder}), then baselines
 * there as {@link BaselineCommand} does. Replaying runs the migration classes, on the temporary
 * database only.
 */
public final class BaselineDetection {

    private final Settings settings;
    private final MigrationCatalog catalog;
    private final HistoryTable history;
    private final DriftGuard drift;

    public BaselineDetection(Settings settings, MigrationCatalog catalog, DriftGuard drift) {
        this.settings = settings;
        this.catalog = catalog;
        this.history = new HistoryTable(settings.schema(), settings.table());
        this.drift = drift;
    }

    public BaselineResult run() {
        BaselineCommand baseline = new BaselineCommand(settings, catalog, drift);
        BaselineFinder.Match match;
        try (CommandSession session = CommandSession.readOnly(settings)) {
            Reconciliation state = session.reconcile(catalog, history);
            baseline.refuseHistoryWithRows(state);
            settings.listener()
                    .info("Replaying " + catalog.migrations().size() + " migrations into a temporary database to find"
                            + " the version schema " + settings.schema() + " is at.");
            BaselineFinder finder = new BaselineFinder(
                    settings.schema(), Set.of(settings.table(), drift.snapshotTable()), this::connect, this::replay);
            match = finder.find(session.work(), catalog.migrations());
        } catch (SQLException e) {
            throw new TidemarkException(
                    ErrorCode.SHADOW_REPLAY_FAILED,
                    "Cannot replay the migrations into a temporary database on the same server: SQLSTATE "
                            + e.getSQLState() + ": " + e.getMessage() + "\nThe database is unchanged: no baseline"
                            + " was recorded, and the temporary database was dropped.\nGive the baseline version"
                            + " yourself (-Dschema.baselineVersion=…), or let the user connect to a new database"
                            + " with the same credentials (a DataSource's password cannot be reused).",
                    e);
        }
        settings.listener()
                .info("Schema " + settings.schema() + " matches version " + match.version() + " exactly (replayed"
                        + " into the temporary database " + match.temporaryDatabase() + ", dropped since)"
                        + (match.sameSchemaVersions().size() > 1
                                ? " (versions " + String.join(", ", match.sameSchemaVersions())
                                        + " leave the same schema: the newest is taken)"
                                : "")
                        + ".");
        return baseline.run(match.version());
    }

    private void replay(Connection shadow, MigrationDescriptor migration) throws SQLException {
        catalog.instantiate(migration)
                .up(new RecordingContext(shadow, settings.schema(), migration, TidemarkListener.NONE));
    }

    /** A connection to {@code database} on the configured server, with the configured credentials. */
    private Connection connect(String database) throws SQLException {
        String url;
        Properties properties = new Properties();
        if (settings.url() != null) {
            url = settings.url().jdbcUrl();
            if (settings.user() != null) {
                properties.setProperty("user", settings.user());
            }
            if (settings.password() != null) {
                properties.setProperty("password", settings.password());
            }
        } else {
            try (Connection live = settings.dataSource().getConnection()) {
                DatabaseMetaData metadata = live.getMetaData();
                url = metadata.getURL();
                properties.setProperty("user", metadata.getUserName());
            }
        }
        properties.setProperty("ApplicationName", settings.applicationName());
        Connection shadow = DriverManager.getConnection(withDatabase(url, database), properties);
        try (PreparedStatement statement = shadow.prepareStatement(
                "SELECT set_config('search_path', ? || ', ' || current_setting('search_path'), false)")) {
            statement.setString(1, Identifier.quote(settings.schema()));
            statement.execute();
        } catch (SQLException e) {
            shadow.close();
            throw e;
        }
        return shadow;
    }

    /** {@code jdbc:postgresql://host:5432/app?ssl=true} with {@code app} replaced by {@code database}. */
    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String parameters = query < 0 ? "" : jdbcUrl.substring(query);
        int hostStart = base.indexOf("//");
        int slash = base.indexOf('/', hostStart < 0 ? 0 : hostStart + 2);
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + parameters;
    }
}
