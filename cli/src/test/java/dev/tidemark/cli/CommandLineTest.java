package dev.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.Action;
import dev.tidemark.CallerTerms;
import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.spi.SecretMask;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** The command line without a database: options from the catalog, their sources, its words, its exit codes. */
class CommandLineTest {

    private static final Pattern MAVEN_WORDS = Pattern.compile("mvn |-Dschema\\.|schema:[a-z]|<[a-z]+[A-Z][a-zA-Z]*>");

    @Test
    void everySettingOfTheCatalog_isAnOptionOfEveryCommand() {
        CommandLine commandLine = Run.commandLine();
        assertThat(commandLine.getSubcommands().keySet())
                .containsExactly(
                        "migrate",
                        "validate",
                        "info",
                        "baseline",
                        "adopt",
                        "repair",
                        "diff",
                        "undo",
                        "test",
                        "rehearse");
        for (CommandLine command : commandLine.getSubcommands().values()) {
            CommandSpec spec = command.getCommandSpec();
            for (Setting setting : Setting.values()) {
                assertThat(spec.findOption("--" + setting.kebabName()))
                        .as("%s %s", spec.name(), setting)
                        .isNotNull();
            }
        }
    }

    @Test
    void value_flagThenTidemarkVariableThenDatabaseUrl() {
        Map<String, String> environment = Map.of(
                "DATABASE_URL", "postgres://db/from-platform",
                "TIDEMARK_URL", "jdbc:postgresql://db/from-tidemark",
                "TIDEMARK_LOCK_WAIT", "30s");

        assertThat(SettingOptions.value(
                        parse("migrate", "--url", "jdbc:postgresql://db/flag"), environment, Setting.URL))
                .isEqualTo("jdbc:postgresql://db/flag");
        assertThat(SettingOptions.value(parse("migrate"), environment, Setting.URL))
                .isEqualTo("jdbc:postgresql://db/from-tidemark");
        assertThat(SettingOptions.value(parse("migrate"), Map.of("DATABASE_URL", "postgres://db/x"), Setting.URL))
                .isEqualTo("postgres://db/x");
        assertThat(SettingOptions.value(parse("migrate"), Map.of("DATABASE_URL", "postgres://db/x"), Setting.SCHEMA))
                .isNull();
        assertThat(SettingOptions.value(parse("migrate"), environment, Setting.LOCK_WAIT))
                .isEqualTo("30s");
        assertThat(SettingOptions.value(parse("migrate", "--lock-wait=5s"), environment, Setting.LOCK_WAIT))
                .isEqualTo("5s");
    }

    @Test
    void booleanOption_withoutValueMeansTrue() {
        assertThat(SettingOptions.value(parse("validate", "--fail-on-pending"), Map.of(), Setting.FAIL_ON_PENDING))
                .isEqualTo("true");
        assertThat(SettingOptions.value(parse("migrate", "--create-schema=false"), Map.of(), Setting.CREATE_SCHEMA))
                .isEqualTo("false");
    }

    @Test
    void terms_nameOptionsAndCommands() {
        assertThat(CliTerms.INSTANCE.setting(Setting.LOCK_WAIT, null)).isEqualTo("--lock-wait (TIDEMARK_LOCK_WAIT)");
        assertThat(CliTerms.INSTANCE.setting(Setting.LOCK_WAIT, "PT2M")).isEqualTo("--lock-wait=PT2M");
        assertThat(CliTerms.INSTANCE.action(Action.REPAIR, Setting.REPAIR_AS, "removed"))
                .isEqualTo("tidemark repair --repair-as=removed");
        assertThat(CliTerms.INSTANCE.action(Action.BASELINE, null, "4")).isEqualTo("tidemark baseline 4");
        assertThat(CliTerms.INSTANCE.action(Action.UNDO, Setting.UNDO_TO, "2")).isEqualTo("tidemark undo --undo-to=2");
        assertThat(CliTerms.INSTANCE.action(Action.ACCEPT_DRIFT, null, null)).isEqualTo("tidemark diff --accept");
        assertThat(CliTerms.INSTANCE.action(Action.ROUND_TRIP_TEST, null, null)).isEqualTo("tidemark test");
        assertThat(CliTerms.INSTANCE.action(Action.ADOPT, null, null)).isEqualTo("tidemark adopt --from=<tool>");
        assertThat(CliTerms.INSTANCE.action(Action.MIGRATE, Setting.RESUME, "true"))
                .isEqualTo("tidemark migrate --resume=true");
    }

    @Test
    void everyActionIsACommandOfTheTool() {
        for (Action action : Action.values()) {
            String command = CliTerms.command(action).split(" ")[0];
            assertThat(Run.commandLine().getSubcommands()).as("%s", action).containsKey(command);
        }
    }

    @Test
    void everyRemedyOfTheCatalog_inTheToolsWordsOnly() {
        for (ErrorCode code : ErrorCode.values()) {
            String remedy = code.remedy().render(CliTerms.INSTANCE);
            assertThat(MAVEN_WORDS.matcher(remedy).find())
                    .as("%s: %s", code, remedy)
                    .isFalse();
            for (Setting setting : Setting.values()) {
                assertThat(remedy).doesNotContain(CallerTerms.API.setting(setting, null));
            }
            for (Action action : Action.values()) {
                assertThat(remedy).doesNotContain(CallerTerms.API.action(action, null, null));
            }
        }
        Phrase lock = Phrase.words("Raise ", Setting.LOCK_WAIT, " or run ", Action.REPAIR, ".");
        assertThat(lock.render(CliTerms.INSTANCE))
                .isEqualTo("Raise --lock-wait (TIDEMARK_LOCK_WAIT) or run tidemark repair.");
    }

    @Test
    void exitCodes_followTheErrorCode() {
        assertThat(ExitCode.of(ErrorCode.MIGRATION_FAILED)).isEqualTo(ExitCode.FAILED);
        assertThat(ExitCode.of(ErrorCode.INVALID_CONFIGURATION)).isEqualTo(ExitCode.USAGE);
        assertThat(ExitCode.of(ErrorCode.VALIDATION_FAILED)).isEqualTo(ExitCode.VALIDATION);
        assertThat(ExitCode.of(ErrorCode.DRIFT_DETECTED)).isEqualTo(ExitCode.VALIDATION);
        assertThat(ExitCode.of(ErrorCode.LOCK_WAIT_TIMEOUT)).isEqualTo(ExitCode.LOCK);
        assertThat(ExitCode.of(ErrorCode.CONNECTION_FAILED)).isEqualTo(ExitCode.CONNECTION);
        assertThat(ExitCode.of(ErrorCode.AUTHENTICATION_FAILED)).isEqualTo(ExitCode.CONNECTION);
        assertThat(ExitCode.values()).extracting(ExitCode::code).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void mask_hidesPasswordsInEveryForm() {
        SecretMask mask = new SecretMask().add("hunter2");

        assertThat(mask.mask("jdbc:postgresql://db/app?user=a&password=s3cr3t&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/app?user=a&password=****&ssl=true");
        assertThat(mask.mask("postgres://app:s3cr3t@db:5432/app")).isEqualTo("postgres://app:****@db:5432/app");
        assertThat(mask.mask("the password hunter2 was refused")).isEqualTo("the password **** was refused");
    }

    @Test
    void classPath_missingElement_namesTheOption(@TempDir Path folder) {
        assertThatThrownBy(() -> ApplicationClassPath.open(
                        folder.resolve("app.jar").toString(), getClass().getClassLoader()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--classpath")
                .hasMessageContaining("app.jar");
        assertThatThrownBy(() -> ApplicationClassPath.open(
                        folder.resolve("lib") + "/*", getClass().getClassLoader()))
                .isInstanceOf(ConfigurationException.class);
    }

    private static ParseResult parse(String... args) {
        return Run.commandLine().parseArgs(args).subcommand();
    }
}
