package dev.tidemark.processor;

import java.util.Locale;

/**
 * Every message the processor can report, each with a stable id (quoted in the message as {@code
 * [TM-P001]}) and a hint that says how to fix it. Ids are never reused: a retired message keeps
 * its number.
 */
enum ProcessorMessage {
    MALFORMED_VERSION(
            1,
            "@Migration on %s has a malformed version: %s.",
            "Write the version as dotted numbers: \"3\", \"1.2\" or \"2024.06.01.1\"."),
    DUPLICATE_VERSION(
            2,
            "%s has version %s, the same version as %s. A version identifies exactly one migration.",
            "Give each migration a version of its own (1, 1.0 and 1.0.0 count as the same version);"
                    + " a new migration usually takes the next version after the highest one."),
    NOT_A_CLASS(
            3,
            "@Migration is on %s %s, which cannot be created and run as a migration.",
            "Put @Migration on a public class with a public no-argument constructor that implements"
                    + " dev.tidemark.JavaMigration."),
    ABSTRACT_CLASS(
            4,
            "%s is abstract, so the manifest cannot create it.",
            "Remove 'abstract', or put @Migration on the concrete subclass instead."),
    NOT_PUBLIC(5, "%s is not public, so the generated manifest cannot create it.", "Declare the class public."),
    INNER_CLASS(
            6,
            "%s is an inner (non-static) class: it cannot exist without an instance of %s.",
            "Declare it 'public static', or move it to a file of its own."),
    ENCLOSING_NOT_PUBLIC(
            7,
            "%s is nested in %s, which is not public, so the generated manifest cannot reach it.",
            "Declare the enclosing class public, or move the migration to a file of its own."),
    NO_PUBLIC_NO_ARG_CONSTRUCTOR(
            8,
            "%s has no public constructor without parameters, so the manifest cannot create it with new %s().",
            "Add a public no-argument constructor (or remove the other constructors); take what the"
                    + " migration needs at run time from its MigrationContext."),
    NOT_A_JAVA_MIGRATION(
            9,
            "%s does not implement dev.tidemark.JavaMigration.",
            "Add 'implements JavaMigration' and put the schema change in up(MigrationContext)."),
    UNNAMED_PACKAGE(
            10,
            "%s is in the unnamed package, where the generated manifest cannot refer to it.",
            "Move the migration into a package, for example com.example.db.migration."),
    NO_COMMON_PACKAGE(
            11,
            "The migrations share no package (%s), so there is no package to put the manifest in.",
            "Move the migrations under one package, or name the manifest's package with the compiler"
                    + " option -Atidemark.manifestPackage=com.example.db."),
    INVALID_MANIFEST_PACKAGE_OPTION(
            12,
            "The compiler option -Atidemark.manifestPackage=%s is not a package name.",
            "Give a qualified package name such as com.example.db, or remove the option to use the"
                    + " common package of the migrations."),
    SOURCE_UNAVAILABLE(
            13,
            "Cannot read the source of %s through the compiler's tree API (com.sun.source.util.Trees): %s."
                    + " Tidemark checksums each migration's source and will not write a checksum that means"
                    + " something else.",
            "Compile with javac (JDK 17 or later), as maven-compiler-plugin does by default; compilers"
                    + " without the tree API, such as Eclipse's ecj, cannot build Tidemark migrations."),
    LATE_ROUND(
            14,
            "%s appeared in a later annotation-processing round, after the manifest was written.",
            "Write migrations as ordinary source files; generating them with another annotation"
                    + " processor is not supported."),
    WRITE_FAILED(
            15,
            "Cannot write %s: %s.",
            "Run a clean build (mvn clean compile); if it persists, check that the output directory is" + " writable."),
    PREVIOUS_ENTRIES_UNREADABLE(
            16,
            "Cannot read the entries of the previous compilation from %s: %s. Migrations not compiled this"
                    + " time may be missing from the manifest.",
            "Run a clean build (mvn clean compile)."),
    UNEXPECTED_FAILURE(
            17,
            "The Tidemark processor failed unexpectedly: %s",
            "Report this with the stack trace above; a clean build (mvn clean compile) may get past it."),
    MANIFEST_NAME_TAKEN(
            18,
            "%s is the name of the manifest Tidemark generates for the migrations in this compilation.",
            "Rename this class, or have the manifest generated in another package with the compiler"
                    + " option -Atidemark.manifestPackage=com.example.db."),
    UNCOVERED_CODE(
            19,
            "%s %s, %s: the migration's checksum does not cover it, so validate will not notice when it"
                    + " changes what the migration runs.",
            "Write the SQL in the migration itself, as a string, a text block or a compile-time constant"
                    + " (the values of constants of other classes are part of the checksum). If that code"
                    + " can never change what this migration runs, put"
                    + " @SuppressWarnings(\"tidemark:uncovered-code\") on the migration class, or on the"
                    + " method, field or variable declaration that contains it."),
    LINT_ALLOW_WITHOUT_REASON(
            20,
            "@AllowLint on %s allows %s without a reason.",
            "Say in reason why the rule's concern does not apply to this migration, for example"
                    + " reason = \"the table is empty at this point\"; the reason is kept in the manifest."),
    LINT_UNKNOWN_RULE(
            21,
            "@AllowLint on %s names the rule %s, which Tidemark's SQL lint does not have.",
            "Write the id of a rule as it appears in the finding, such as \"TM-L001\"."),
    LINT_INVALID_OPTION(
            22,
            "The compiler option %s is not a severity.",
            "Give error, warning, note or off, for example -Atidemark.lint.TM_L001=off."),
    SQL_UNKNOWN_NAME(
            30,
            "%s is not named as a SQL migration (%s).",
            "Name it V<version>__<description>.sql (with U<version>__<description>.sql as its down),"
                    + " <version>_<name>.up.sql and <version>_<name>.down.sql, or put up.sql (and down.sql)"
                    + " in a folder <version>_<name>; or move it out of the migration folder."),
    SQL_MALFORMED_VERSION(
            31,
            "%s has a malformed version: %s.",
            "Write the version as numbers separated by dots or underscores (V1.2__, V1_2__) in a Flyway"
                    + " name, or by dots or dashes (2024-01-01-000000_) in the other layouts."),
    SQL_DOWN_WITHOUT_UP(
            32,
            "%s is the down of version %s, but no up file has that version.",
            "Give it the version of the up file it reverts (U1.2__… beside V1.2__…), or delete it."),
    SQL_UNREADABLE(33, "Cannot read the SQL migration %s: %s.", "Check that the file is readable UTF-8 text."),
    SQL_CONTENT(
            34,
            "%s, line %d: %s.",
            "Fix the file at that line; Tidemark runs each statement through JDBC, on its own."),
    SQL_FOLDER_MISSING(
            35,
            "The SQL migration folder %s given in -Atidemark.sqlFolders does not exist (a relative folder is"
                    + " resolved against the project folder %s).",
            "Give folders that exist, separated by commas."),
    SQL_METADATA(36, "%s, line %d: %s.", "metadata.toml may hold only run_in_transaction = true or false."),
    SQL_ALLOW_UNKNOWN_RULE(
            37,
            "%s, line %d: the comment -- tidemark:allow names %s, which Tidemark's SQL lint does not have.",
            "Write the id of a rule as the finding shows it, then the reason:"
                    + " -- tidemark:allow TM-L001 the table is empty at this point"),
    SQL_ALLOW_WITHOUT_REASON(
            38,
            "%s, line %d: the comment -- tidemark:allow allows %s without a reason.",
            "Say after the rule's id why its concern does not apply to the statement, for example"
                    + " -- tidemark:allow TM-L001 the table is empty at this point; the reason is kept in the"
                    + " manifest."),
    SQL_ALLOW_AFTER_LAST_STATEMENT(
            39,
            "%s, line %d: the comment -- tidemark:allow follows the file's last statement, so it allows the"
                    + " rule for no statement.",
            "Move it before the statement it is about (a comment allows a rule for the statement it precedes"
                    + " or is in)."),
    DUPLICATE_REPEATABLE(
            40,
            "%s is a repeatable migration with the description '%s', the same description as %s. A"
                    + " repeatable migration is identified by its description.",
            "Rename one of the files (R__<description>.sql) so that each description is its own, or merge them.");

    private final String id;
    private final String text;
    private final String hint;

    ProcessorMessage(int number, String text, String hint) {
        this.id = String.format(Locale.ROOT, "TM-P%03d", number);
        this.text = text;
        this.hint = hint;
    }

    /** The stable id, such as {@code TM-P001}. */
    String id() {
        return id;
    }

    /** The full message: id, what happened, and on its own line what to do. */
    String format(Object... arguments) {
        return "[" + id + "] " + String.format(Locale.ROOT, text, arguments) + "\n  Fix: " + hint;
    }
}
