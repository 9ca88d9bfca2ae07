package dev.tidemark.internal.drift;

import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The first half of a drift check, started on a session beside the work session (the lock session,
 * or a read-only command's first one) while the command reads the history on the work session:
 * the newest snapshot row's header and, from the live catalog mark and digest, whether the schema
 * is still the one that row was recorded from. The digest is the
 * server's work (it renders every object of the schema), so on a cold client it costs as much as
 * reading thousands of history rows; side by side the two cost the longer of them.
 *
 * <p>Nothing depends on the prefetch succeeding: when it fails, or the session cannot be had, the
 * drift check runs its reads on the work session as it would without one.
 */
public final class DigestPrefetch implements AutoCloseable {

    /** Gives the session the prefetch runs on; its owner closes it, after the prefetch. */
    @FunctionalInterface
    public interface SessionSource {
        Connection open() throws Exception;
    }

    /**
     * What the prefetch read: the newest row's header, if any, and whether the live catalog is the
     * one that row was recorded from (see {@link DriftCheck#unchanged}).
     */
    record Result(Optional<SnapshotStore.Header> header, boolean unchanged) {}

    private static final DigestPrefetch NONE = new DigestPrefetch(null);

    private final CompletableFuture<Result> result;

    private DigestPrefetch(CompletableFuture<Result> result) {
        this.result = result;
    }

    /** A prefetch that read nothing, for commands that do not check drift. */
    public static DigestPrefetch none() {
        return NONE;
    }

    /** Starts reading on a daemon thread, on the session {@code source} gives, which stays open. */
    static DigestPrefetch start(SnapshotStore store, SessionSource source) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        Connection session = source.open();
                        Optional<SnapshotStore.Header> header = store.latestHeader(session);
                        boolean unchanged = header.isPresent() && DriftCheck.unchanged(session, store, header.get());
                        result.complete(new Result(header, unchanged));
                    } catch (Exception | LinkageError e) {
                        result.completeExceptionally(e);
                    }
                },
                "tidemark-drift-digest");
        thread.setDaemon(true);
        thread.start();
        return new DigestPrefetch(result);
    }

    /** Whether reads were started (none are when drift is ignored). */
    public boolean started() {
        return result != null;
    }

    /** Waits for the reads; empty when they failed or none were started. */
    Optional<Result> result() {
        if (result == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(result.get());
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Waits for the reads to end, so that the session they ran on is free again. */
    @Override
    public void close() {
        result();
    }
}
