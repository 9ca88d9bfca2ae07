package dev.tidemark.maven;

import dev.tidemark.Configuration;
import dev.tidemark.ErrorCode;
import dev.tidemark.Setting;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkException;
import dev.tidemark.spi.SecretMask;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * What every goal shares: its parameters, the class loader over the project, the connection
 * settings, and the mapping of failures to Maven's two kinds. A goal implements {@link #run} with
 * one call to the runtime.
 */
abstract class AbstractTidemarkMojo extends AbstractMojo {

    private static final Set<String> RUNTIME_SCOPES =
            Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME, Artifact.SCOPE_SYSTEM);

    /**
     * The database: a {@code jdbc:postgresql://host:5432/database} URL, or a {@code
     * postgres://user:password@host:5432/database} URL as platforms hand out. When neither this nor
     * {@code -Dschema.url} is set, the {@code DATABASE_URL} environment variable is used.
     */
    @Parameter(property = "schema.url")
    private String url;

    /** The database user. Takes precedence over the {@code <server>} of {@code serverId} and the URL's user. */
    @Parameter(property = "schema.user")
    private String user;

    /**
     * The database password. Takes precedence over the {@code <server>} of {@code serverId} and the
     * URL's password. Prefer {@code serverId}, which keeps it out of the POM. Never logged.
     */
    @Parameter(property = "schema.password")
    private String password;

    /**
     * The id of a {@code <server>} in {@code settings.xml} whose {@code <username>} and {@code
     * <password>} to connect with; passwords encrypted with {@code mvn --encrypt-password} are
     * decrypted. Used for whichever of user and password is not set directly.
     */
    @Parameter(property = "schema.serverId")
    private String serverId;

    /** The schema to migrate, where the history table lives too. Default {@code public}. */
    @Parameter(property = "schema.schema")
    private String schema;

    /** The history table's name. Default {@code tidemark_history}. */
    @Parameter(property = "schema.table")
    private String table;

    /**
     * How far {@code migrate} goes: {@code latest}, {@code current} (apply nothing new) or a version
     * of the code. Default {@code latest}.
     */
    @Parameter(property = "schema.target")
    private String target;

    /**
     * Whether pending migrations older than the newest applied one may still run (and pass
     * validation). Default {@code false}.
     */
    @Parameter(property = "schema.outOfOrder")
    private Boolean outOfOrder;

    /** Whether {@code migrate} validates the history against the code before applying anything. Default {@code true}. */
    @Parameter(property = "schema.validateOnMigrate")
    private Boolean validateOnMigrate;

    /** Whether {@code validate} fails the build when migrations are pending. Default {@code false}. */
    @Parameter(property = "schema.failOnPending")
    private Boolean failOnPending;

    /** Whether to create the schema when it does not exist. Default {@code true}. */
    @Parameter(property = "schema.createSchema")
    private Boolean createSchema;

    /**
     * How long to wait for the migration lock while another session (another build or application
     * instance) holds it. Seconds ({@code 60}), a unit ({@code 500ms}, {@code 30s}, {@code 5m},
     * {@code 1h}) or ISO-8601 ({@code PT1M}). Default 60 s.
     */
    @Parameter(property = "schema.lockWait")
    private String lockWait;

    /**
     * PostgreSQL's {@code lock_timeout} for migration statements: how long one may wait for a table
     * lock before it fails, so that a migration stuck behind a busy table does not stall the traffic
     * queued behind it. Same format as {@code lockWait}; {@code 0} disables it. Default 10 s.
     */
    @Parameter(property = "schema.lockTimeout")
    private String lockTimeout;

    /** PostgreSQL's {@code statement_timeout} for migration statements. Same format as {@code lockWait}. Default {@code 0}: none. */
    @Parameter(property = "schema.statementTimeout")
    private String statementTimeout;

    /** How many times to retry connecting to a database that is still starting. Default {@code 0}. */
    @Parameter(property = "schema.connectRetries")
    private Integer connectRetries;

    /** The first wait between connection attempts; it doubles on each retry, up to 30 s. Default 1 s. */
    @Parameter(property = "schema.connectRetryInterval")
    private String connectRetryInterval;

    /** The {@code application_name} Tidemark's sessions show in {@code pg_stat_activity}. Default {@code tidemark}. */
    @Parameter(property = "schema.applicationName")
    private String applicationName;

    /** Who the history records as having applied migrations. Default: the database user. */
    @Parameter(property = "schema.installedBy")
    private String installedBy;

    /**
     * Values of the {@code ${name}} placeholders in SQL migration files ({@code
     * <placeholders><owner>app</owner></placeholders>}); not part of their checksums. A file that
     * uses a placeholder without a value is refused before anything runs. On the command line:
     * {@code -Dschema.placeholders=owner=app,region=eu}.
     */
    @Parameter(property = "schema.placeholders")
    private Map<String, String> placeholders;

    /**
     * What {@code validate} and {@code migrate} do when the live schema differs from the snapshot
     * recorded by the last migrate or baseline (objects added, removed or changed by hand): {@code
     * fail} (validation fails and migrate refuses), {@code warn} (each difference is a warning) or
     * {@code ignore} (no comparison). Default {@code fail}.
     */
    @Parameter(property = "schema.drift")
    private String drift;

    /**
     * A PostgreSQL server where {@code schema:baseline} without a version and {@code schema:test}
     * may create and drop their temporary databases: a {@code jdbc:postgresql://} or {@code
     * postgres://user:password@host:5432/postgres} URL naming any database on it; its user needs
     * {@code CREATEDB}. Default: the migrated database's own server, with the same credentials.
     */
    @Parameter(property = "schema.shadowUrl")
    private String shadowUrl;

    /**
     * How often to report a migration statement that is still running, with what it waits on.
     * Same format as {@code lockWait}; {@code 0} reports nothing. Default 10 s.
     */
    @Parameter(property = "schema.progressInterval")
    private String progressInterval;

    /**
     * How the goal prints its result: {@code text} for people, or {@code json}, one JSON document on
     * standard output (run {@code mvn -q} to have nothing else there), for a failed run too. The
     * README shows each goal's document. Default {@code text}.
     */
    @Parameter(property = "schema.output", defaultValue = "text")
    private String output;

    /**
     * A file to write the goal's result to as the same JSON document, whatever {@code output} is;
     * a failed run writes its error. Default: none.
     */
    @Parameter(property = "schema.reportFile")
    private File reportFile;

    /**
     * Several schemas to run {@code migrate}, {@code validate}, {@code info} or {@code baseline} on,
     * separated by commas ({@code -Dschema.schemas=tenant_a,tenant_b}), each with its own history
     * table and lock; {@code schema} is then not used. Combines with {@code schemaPattern} and
     * {@code schemaQuery}. See "Many schemas or databases in one run" in the README.
     */
    @Parameter(property = "schema.schemas")
    private String schemas;

    /** Run on every existing schema whose name matches this SQL {@code LIKE} pattern, such as {@code tenant_%}. */
    @Parameter(property = "schema.schemaPattern")
    private String schemaPattern;

    /** Run on the schemas this SQL query lists in its first column, read from each database when the goal starts. */
    @Parameter(property = "schema.schemaQuery")
    private String schemaQuery;

    /**
     * Several databases (shards) to run on, their URLs separated by commas, instead of {@code url};
     * {@code user}, {@code password} and {@code serverId} apply to each. Never logged with a password.
     */
    @Parameter(property = "schema.urls")
    private String urls;

    /** How many targets run at once, each on its own sessions. Default {@code 1}: one after another. */
    @Parameter(property = "schema.parallelism")
    private Integer parallelism;

    /**
     * What a run on several targets does when one fails: {@code stop} (start no further target) or
     * {@code continue}. Either way the goal fails at the end, with every target's outcome. Default
     * {@code stop}.
     */
    @Parameter(property = "schema.onTargetFailure")
    private String onTargetFailure;

    /** Skips the goal. Default {@code false}. */
    @Parameter(property = "schema.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Maven's own settings ({@code settings.xml}), for its {@code <server>} credentials. */
    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    private Settings mavenSettings;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Component
    private SettingsDecrypter settingsDecrypter;

    private ResultOutput results = ResultOutput.text();

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        try {
            executeGoal();
        } catch (MojoFailureException | MojoExecutionException e) {
            results.failed(e);
            throw e;
        }
        results.succeeded();
    }

    private void executeGoal() throws MojoExecutionException, MojoFailureException {
        String goal = "schema:" + goalName();
        CommandLineProperties commandLine = new CommandLineProperties(session.getUserProperties());
        try {
            applyCommandLine(commandLine);
            results = ResultOutput.of(output, reportFile, getLog());
        } catch (TidemarkException e) {
            throw new MojoFailureException(e.message(MavenTerms.INSTANCE));
        }
        if (skip) {
            getLog().info("Skipping " + goal + ": schema.skip is true");
            return;
        }
        if ("pom".equals(project.getPackaging())) {
            getLog().info("Skipping " + goal + ": " + project.getArtifactId() + " has pom packaging, so no migrations");
            return;
        }
        SecretMask mask = new SecretMask().add(password);
        DatabaseTarget database = null;
        try {
            ServerCredentials server = serverCredentials(mask);
            database = DatabaseTarget.resolve(
                    url == null || url.isBlank() ? SeveralTargets.firstUrl(urls) : url,
                    user,
                    password,
                    server,
                    System.getenv(DatabaseTarget.DATABASE_URL));
            mask = DatabaseTarget.addPasswordOf(
                    shadowUrl, database.secrets().add(password).add(server == null ? null : server.password()));
            SeveralTargets.maskPasswords(urls, mask);
            MaskedLog output = new MaskedLog(getLog(), mask);
            GivenParameters given = GivenParameters.of(this);
            results.mask(mask);
            output.info(database.describe() + commandLine.overrideNote());
            ProjectClassPath classPath = classPath();
            staleBuildCheck(classPath.outputDirectory()).requireCurrent(goal);
            try (URLClassLoader loader = classPath.open(getClass().getClassLoader())) {
                ManifestCheck.requireManifest(loader, classPath.outputDirectory());
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(loader);
                try {
                    PluginDriver.register();
                    Configuration configuration = given.applyTo(Tidemark.configure(), database)
                            .classLoader(loader)
                            .listener(new ProgressListener(output));
                    SeveralTargets several = severalTargets();
                    if (several != null && SeveralTargets.selected(given)) {
                        several.run(configuration.loadFleet(), output, this::print);
                    } else {
                        run(configuration.load(), output);
                    }
                } finally {
                    thread.setContextClassLoader(previous);
                }
            } catch (IOException e) {
                throw new MojoExecutionException(
                        goal + " could not close the class loader over the project: " + mask.mask(e.getMessage()), e);
            }
        } catch (TidemarkException e) {
            String message = mask.mask(FailureMessage.of(e, database));
            if (e.code() == ErrorCode.INTERNAL) {
                throw new MojoExecutionException(message, e);
            }
            // Not the cause: Maven would append the driver's message, already part of Tidemark's,
            // to the one printed. Suppressed, it still shows in the stack trace of mvn -e.
            MojoFailureException failure = new MojoFailureException(message);
            failure.addSuppressed(e);
            throw failure;
        } catch (MojoFailureException | MojoExecutionException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            String detail = e.getMessage() == null ? e.getClass().getName() : mask.mask(e.getMessage());
            throw new MojoExecutionException(
                    goal + " failed unexpectedly: " + detail + "; run Maven with -e for the stack trace.", e);
        }
    }

    /**
     * Replaces every parameter given as {@code -Dschema.…} on the command line with that value, over
     * what {@code <configuration>} set. A goal with parameters of its own overrides this, calls it
     * first, then does the same for its own.
     */
    void applyCommandLine(CommandLineProperties commandLine) {
        for (Map.Entry<Setting, Field> parameter :
                GivenParameters.fields(getClass()).entrySet()) {
            Field field = parameter.getValue();
            Object configured = GivenParameters.read(field, this);
            try {
                field.set(
                        this,
                        commandLine.value(parameter.getKey().camelName(), field.getType(), configured, basedir()));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set the parameter " + field.getName(), e);
            }
        }
        serverId = commandLine.string("serverId", serverId);
        output = commandLine.string("output", output);
        reportFile = commandLine.file("reportFile", reportFile, basedir());
        skip = commandLine.bool("skip", skip);
    }

    /** The project's base directory, against which a relative file given on the command line is read. */
    final File basedir() {
        return project == null ? null : project.getBasedir();
    }

    /** The goal's name without prefix, for messages. */
    abstract String goalName();

    /** One runtime call, its result to {@link #print}. */
    abstract void run(Tidemark tidemark, Output output);

    /** The goal's call on several targets, or null for a goal that runs on one only. */
    SeveralTargets severalTargets() {
        return null;
    }

    /**
     * The goal's result: printed as text to the log now, or kept for the JSON document written when
     * the goal ends (on standard output, to the report file).
     */
    final void print(Object result, Output output) {
        results.print(result, output);
    }

    final String schemaName() {
        return schema == null || schema.isBlank() ? "public" : schema.trim();
    }

    private ProjectClassPath classPath() {
        List<ProjectClassPath.Element> elements = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (artifact.getFile() != null && RUNTIME_SCOPES.contains(artifact.getScope())) {
                elements.add(new ProjectClassPath.Element(
                        artifact.getGroupId(), artifact.getArtifactId(), artifact.getFile()));
            }
        }
        return new ProjectClassPath(new File(project.getBuild().getOutputDirectory()), elements);
    }

    private StaleBuildCheck staleBuildCheck(File outputDirectory) {
        Path buildDirectory = Path.of(project.getBuild().getDirectory()).toAbsolutePath();
        List<File> sourceRoots = new ArrayList<>();
        for (String root : project.getCompileSourceRoots()) {
            // Generated sources are the compiler's output, not the user's edits.
            if (!Path.of(root).toAbsolutePath().startsWith(buildDirectory)) {
                sourceRoots.add(new File(root));
            }
        }
        List<StaleBuildCheck.ResourceFolder> resources = new ArrayList<>();
        for (Resource resource : project.getResources()) {
            if (resource.getDirectory() != null) {
                resources.add(new StaleBuildCheck.ResourceFolder(
                        new File(resource.getDirectory()), resource.getTargetPath()));
            }
        }
        return new StaleBuildCheck(sourceRoots, resources, outputDirectory);
    }

    private ServerCredentials serverCredentials(SecretMask mask) throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            return null;
        }
        Server server = mavenSettings.getServer(serverId.trim());
        if (server == null) {
            throw new MojoFailureException("settings.xml has no <server> with the id '" + serverId.trim()
                    + "' named by " + Parameters.describe("serverId") + "; add one with <username> and <password>,"
                    + " or correct the id.");
        }
        mask.add(server.getPassword());
        SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("The password of the settings.xml <server> '" + server.getId()
                        + "' cannot be decrypted: " + mask.mask(problem.getMessage())
                        + "; check settings-security.xml (or -Dsettings.security) and the password's"
                        + " {…} text made by mvn --encrypt-password.");
            }
        }
        Server decrypted = result.getServer();
        return new ServerCredentials(server.getId(), decrypted.getUsername(), decrypted.getPassword());
    }

    /** Maven's log, with every known password masked. */
    private record MaskedLog(Log log, SecretMask mask) implements Output {

        @Override
        public void info(String line) {
            if (log.isInfoEnabled()) {
                log.info(mask.mask(line));
            }
        }

        @Override
        public boolean infoEnabled() {
            return log.isInfoEnabled();
        }

        @Override
        public void warn(String line) {
            log.warn(mask.mask(line));
        }

        @Override
        public void debug(String line) {
            if (log.isDebugEnabled()) {
                log.debug(mask.mask(line));
            }
        }
    }
}
