package dev.tidemark;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Receives progress from a running command as typed {@link TidemarkEvent}s. Tidemark never prints:
 * each caller renders the events its own way (the Maven plugin to its log, an application to its
 * logger), or lets {@link #sentences} word them. Events come from the thread that runs the command,
 * except {@link TidemarkEvent.StatementRunning}, which comes from a daemon thread of Tidemark's while
 * the command's thread waits for the statement.
 *
 * <pre>{@code
 * Tidemark.configure()
 *         .url(url)
 *         .listener(TidemarkListener.sentences((level, sentence) -> log.info(sentence)))
 *         .load()
 *         .migrate();
 * }</pre>
 */
@FunctionalInterface
public interface TidemarkListener {

    /** A listener that ignores everything. */
    TidemarkListener NONE = event -> {};

    /** One thing that happened in a running command. */
    void on(TidemarkEvent event);

    /**
     * A listener that words every event as {@link EventSentences} does and passes each line with the
     * event's level: a {@link TidemarkEvent.CommandFinished} gives one line per line of its result's
     * text.
     */
    static TidemarkListener sentences(BiConsumer<TidemarkEvent.Level, String> sink) {
        return event -> EventSentences.lines(event).forEach(line -> sink.accept(event.level(), line));
    }

    /** {@link #sentences(BiConsumer)} for the events at {@code INFO} and {@code WARN}, the level dropped. */
    static TidemarkListener infoAndWarnings(Consumer<String> sink) {
        return sentences((level, sentence) -> {
            if (level != TidemarkEvent.Level.DEBUG) {
                sink.accept(sentence);
            }
        });
    }
}
