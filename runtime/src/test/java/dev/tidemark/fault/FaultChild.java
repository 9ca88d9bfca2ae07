package dev.tidemark.fault;

import dev.tidemark.AppliedMigration;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkException;
import dev.tidemark.TidemarkListener;
import java.time.Duration;

/**
 * The migrating JVM a test kills or interrupts: migrates the database at {@code args[0]} with the
 * {@link Scenario} migrations ({@code args[1]}: whether migration 2 is transactional; {@code args[2]}, if given, its fault
 * statement instead of {@link Scenario#SLEEP}), printing
 * every line the runtime reports, as a command-line caller would.
 */
public final class FaultChild {

    static final String APPLICATION = "tidemark-fault-child";

    /** The child's lock_timeout in milliseconds, 0 for none; Tidemark's default when not set. */
    static final String LOCK_TIMEOUT_PROPERTY = "tidemark.fault.lockTimeoutMs";

    public static void main(String[] args) {
        TidemarkListener printing = new TidemarkListener() {
            @Override
            public void info(String message) {
                System.out.println("INFO " + message);
            }

            @Override
            public void warn(String message) {
                System.out.println("WARN " + message);
            }

            @Override
            public void migrationStarting(MigrationDescriptor migration) {
                System.out.println("START " + migration.version());
            }

            @Override
            public void migrationApplied(AppliedMigration migration) {
                System.out.println("APPLIED " + migration.version());
            }
        };
        try {
            Tidemark.configure()
                    .url(args[0])
                    .applicationName(APPLICATION)
                    .manifests(Scenario.manifest(
                            Boolean.parseBoolean(args[1]), args.length > 2 ? args[2] : Scenario.SLEEP))
                    .listener(printing)
                    .lockTimeout(Duration.ofMillis(Long.getLong(LOCK_TIMEOUT_PROPERTY, 10_000)))
                    .load()
                    .migrate();
        } catch (TidemarkException e) {
            System.out.println("FAILED " + e.getMessage());
            System.exit(1);
        }
    }
}
