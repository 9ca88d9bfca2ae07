package dev.tidemark;

import java.util.List;

/**
 * Tidemark's entry point: applies, checks and reports the migrations of the generated manifests
 * against one PostgreSQL schema.
 *
 * <pre>{@code
 * MigrateResult result = Tidemark.configure()
 *         .dataSource(dataSource)
 *         .schema("public")
 *         .load()
 *         .migrate();
 * }</pre>
 *
 * <p>Each command connects, takes the migration lock for its whole run, does its work, releases
 * the lock and closes its connections. A {@code Tidemark} is immutable and may be reused.
 */
public final class Tidemark {

    private Tidemark() {}

    /** Starts a configuration. */
    public static Configuration configure() {
        return new Configuration();
    }

    static Tidemark load(Configuration configuration) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The migrations of the code, in version order. */
    public List<MigrationDescriptor> migrations() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Applies pending migrations up to the target. */
    public MigrateResult migrate() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Compares the code with the history without loading or running any migration class.
     *
     * @throws ValidationException listing every problem when there is any
     */
    public ValidateResult validate() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Adopts a database whose schema was made by other means, at {@code version}. */
    public BaselineResult baseline(String version) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Every migration of the code and the history with its state. */
    public InfoResult info() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Removes failed rows and realigns checksums and descriptions with the code. */
    public RepairResult repair() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
