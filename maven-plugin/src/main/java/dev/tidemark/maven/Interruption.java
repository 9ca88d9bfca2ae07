package dev.tidemark.maven;

import dev.tidemark.ErrorCode;
import dev.tidemark.InfoResult;
import dev.tidemark.MigrateResult;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationFailedException;
import dev.tidemark.MigrationInfo;
import dev.tidemark.MigrationState;
import dev.tidemark.MigrationVersion;
import dev.tidemark.RepeatableInfo;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What Ctrl-C (SIGINT) or SIGTERM does during {@code schema:migrate}: a JVM shutdown hook, registered
 * only while the goal runs, asks the runtime to stop ({@link Tidemark#cancel()}: the running
 * statement is cancelled), gives the goal a bounded moment to roll back or record where it stopped,
 * reads the history back and prints one sentence saying what it found: which migration was rolled
 * back, or where a non-transactional one stopped. The hook never throws and never prints a stack
 * trace; the JVM then exits as the signal asks (130 for SIGINT, 143 for SIGTERM).
 */
final class Interruption {

    /** How long the hook waits for the goal to roll back and record, before it reads the history anyway. */
    static final Duration GRACE = Duration.ofSeconds(15);

    private final Tidemark tidemark;
    private final Output output;
    private final Duration grace;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile MigrateResult result;
    private volatile RuntimeException failure;

    Interruption(Tidemark tidemark, Output output, Duration grace) {
        this.tidemark = tidemark;
        this.output = output;
        this.grace = grace;
    }

    /** Runs {@code migrate} with the hook registered, and unregisters it when {@code migrate} ends. */
    MigrateResult run(Supplier<MigrateResult> migrate) {
        Thread hook = new Thread(this::onShutdown, "tidemark-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            result = migrate.get();
            return result;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it reports.
            }
        }
    }

    private void onShutdown() {
        String sentence;
        try {
            tidemark.cancel();
            sentence = sentence(ended.await(grace.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sentence = "Interrupted: schema:migrate was stopped before what it left could be read back. Run"
                    + " schema:info to see the history.";
        } catch (Throwable e) {
            sentence = "Interrupted: schema:migrate was stopped; what it left could not be told ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()))
                    + "). Run schema:info to see the history.";
        }
        try {
            output.warn(sentence);
        } catch (Throwable logClosed) {
            // Maven's log may be gone while the JVM shuts down; a hook's exception would print a stack trace.
            System.err.println("[WARNING] " + sentence);
        }
    }

    /** The sentence, from what the goal ended with and the history read back now. */
    String sentence(boolean done) {
        InfoResult history;
        try {
            history = tidemark.info();
        } catch (RuntimeException e) {
            return "Interrupted: schema:migrate was stopped"
                    + (done ? "" : " and had not ended after " + grace.toSeconds() + " s")
                    + "; the history could not be read to check what it left ("
                    + firstLine(e.getMessage()) + "). Run schema:info when the database answers.";
        }
        String at = "the history shows the database at version "
                + (history.currentVersion() == null ? "none" : history.currentVersion());
        if (!done) {
            return "Interrupted: schema:migrate had not ended " + grace.toSeconds() + " s after it was asked to"
                    + " stop (waiting for the migration lock, or for the server); " + at
                    + ". Run schema:info to see the history.";
        }
        if (result != null) {
            return "Interrupted after schema:migrate had finished: " + at + ".";
        }
        if (!(failure instanceof MigrationFailedException failed) || failed.migration() == null) {
            if (failure instanceof TidemarkException stopped && stopped.code() == ErrorCode.INTERRUPTED) {
                return "Interrupted between two migrations: none was running; " + at
                        + ". Run schema:migrate again to apply the rest.";
            }
            return "Interrupted: schema:migrate stopped before a migration ran; " + at + ".";
        }
        MigrationDescriptor migration = failed.migration();
        if (migration.version() == null) {
            return repeatable(history, migration);
        }
        MigrationInfo info = find(history, migration.version());
        String name = "migration " + migration.version() + " '" + migration.description() + "'";
        MigrationState state = info == null ? null : info.state();
        if (state == MigrationState.FAILED || state == MigrationState.UNFINISHED) {
            return "Interrupted: " + name + ", which runs outside a transaction, stopped part way; the history"
                    + " records: " + info.progress().replaceAll("\\s*\\n\\s*", " ")
                    + " Resume it with -Dschema.resume=true,"
                    + " or repair it with -Dschema.repairAs=applied or removed.";
        }
        if (state == MigrationState.APPLIED || state == MigrationState.APPLIED_OUT_OF_ORDER) {
            return "Interrupted after " + name + " had been applied: " + at + ".";
        }
        return "Interrupted: " + name + " was rolled back; the history shows it not applied, and the database at"
                + " version " + (history.currentVersion() == null ? "none" : history.currentVersion()) + ".";
    }

    /**
     * The sentence for a repeatable migration (no version: its description and file name it), which
     * leaves no history row when it stops: the state its history shows, read back.
     */
    private static String repeatable(InfoResult history, MigrationDescriptor migration) {
        String name = "repeatable migration '" + migration.description() + "' (" + migration.className() + ")";
        RepeatableInfo.State state = null;
        for (RepeatableInfo info : history.repeatables()) {
            if (info.description().equals(migration.description())) {
                state = info.state();
            }
        }
        String shows = "the history shows " + (state == null ? "" : "it " + state.label() + " and ")
                + "the database at version " + (history.currentVersion() == null ? "none" : history.currentVersion());
        if (!migration.transactional()) {
            return "Interrupted: " + name + ", which runs outside a transaction, stopped part way: the statements"
                    + " it completed stay and no history row was written; " + shows + ". Run schema:migrate"
                    + " again: it runs the repeatable migration again from its first statement.";
        }
        return "Interrupted: " + name + " was rolled back; " + shows + ". Run schema:migrate again to apply it.";
    }

    private static MigrationInfo find(InfoResult history, MigrationVersion version) {
        for (MigrationInfo info : history.migrations()) {
            if (info.version().equals(version)) {
                return info;
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no message";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
