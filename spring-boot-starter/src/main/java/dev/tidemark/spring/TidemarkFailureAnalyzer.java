package dev.tidemark.spring;

import dev.tidemark.Phrase;
import dev.tidemark.TidemarkException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Makes a Tidemark failure at start-up the first thing printed, instead of a page of bean-creation
 * stack trace: what happened and the state of the database as the description, what to do as the
 * action, with settings and actions in Spring's words ({@code tidemark.lock-wait}; see {@link
 * SpringTerms}).
 */
public class TidemarkFailureAnalyzer extends AbstractFailureAnalyzer<TidemarkException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TidemarkException cause) {
        StringBuilder description = new StringBuilder("Tidemark could not prepare the database.\n\n[")
                .append(cause.code().id())
                .append("] ")
                .append(cause.what().render(SpringTerms.INSTANCE));
        Phrase state = cause.state();
        if (state != null && !state.isEmpty()) {
            description.append('\n').append(state.render(SpringTerms.INSTANCE));
        }
        Phrase remedy = cause.remedy();
        String action = remedy == null || remedy.isEmpty()
                ? "Change the tidemark.* properties or the database as the description says, then restart."
                : remedy.render(SpringTerms.INSTANCE);
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
