package dev.tidemark.cli;

import dev.tidemark.InfoResult;
import dev.tidemark.MigrationInfo;
import dev.tidemark.TidemarkException;
import dev.tidemark.TidemarkListener;
import java.io.PrintStream;

/** Where the command writes: results on standard output, progress and errors on standard error, masked. */
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

    TidemarkListener progress(boolean verbose) {
        return new TidemarkListener() {
            @Override
            public void info(String message) {
                err.println(mask.mask(message));
            }

            @Override
            public void warn(String message) {
                err.println(mask.mask("WARNING: " + message));
            }

            @Override
            public void debug(String message) {
                if (verbose) {
                    err.println(mask.mask(message));
                }
            }
        };
    }

    void result(Object result) {
        if (result instanceof InfoResult info) {
            for (MigrationInfo migration : info.migrations()) {
                out.println(migration.version() + " " + migration.state() + " " + migration.description());
            }
        }
    }

    void failure(Throwable failure) {
        String message = failure instanceof TidemarkException e
                ? e.message(CliTerms.INSTANCE)
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        err.println(mask.mask(message));
    }
}
