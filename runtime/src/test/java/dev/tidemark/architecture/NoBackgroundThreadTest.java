package dev.tidemark.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.Tidemark;
import dev.tidemark.testsupport.ClassReferences;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runtime starts no thread for speed: speed work lives behind a named class that does it on the
 * caller's thread (fewer round trips, cheaper queries, less loaded), never beside it. A thread
 * beside the caller's outlives a failed call, loads classes such as the JDBC driver where its
 * failure prints a stack trace of its own, and hides what a run costs. Read from the compiled
 * classes' method references, so a thread made anywhere, in a lambda too, is found.
 *
 * <p>One class may make a thread: {@code StatementWatch}, which reports a statement that runs long
 * (how long, and who holds the lock it waits for) while the caller's thread is blocked in that very
 * statement, so nothing on the caller's thread could. It is not speed work: it costs a run one
 * round trip, ends with the run, and swallows its own failures.
 */
class NoBackgroundThreadTest {

    private static final String PROGRESS_WATCH = "dev/tidemark/internal/execution/StatementWatch.class";

    @Test
    void runtimeClasses_makeNoThread_butTheProgressWatch() throws URISyntaxException {
        Path classes = Path.of(Tidemark.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Map<String, List<String>> references = ClassReferences.under(classes);

        List<String> offenders = new ArrayList<>();
        references.forEach((file, called) -> called.stream()
                .filter(ClassReferences::makesThread)
                .filter(reference -> !file.equals(PROGRESS_WATCH))
                .forEach(reference -> offenders.add(file + ": " + reference)));

        assertThat(references).as("classes read").hasSizeGreaterThan(100);
        assertThat(offenders).isEmpty();
        assertThat(references.get(PROGRESS_WATCH))
                .as("the one exception still makes its thread (remove the exception when it does not)")
                .anyMatch(ClassReferences::makesThread);
    }
}
