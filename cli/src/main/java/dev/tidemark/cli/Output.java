package dev.tidemark.cli;

import dev.tidemark.EventSentences;
import dev.tidemark.FleetFailedException;
import dev.tidemark.ResultFormat;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.TidemarkListener;
import dev.tidemark.spi.SecretMask;
import java.io.PrintStream;

/**
 * Where the command writes: the result on standard output (text, or with {@code --json} one JSON
 * document, a failure's too), progress and error messages on standard error. Every line passes
 * through the {@link SecretMask}.
 */
final class Output {

    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;
    private final SecretMask mask;

    Output(boolean json, PrintStream out, PrintStream err, SecretMask mask) {
        this.json = json;
        this.out = out;
        this.err = err;
        this.mask = mask;
    }

    /** Progress as the runtime's sentences on standard error; troubleshooting detail with {@code verbose}. */
    TidemarkListener progress(boolean verbose) {
        return event -> {
            // The result is printed once, by result(), on standard output.
            if (event instanceof TidemarkEvent.CommandFinished
                    || event.level() == TidemarkEvent.Level.DEBUG && !verbose) {
                return;
            }
            String prefix = event.level() == TidemarkEvent.Level.WARN ? "WARNING: " : "";
            for (String line : EventSentences.lines(event)) {
                err.println(mask.mask(prefix + line));
            }
        };
    }

    void result(Object result) {
        out.println(mask.mask(json ? ResultFormat.toJson(result) : ResultFormat.toText(result)));
    }

    /**
     * The failure's message in the command line's terms on standard error, and with --json its
     * document; a run on several targets that failed first prints its summary (the JSON document
     * carries it).
     */
    void failure(Throwable failure) {
        if (failure instanceof FleetFailedException fleet && !json) {
            out.println(mask.mask(ResultFormat.toText(fleet.result())));
        }
        String message = failure instanceof TidemarkException e
                ? e.message(CliTerms.INSTANCE)
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        err.println(mask.mask(message));
        if (json) {
            out.println(mask.mask(ResultFormat.toJson(failure, CliTerms.INSTANCE)));
        }
    }
}
