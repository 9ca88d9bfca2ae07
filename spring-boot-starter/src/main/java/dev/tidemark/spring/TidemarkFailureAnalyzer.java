package dev.tidemark.spring;

import dev.tidemark.TidemarkException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Makes a Tidemark failure at start-up the first thing printed, instead of a page of bean-creation
 * stack trace: what happened and the state of the database, then what to do, in Spring's words
 * ({@code tidemark.lock-wait}).
 */
public class TidemarkFailureAnalyzer extends AbstractFailureAnalyzer<TidemarkException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TidemarkException cause) {
        return new FailureAnalysis(
                "Tidemark could not prepare the database:\n\n" + cause.getMessage(),
                "Change the tidemark.* properties or the database as the message says, then restart the application.",
                cause);
    }
}
