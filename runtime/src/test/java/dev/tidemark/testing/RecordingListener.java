package dev.tidemark.testing;

import dev.tidemark.EventSentences;
import dev.tidemark.LockHolder;
import dev.tidemark.StatementProgress;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps everything a command reports, for assertions: each event, and its default sentence with
 * its level ({@code INFO Migrating …}); a migration's start and end also as {@code START 3} and
 * {@code APPLIED 3}.
 */
public final class RecordingListener implements TidemarkListener {

    public final List<TidemarkEvent> events = new CopyOnWriteArrayList<>();
    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final List<LockHolder> lockHolders = new CopyOnWriteArrayList<>();
    public final List<StatementProgress> progress = new CopyOnWriteArrayList<>();

    @Override
    public void on(TidemarkEvent event) {
        events.add(event);
        if (event instanceof TidemarkEvent.MigrationStarted started) {
            lines.add("START " + started.migration().version());
        } else if (event instanceof TidemarkEvent.MigrationApplied applied) {
            lines.add("APPLIED " + applied.applied().version());
        } else if (event instanceof TidemarkEvent.LockWaiting waiting) {
            lockHolders.add(waiting.holder());
        } else if (event instanceof TidemarkEvent.StatementRunning running) {
            progress.add(running.progress());
        }
        for (String line : EventSentences.lines(event)) {
            lines.add(event.level() + " " + line);
        }
    }

    /** The events of one type, in order. */
    public <E extends TidemarkEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Everything reported, one entry a line. */
    public String all() {
        return String.join("\n", lines);
    }
}
