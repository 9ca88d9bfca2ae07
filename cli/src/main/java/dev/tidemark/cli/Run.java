package dev.tidemark.cli;

import dev.tidemark.Configuration;
import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkException;
import dev.tidemark.spi.SecretMask;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** One run of the command: parses the arguments, runs the verb, prints, and returns the exit code. */
final class Run {

    static final String CLASSPATH = "--classpath";
    static final String JSON = "--json";
    static final String VERBOSE = "--verbose";
    static final String PASSWORD_FILE = "--password-file";
    static final String CLASSPATH_ENVIRONMENT = "TIDEMARK_CLASSPATH";
    static final String PASSWORD_FILE_ENVIRONMENT = "TIDEMARK_PASSWORD_FILE";

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private final SecretMask mask = new SecretMask();

    Run(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    int execute(String[] args) {
        // Every password the run can see is masked from the start, a malformed command line included.
        mask.add(environment.get(Setting.PASSWORD.environmentName()));
        boolean json = Arrays.asList(args).contains(JSON);
        CommandLine commandLine = commandLine();
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (ParameterException e) {
            return usageError(e, json);
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return ExitCode.OK.code();
        }
        if (!parsed.hasSubcommand()) {
            err.print(commandLine.getUsageMessage());
            return ExitCode.USAGE.code();
        }
        ParseResult command = parsed.subcommand();
        Verb verb = Verb.named(command.commandSpec().name());
        Output output = new Output(json, out, err, mask);
        try {
            return runVerb(verb, command, output).code();
        } catch (TidemarkException e) {
            output.failure(e);
            if (e.code() == ErrorCode.INVALID_MANIFEST) {
                err.println("The migrations are looked for on "
                        + (classPath(command) == null
                                ? "the class path tidemark runs on; give the application's jar with --classpath app.jar."
                                : "--classpath " + classPath(command) + "."));
            }
            return ExitCode.of(e.code()).code();
        } catch (RuntimeException e) {
            output.failure(e);
            return ExitCode.FAILED.code();
        }
    }

    private ExitCode runVerb(Verb verb, ParseResult command, Output output) {
        Configuration configuration = Tidemark.configure();
        SettingOptions.apply(command, environment, configuration);
        String password = SettingOptions.value(command, environment, Setting.PASSWORD);
        mask.add(password);
        if (!command.hasMatchedOption(SettingOptions.optionName(Setting.PASSWORD))) {
            String passwordFile = command.hasMatchedOption(PASSWORD_FILE)
                    ? command.matchedOptionValue(PASSWORD_FILE, (String) null)
                    : password == null ? environment.get(PASSWORD_FILE_ENVIRONMENT) : null;
            if (passwordFile != null && !passwordFile.isBlank()) {
                String fromFile = readPasswordFile(passwordFile);
                mask.add(fromFile);
                configuration.password(fromFile);
            }
        }
        configuration.listener(output.progress(command.hasMatchedOption(VERBOSE)));
        String classPath = classPath(command);
        if (classPath == null) {
            configuration.classLoader(Run.class.getClassLoader());
            return execute(verb, command, configuration, output);
        }
        try (ApplicationClassPath application = ApplicationClassPath.open(classPath, Run.class.getClassLoader())) {
            configuration.classLoader(application.loader());
            return execute(verb, command, configuration, output);
        }
    }

    /** The class path given with --classpath or TIDEMARK_CLASSPATH, or null. */
    private String classPath(ParseResult command) {
        String classPath = command.hasMatchedOption(CLASSPATH)
                ? command.matchedOptionValue(CLASSPATH, (String) null)
                : environment.get(CLASSPATH_ENVIRONMENT);
        return classPath == null || classPath.isBlank() ? null : classPath;
    }

    private static ExitCode execute(Verb verb, ParseResult command, Configuration configuration, Output output) {
        if (configuration.selectsSeveralTargets() && verb.runsOnSeveralTargets()) {
            output.result(verb.run(configuration.loadFleet(), command));
            return ExitCode.OK;
        }
        Tidemark tidemark = configuration.load();
        Object result = verb.run(tidemark, command);
        output.result(result);
        return verb.exitCode(result);
    }

    /** The file's content without its trailing line break, as container secrets are written. */
    private static String readPasswordFile(String file) {
        try {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            if (content.endsWith("\n")) {
                content = content.substring(0, content.length() - 1);
            }
            if (content.endsWith("\r")) {
                content = content.substring(0, content.length() - 1);
            }
            return content;
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(
                    Phrase.of(PASSWORD_FILE + " names " + file + ", which cannot be read ("
                            + e.getClass().getSimpleName() + ")."),
                    Phrase.of("Give a readable file holding only the password, such as a mounted container secret."));
        }
    }

    private int usageError(ParameterException e, boolean json) {
        TidemarkException failure = new TidemarkException(ErrorCode.INVALID_CONFIGURATION, mask.mask(e.getMessage()));
        String command = e.getCommandLine().getCommandName();
        String help = "tidemark".equals(command) ? "tidemark --help" : "tidemark " + command + " --help";
        if (json) {
            new Output(true, out, err, mask).failure(failure);
        } else {
            err.println(mask.mask(e.getMessage()));
        }
        err.println("Run " + help + " for the commands and options.");
        return ExitCode.USAGE.code();
    }

    static CommandLine commandLine() {
        CommandSpec root = CommandSpec.create()
                .name("tidemark")
                .mixinStandardHelpOptions(true)
                .version(versionText());
        root.usageMessage()
                .description("Schema migrations for PostgreSQL from the application's jar: for deploy steps, without"
                        + " Maven or sources.")
                .footerHeading("%nExit codes:%n")
                .footer(exitCodes());
        CommandLine commandLine = new CommandLine(root);
        for (Verb verb : Verb.values()) {
            CommandSpec spec = CommandSpec.create().name(verb.command()).mixinStandardHelpOptions(true);
            spec.usageMessage()
                    .description(verb.description())
                    .sortOptions(false)
                    .footerHeading("%nExit codes:%n")
                    .footer(exitCodes());
            verb.addArguments(spec);
            addCommonOptions(spec);
            SettingOptions.addTo(spec);
            commandLine.addSubcommand(verb.command(), new CommandLine(spec));
        }
        return commandLine;
    }

    private static void addCommonOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder(CLASSPATH, "--cp")
                .paramLabel("<path>")
                .type(String.class)
                .description(
                        "The application: jars and folders separated by '" + java.io.File.pathSeparator
                                + "', lib/* for every jar of a folder; a Spring Boot jar is opened as Spring Boot"
                                + " opens it. Default: the class path the command runs on.",
                        "Environment: " + CLASSPATH_ENVIRONMENT + ".")
                .build());
        spec.addOption(OptionSpec.builder(JSON)
                .arity("0")
                .type(boolean.class)
                .description("Print one JSON document on standard output, the result or the error; progress"
                        + " stays on standard error.")
                .build());
        spec.addOption(OptionSpec.builder(VERBOSE)
                .arity("0")
                .type(boolean.class)
                .description("Show detail for troubleshooting on standard error, such as each statement run.")
                .build());
        spec.addOption(OptionSpec.builder(PASSWORD_FILE)
                .paramLabel("<file>")
                .type(String.class)
                .description(
                        "A file holding the database password (a container secret); a trailing line break is"
                                + " ignored. Used when --password is not given.",
                        "Environment: " + PASSWORD_FILE_ENVIRONMENT + ", when " + Setting.PASSWORD.environmentName()
                                + " is not set.")
                .build());
    }

    private static String[] exitCodes() {
        return Arrays.stream(ExitCode.values())
                .map(code -> String.format("  %d  %s", code.code(), code.summary()))
                .toArray(String[]::new);
    }

    private static String versionText() {
        String version = Run.class.getPackage().getImplementationVersion();
        return "tidemark " + (version == null ? "(development build)" : version);
    }
}
