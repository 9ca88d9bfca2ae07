package dev.tidemark.junit;

import java.util.Objects;

/**
 * Makes {@link TestDatabase}s from the template outside a {@link MigratedDatabase} test: for a
 * Spring test context that needs its database before the first test, a benchmark, or a test
 * framework other than JUnit's. The caller closes each one, which drops it.
 *
 * <pre>{@code
 * try (TestDatabase database = MigratedDatabases.configure().version("3").create()) {
 *     // database.url(), database.dataSource()
 * }
 * }</pre>
 */
public final class MigratedDatabases {

    private String server;
    private String version = "latest";
    private String schema = "public";
    private ClassLoader classLoader;

    private MigratedDatabases() {}

    /** Starts a configuration with the defaults of {@link MigratedDatabase}. */
    public static MigratedDatabases configure() {
        return new MigratedDatabases();
    }

    /**
     * The server, as {@link MigratedDatabase#server}; default: the system property {@value
     * MigratedDatabaseExtension#SERVER_PROPERTY}, else the environment variable {@value
     * MigratedDatabaseExtension#SERVER_ENVIRONMENT}, else {@code jdbc:postgresql://localhost:5432/postgres?user=postgres}.
     */
    public MigratedDatabases server(String jdbcUrl) {
        this.server = jdbcUrl;
        return this;
    }

    /** The version to migrate to: {@code latest} (the default) or a version of the code. */
    public MigratedDatabases version(String version) {
        this.version = Objects.requireNonNull(version, "version");
        return this;
    }

    /** The schema migrated. Default {@code public}. */
    public MigratedDatabases schema(String schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        return this;
    }

    /** Where to find the migrations' manifests. Default: the thread's context class loader. */
    public MigratedDatabases classLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
        return this;
    }

    /**
     * Creates a database cloned from the template (built first when this JVM has not found it yet).
     *
     * @throws IllegalArgumentException when there are no migrations or the version is none of theirs
     * @throws IllegalStateException when the server cannot be reached or a migration fails
     */
    public TestDatabase create() {
        Server resolved = server == null || server.isBlank()
                ? fromSystemProperty()
                : new Server(server.strip(), "MigratedDatabases.server(…)");
        ClassLoader loader =
                classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
        Templates templates = Templates.shared();
        TemplateKey key = templates.key(resolved, MigratedDatabaseExtension.manifests(loader), schema, version);
        return templates.create(resolved, key, loader);
    }

    /** The server {@link #create} would use. */
    Server serverForAssertions() {
        return server == null || server.isBlank() ? fromSystemProperty() : new Server(server.strip(), "server(…)");
    }

    private static Server fromSystemProperty() {
        String property = System.getProperty(MigratedDatabaseExtension.SERVER_PROPERTY);
        if (property != null && !property.isBlank()) {
            return new Server(property.strip(), "the system property " + MigratedDatabaseExtension.SERVER_PROPERTY);
        }
        return serverFromEnvironment();
    }

    static Server serverFromEnvironment() {
        String environment = System.getenv(MigratedDatabaseExtension.SERVER_ENVIRONMENT);
        if (environment != null && !environment.isBlank()) {
            return new Server(
                    environment.strip(), "the environment variable " + MigratedDatabaseExtension.SERVER_ENVIRONMENT);
        }
        return new Server(
                Server.DEFAULT_URL,
                "the default; set " + MigratedDatabaseExtension.SERVER_ENVIRONMENT + " or -D"
                        + MigratedDatabaseExtension.SERVER_PROPERTY + " to use another server");
    }
}
