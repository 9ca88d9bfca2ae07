package dev.tidemark.maven;

import dev.tidemark.EventSentences;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkListener;

/**
 * Shows a running command's progress, each event once, at the event's own level: each migration as
 * it starts and is applied (with its time), who holds the migration lock while Tidemark waits for
 * it, a statement that runs long with what it waits on, a baseline's explanation, drift warnings.
 * The result the command ends with is the goal's to print (as text or JSON), so {@link
 * TidemarkEvent.CommandFinished} is left out here.
 */
final class ProgressListener implements TidemarkListener {

    private final Output output;
    private int lastHolderPid = -1;

    ProgressListener(Output output) {
        this.output = output;
    }

    @Override
    public void on(TidemarkEvent event) {
        if (event instanceof TidemarkEvent.CommandFinished) {
            return;
        }
        String sentence = EventSentences.sentence(event);
        if (event instanceof TidemarkEvent.LockWaiting waiting) {
            // Reported on every check; a warning again only when someone else holds the lock.
            if (waiting.holder().pid() != lastHolderPid) {
                lastHolderPid = waiting.holder().pid();
                output.warn(sentence);
            } else {
                output.debug(sentence);
            }
            return;
        }
        switch (event.level()) {
            case WARN -> output.warn(sentence);
            case INFO -> {
                if (output.infoEnabled()) {
                    output.info(sentence);
                }
            }
            default -> output.debug(sentence);
        }
    }
}
