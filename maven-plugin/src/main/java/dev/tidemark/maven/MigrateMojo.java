package dev.tidemark.maven;

import dev.tidemark.Fleet;
import dev.tidemark.MigrateResult;
import dev.tidemark.RehearsalResult;
import dev.tidemark.Tidemark;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies the pending migrations of the project's manifest, each in its own transaction together
 * with its history row, up to {@code target}. Prints one line per migration as it is applied, then a
 * summary. Validates first unless {@code validateOnMigrate} is false. With {@code rehearse}, applies
 * nothing: runs the pending migrations in one transaction that is rolled back, prints what each did
 * or how it failed, and fails the build when one would fail.
 *
 * <p>{@code mvn compile schema:migrate}, {@code mvn compile schema:migrate -Dschema.rehearse},
 * {@code mvn compile schema:migrate -Dschema.resume}
 */
@Mojo(name = "migrate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class MigrateMojo extends AbstractTidemarkMojo {

    /**
     * Rehearse instead of migrating: run every pending transactional migration against the database
     * inside one transaction that is always rolled back, report per migration its statements and
     * their times or its exact failure, and fail the build when one fails. Nothing is applied.
     * Default {@code false}.
     */
    @Parameter(property = "schema.rehearse")
    private Boolean rehearse;

    /**
     * Where to write the rehearsal report for review: Markdown when the name ends in {@code .md},
     * plain text otherwise. Default: none (the report is in the build log).
     */
    @Parameter(property = "schema.rehearsalReport")
    private File rehearsalReport;

    /**
     * PostgreSQL's {@code lock_timeout} during a rehearsal: a statement that cannot get a table lock
     * within it is reported as such instead of waiting, so a rehearsal never queues production
     * traffic behind it. Same format as {@code lockWait}. Default 2 s.
     */
    @Parameter(property = "schema.rehearsalLockTimeout")
    private String rehearsalLockTimeout;

    /**
     * Fail the rehearsal when a statement would hold ACCESS EXCLUSIVE (no reads, no writes) on an
     * existing table larger than this: a size such as {@code 1GB} or {@code 500MB}, or a number of
     * rows such as {@code 1000000rows}. The failure names the statement, the table and its size.
     * Default: no limit.
     */
    @Parameter(property = "schema.failOnExclusiveLockAbove")
    private String failOnExclusiveLockAbove;

    /**
     * Resume a non-transactional migration whose run stopped (it failed, or the build was killed or
     * lost its connection): run it again from the first statement its history row does not record
     * as completed, after checking that the completed ones are unchanged, then apply the pending
     * migrations. Default {@code false}: migrate refuses while such a run is recorded, and says so.
     */
    @Parameter(property = "schema.resume")
    private Boolean resume;

    @Override
    String goalName() {
        return "migrate";
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        if (Boolean.TRUE.equals(rehearse)) {
            RehearsalResult rehearsal = tidemark.rehearse();
            print(rehearsal, output);
            if (rehearsalReport != null) {
                output.info("Wrote the rehearsal report to " + rehearsalReport);
            }
            rehearsal.assertSucceeded();
            return;
        }
        MigrateResult result = new Interruption(tidemark, output, Interruption.GRACE).run(tidemark::migrate);
        print(result, output);
    }

    @Override
    SeveralTargets severalTargets() {
        return new SeveralTargets(Fleet::migrate);
    }
}
