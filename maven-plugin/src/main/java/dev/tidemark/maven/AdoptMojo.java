package dev.tidemark.maven;

import dev.tidemark.AdoptResult;
import dev.tidemark.Tidemark;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Takes over a database whose history is in another tool's table, keeping that history: Flyway's
 * {@code flyway_schema_history}, Liquibase's {@code databasechangelog}, Diesel's, golang-migrate's,
 * Drizzle's or Sequelize's. Prints each of its rows beside the migration of the code it matches and
 * the checksum verdict; refuses, row by row, a row with no migration, a migration edited since, a
 * failed or dirty row, or a migration below its newest that it never applied; otherwise writes
 * Tidemark's history with the original times and users, and the schema snapshot, in one transaction.
 * The other tool's table is left as it is.
 *
 * <p>{@code mvn compile schema:adopt -Dschema.from=flyway -Dschema.dryRun}
 */
@Mojo(name = "adopt", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class AdoptMojo extends AbstractTidemarkMojo {

    /**
     * The tool whose history to take over: {@code flyway}, {@code liquibase}, {@code diesel}, {@code
     * golang-migrate}, {@code drizzle} or {@code sequelize}. When not given, the one whose history
     * table exists in the schema; adopt refuses when none does, or several do.
     */
    @Parameter(property = "schema.from")
    private String from;

    /** Only print the mapping of their rows to the code's migrations; write nothing. */
    @Parameter(property = "schema.dryRun", defaultValue = "false")
    private boolean dryRun;

    @Override
    void applyCommandLine(CommandLineProperties commandLine) {
        super.applyCommandLine(commandLine);
        from = commandLine.string("from", from);
        dryRun = commandLine.bool("dryRun", dryRun);
    }

    @Override
    String goalName() {
        return "adopt";
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        AdoptResult result = tidemark.adopt(from, dryRun);
        print(result, output);
        output.info(
                result.dryRun()
                        ? "To take it over: mvn compile schema:adopt -Dschema.from=" + result.source()
                        : "From here on: mvn schema:validate and mvn schema:migrate.");
    }
}
