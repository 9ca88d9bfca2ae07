package dev.tidemark.cli;

import dev.tidemark.DiffResult;
import dev.tidemark.Fleet;
import dev.tidemark.RehearsalResult;
import dev.tidemark.RoundTripResult;
import dev.tidemark.Tidemark;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** The commands: one for every verb of the runtime's API, each one call to {@link Tidemark}. */
enum Verb {
    MIGRATE("migrate", "Apply the pending migrations, up to --target.") {
        @Override
        Object run(Tidemark tidemark, ParseResult command) {
            return tidemark.migrate();
        }

        @Override
        Object run(Fleet fleet, ParseResult command) {
            return fleet.migrate();
        }
    },
    VALIDATE(
            "validate",
            "Compare the code with the history and the live schema with its snapshot; fail on any difference"
                    + " (on pending migrations too with --fail-on-pending).") {
        @Override
        Object run(Tidemark tidemark, ParseResult command) {
            return tidemark.validate();
        }

        @Override
        Object run(Fleet fleet, ParseResult command) {
            return fleet.validate();
        }
    },
    INFO("info", "Show every migration and its state; changes nothing and takes no lock.") {
        @Override
        Object run(Tidemark tidemark, ParseResult command) {
            return tidemark.info();
        }

        @Override
        Object run(Fleet fleet, ParseResult command) {
            return fleet.info();
        }
    },
    BASELINE(
            "baseline",
            "Adopt a database whose schema was made by other means: at <version>, or without one at the"
                    + " version whose schema equals the live one.") {
        @Override
        void addArguments(CommandSpec spec) {
            spec.addPositional(PositionalParamSpec.builder()
                    .paramLabel("<version>")
                    .arity("0..1")
                    .type(String.class)
                    .description("The version the database's schema is at.")
                    .build());
        }

        @Override
        Object run(Tidemark tidemark, ParseResult command) {
            return command.hasMatchedPositional(0)
                    ? tidemark.baseline(command.matchedPositional(0).getValue())
                    : tidemark.baseline();
        }

        @Override
        Object run(Fleet fleet, ParseResult command) {
            return fleet.baseline(
                    command.hasMatchedPositional(0)
                            ? command.matchedPositional(0).getValue()
                            : null);
        }
    },
    ADOPT(
            "adopt",
            "Take over another tool's history (Flyway, Liquibase, Diesel, golang-migrate, Drizzle, Sequelize):"
                    + " match each of its rows to a migration of the code and write Tidemark's history.") {
        @Override
        void addArguments(CommandSpec spec) {
            spec.addOption(OptionSpec.builder(FROM)
                    .paramLabel("<tool>")
                    .type(String.class)
                    .description("The tool to take over from: flyway, liquibase, diesel, golang-migrate, drizzle or"
                            + " sequelize. Default: the one whose history table exists.")
                    .build());
            spec.addOption(OptionSpec.builder(DRY_RUN)
                    .arity("0")
                    .type(boolean.class)
                    .description("Only show the mapping; write nothing.")
                    .build());
        }

        @Override
        Object run(Tidemark tidemark, ParseResult command) {
            return tidemark.adopt(command.matchedOptionValue(FROM, (String) null), command.hasMatchedOption(DRY_RUN));
        }
    },
    REPAIR("repair", "Realign the history with the code; a stopped non-transactional migration needs --repair-as.") {
        @Override
        Object run(Tidemark tidemark, ParseResult command) {
            return tidemark.repair();
        }
    },
    DIFF(
            "diff",
            "List every difference between the live schema and the snapshot of the last migrate; with"
                    + " --accept, accept the live schema as the new snapshot.") {
        @Override
        void addArguments(CommandSpec spec) {
            spec.addOption(OptionSpec.builder(ACCEPT)
                    .arity("0")
                    .type(boolean.class)
                    .description("Accept the live schema as the new reference for drift checks.")
                    .build());
        }

        @Override
        Object run(Tidemark tidemark, ParseResult command) {
            return command.hasMatchedOption(ACCEPT) ? tidemark.acceptDrift() : tidemark.diff();
        }

        @Override
        ExitCode exitCode(Object result) {
            return result instanceof DiffResult diff && diff.drift() ? ExitCode.VALIDATION : ExitCode.OK;
        }
    },
    UNDO("undo", "Revert the newest migration through its down(), or every one above --undo-to.") {
        @Override
        Object run(Tidemark tidemark, ParseResult command) {
            return tidemark.undo();
        }
    },
    TEST("test", "Check in a temporary database that each migration's down() restores the schema its up() found.") {
        @Override
        Object run(Tidemark tidemark, ParseResult command) {
            return tidemark.roundTrip();
        }

        @Override
        ExitCode exitCode(Object result) {
            return ((RoundTripResult) result).isClean() ? ExitCode.OK : ExitCode.VALIDATION;
        }
    },
    REHEARSE("rehearse", "Run the pending migrations in a transaction that is rolled back, and report each one.") {
        @Override
        Object run(Tidemark tidemark, ParseResult command) {
            return tidemark.rehearse();
        }

        @Override
        ExitCode exitCode(Object result) {
            return ((RehearsalResult) result).succeeded() ? ExitCode.OK : ExitCode.FAILED;
        }
    };

    static final String ACCEPT = "--accept";
    static final String FROM = "--from";
    static final String DRY_RUN = "--dry-run";

    private final String command;
    private final String description;

    Verb(String command, String description) {
        this.command = command;
        this.description = description;
    }

    String command() {
        return command;
    }

    String description() {
        return description;
    }

    /** The command's own arguments, beside the settings and the options every command has. */
    void addArguments(CommandSpec spec) {}

    /** Runs the command; a failure is thrown as the runtime throws it. */
    abstract Object run(Tidemark tidemark, ParseResult command);

    /** Runs the command on every target a fleet selects; only those of {@link #runsOnSeveralTargets} do. */
    Object run(Fleet fleet, ParseResult command) {
        throw new IllegalStateException(name() + " runs on one target");
    }

    /** Whether the command runs on several targets ({@code --schemas}, {@code --urls}, …): migrate, validate, info, baseline. */
    boolean runsOnSeveralTargets() {
        return this == MIGRATE || this == VALIDATE || this == INFO || this == BASELINE;
    }

    /** The exit code of a command that returned {@code result}. */
    ExitCode exitCode(Object result) {
        return ExitCode.OK;
    }

    static Verb named(String command) {
        for (Verb verb : values()) {
            if (verb.command.equals(command)) {
                return verb;
            }
        }
        throw new IllegalArgumentException("no command " + command);
    }
}
