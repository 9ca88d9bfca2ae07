package dev.tidemark.maven;

import dev.tidemark.ConfigurationException;
import dev.tidemark.Setting;
import dev.tidemark.Tidemark;
import dev.tidemark.UndoResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Reverts applied migrations by running their {@code down()}, newest first: every one above {@code
 * undoTo} (whose own migration stays applied), or only the newest when it is not given. Checks
 * the whole range before touching anything: each migration must be in the code unchanged, have a
 * {@code down()}, run in a transaction (unless {@code undoNonTransactional}) and lie above the
 * baseline. Each {@code down()} runs in one transaction with an {@code UNDO} row in the history;
 * {@code info} then shows the migration as undone, and {@code migrate} applies it again.
 *
 * <p>{@code mvn compile schema:undo}, {@code mvn compile schema:undo -Dschema.undoTo=5}
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

    /**
     * The version to go back to: every applied migration above it is undone, its own stays applied.
     * Default: undo only the newest migration. ({@code target} is how far {@code migrate} goes; undo
     * refuses {@code -Dschema.target}, so that a command written for an older Tidemark does not undo
     * another range than meant.)
     */
    @Parameter(property = "schema.undoTo")
    private String undoTo;

    @Override
    void applyCommandLine(CommandLineProperties commandLine) {
        String target = commandLine.given("target");
        if (target != null) {
            throw new ConfigurationException(Parameters.property("target") + " is given to schema:undo, which"
                    + " does not read it: target is how far migrate goes, and nothing was undone.\nGive the"
                    + " version to go back to as " + Parameters.describe(Setting.UNDO_TO)
                    + (target.isBlank() ? "" : ", here -D" + Parameters.property("undoTo") + "=" + target.strip())
                    + ".");
        }
        super.applyCommandLine(commandLine);
    }

    @Override
    String goalName() {
        return "undo";
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        UndoResult result = tidemark.undo();
        print(result, output);
    }
}
