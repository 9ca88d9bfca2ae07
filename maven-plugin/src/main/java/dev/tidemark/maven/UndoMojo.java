package dev.tidemark.maven;

import dev.tidemark.Tidemark;
import dev.tidemark.UndoResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Reverts applied migrations by running their {@code down()}, newest first: every one above {@code
 * target} (whose own migration stays applied), or only the newest when no target is given. Checks
 * the whole range before touching anything: each migration must be in the code unchanged, have a
 * {@code down()}, run in a transaction (unless {@code undoNonTransactional}) and lie above the
 * baseline. Each {@code down()} runs in one transaction with an {@code UNDO} row in the history;
 * {@code info} then shows the migration as undone, and {@code migrate} applies it again.
 *
 * <p>{@code mvn compile schema:undo}, {@code mvn compile schema:undo -Dschema.target=5}
 */
@Mojo(name = "undo", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class UndoMojo extends AbstractTidemarkMojo {

    /**
     * Whether the {@code down()} of a non-transactional migration may run. It runs outside a
     * transaction, so one that fails part way leaves the database partly reverted. Default {@code
     * false}.
     */
    @Parameter(property = "schema.undoNonTransactional")
    private Boolean undoNonTransactional;

    @Override
    void applyCommandLine(CommandLineProperties commandLine) {
        super.applyCommandLine(commandLine);
        undoNonTransactional = commandLine.bool("undoNonTransactional", undoNonTransactional);
    }

    @Override
    String goalName() {
        return "undo";
    }

    @Override
    void configure(GoalSettings goalSettings) {
        goalSettings.undoNonTransactional = undoNonTransactional;
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        UndoResult result = tidemark.undo(target());
        print(result, output);
    }
}
