package dev.tidemark.fault;

import dev.tidemark.EventSentences;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkEvent;
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
        TidemarkListener printing = event -> {
            if (event instanceof TidemarkEvent.MigrationStarted started) {
                System.out.println("START " + started.migration().version());
            } else if (event instanceof TidemarkEvent.MigrationApplied applied) {
                System.out.println("APPLIED " + applied.applied().version());
            }
            if (event.level() != TidemarkEvent.Level.DEBUG) {
                EventSentences.lines(event).forEach(line -> System.out.println(event.level() + " " + line));
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
