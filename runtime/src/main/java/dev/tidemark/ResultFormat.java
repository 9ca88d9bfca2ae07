package dev.tidemark;

import java.time.Duration;
import java.util.List;

/**
 * Renders any result of a {@link Tidemark} command, or the failure of one, as text for a person or
 * as one JSON document for a machine (a CI step, a command-line tool's {@code --json}, a monitoring
 * endpoint). The one place where results become text; the same for every caller.
 *
 * <p>The JSON is an object whose {@code result} field names the command ({@code migrate}, {@code
 * validate}, {@code info}, {@code baseline}, {@code repair}, {@code diff}, {@code acceptDrift},
 * {@code undo}, {@code rehearse}, {@code test}, or {@code error} for a failure). Field names are
 * camelCase and stable; versions are strings; instants are ISO-8601 ({@code 2026-01-31T09:15:00Z});
 * durations are whole milliseconds in fields ending in {@code Ms}; absent values are {@code null}.
 * No result holds a password or a URL, so none can appear.
 */
public final class ResultFormat {

    private ResultFormat() {}

    /**
     * The result as a person reads it at the end of a command, one line per line. What the events
     * of the run already said (each migration applied or undone, each repair) is not repeated.
     *
     * @throws IllegalArgumentException when {@code result} is not a Tidemark result
     */
    public static String toText(Object result) {
        return String.join("\n", ResultText.lines(result));
    }

    /**
     * The result as one JSON document on one line.
     *
     * @throws IllegalArgumentException when {@code result} is not a Tidemark result
     */
    public static String toJson(Object result) {
        Json json = new Json().beginObject();
        if (result instanceof MigrateResult r) {
            migrate(json, r);
        } else if (result instanceof ValidateResult r) {
            validate(json, r);
        } else if (result instanceof InfoResult r) {
            info(json, r);
        } else if (result instanceof BaselineResult r) {
            baseline(json, r);
        } else if (result instanceof RepairResult r) {
            repair(json, r);
        } else if (result instanceof DiffResult r) {
            diff(json, r);
        } else if (result instanceof DriftAcceptance r) {
            acceptance(json, r);
        } else if (result instanceof UndoResult r) {
            undo(json, r);
        } else if (result instanceof RehearsalResult r) {
            json.name("result").value("rehearse");
            rehearsal(json, r);
        } else if (result instanceof RoundTripResult r) {
            roundTrip(json, r);
        } else if (result instanceof AdoptResult r) {
            adopt(json, r);
        } else if (result instanceof FleetResult r) {
            fleet(json, r);
        } else {
            throw new IllegalArgumentException("not a Tidemark result: " + result);
        }
        return json.endObject().toString();
    }

    /**
     * A failed command as one JSON document: {@code result} is {@code error}, {@code code} the
     * error code ({@code TM-R030}) or null for a failure that is not Tidemark's, {@code message} the
     * whole message, and {@code problems} the validation problems when there are any; a run on
     * several targets that failed adds the fields of its {@link FleetResult} ({@code command},
     * {@code targets}, …).
     */
    public static String toJson(Throwable failure) {
        return toJson(failure, CallerTerms.API);
    }

    /**
     * {@link #toJson(Throwable)} with every setting and action in {@code terms}, and for a Tidemark
     * failure its three parts on their own as well: {@code what} happened, the {@code state} the
     * database is in and the {@code remedy}.
     */
    public static String toJson(Throwable failure, CallerTerms terms) {
        Json json = new Json().beginObject().name("result").value("error");
        if (failure instanceof TidemarkException e) {
            json.name("code").value(e.code().id());
            json.name("message").value(e.message(terms));
            json.name("what").value(e.what().render(terms));
            json.name("state").value(e.state().render(terms));
            json.name("remedy").value(e.remedy().render(terms));
        } else {
            json.name("code").value((String) null);
            json.name("message")
                    .value(failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage());
        }
        if (failure instanceof FleetFailedException e) {
            fleetFields(json, e.result());
        }
        if (failure instanceof ValidationException e && e.result() != null) {
            json.name("problems");
            problems(json, e.result().problems());
            json.name("pending");
            migrations(json, e.result().pending());
        }
        return json.endObject().toString();
    }

    private static void migrate(Json json, MigrateResult r) {
        json.name("result").value("migrate");
        json.name("schema").value(r.schema());
        json.name("initialVersion").value(text(r.initialVersion()));
        json.name("currentVersion").value(text(r.currentVersion()));
        json.name("applied").beginArray();
        for (AppliedMigration applied : r.applied()) {
            json.beginObject();
            migrationFields(json, applied.migration());
            json.name("executionTimeMs").value(millis(applied.executionTime()));
            json.endObject();
        }
        json.endArray();
        json.name("pendingBeyondTarget");
        migrations(json, r.pendingBeyondTarget());
        json.name("repeatablesApplied");
        strings(json, r.repeatablesApplied());
        json.name("totalTimeMs").value(millis(r.totalTime()));
        json.name("rehearsal");
        if (r.rehearsal() == null) {
            json.nullValue();
        } else {
            json.beginObject();
            rehearsal(json, r.rehearsal());
            json.endObject();
        }
    }

    /**
     * A run on several targets: {@code result} names the command as for one target, {@code targets}
     * holds one object per target (without the command's own result, which for 200 tenants would be
     * 200 documents: run the command on one target for that).
     */
    private static void fleet(Json json, FleetResult r) {
        json.name("result").value(r.command());
        fleetFields(json, r);
    }

    private static void fleetFields(Json json, FleetResult r) {
        json.name("command").value(r.command());
        json.name("ok").value(r.ok());
        json.name("parallelism").value(r.parallelism());
        json.name("succeeded").value(r.succeeded().size());
        json.name("failed").value(r.failed().size());
        json.name("notStarted").value(r.notStarted().size());
        json.name("totalTimeMs").value(millis(r.totalTime()));
        json.name("targets").beginArray();
        for (TargetResult t : r.targets()) {
            json.beginObject();
            json.name("database").value(t.database());
            json.name("schema").value(t.schema());
            json.name("outcome").value(t.outcome().name());
            json.name("versionBefore").value(text(t.versionBefore()));
            json.name("versionAfter").value(text(t.versionAfter()));
            json.name("timeMs").value(millis(t.time()));
            json.name("code").value(t.errorCode());
            json.name("message").value(t.message());
            json.endObject();
        }
        json.endArray();
    }

    private static void validate(Json json, ValidateResult r) {
        json.name("result").value("validate");
        json.name("schema").value(r.schema());
        json.name("valid").value(r.valid());
        json.name("currentVersion").value(text(r.currentVersion()));
        json.name("problems");
        problems(json, r.problems());
        json.name("warnings");
        strings(json, r.warnings());
        json.name("pending");
        migrations(json, r.pending());
    }

    private static void info(Json json, InfoResult r) {
        json.name("result").value("info");
        json.name("schema").value(r.schema());
        json.name("table").value(r.table());
        json.name("currentVersion").value(text(r.currentVersion()));
        json.name("migrations").beginArray();
        for (MigrationInfo m : r.migrations()) {
            json.beginObject();
            json.name("version").value(text(m.version()));
            json.name("description").value(m.description());
            json.name("type").value(m.type());
            json.name("className").value(m.className());
            json.name("state").value(m.state().name());
            json.name("installedOn").value(text(m.installedOn()));
            json.name("installedBy").value(m.installedBy());
            json.name("executionTimeMs").value(millis(m.executionTime()));
            json.name("checksumMatches");
            if (m.checksumMatches() == null) {
                json.nullValue();
            } else {
                json.value(m.checksumMatches().booleanValue());
            }
            json.name("progress").value(m.progress());
            allowedLint(json, m.allowedLint());
            json.endObject();
        }
        json.endArray();
        json.name("repeatables").beginArray();
        for (RepeatableInfo m : r.repeatables()) {
            json.beginObject();
            json.name("description").value(m.description());
            json.name("file").value(m.file());
            json.name("state").value(m.state().name());
            json.name("installedOn").value(text(m.installedOn()));
            json.name("installedBy").value(m.installedBy());
            json.name("executionTimeMs").value(millis(m.executionTime()));
            allowedLint(json, m.allowedLint());
            json.endObject();
        }
        json.endArray();
    }

    /** {@code "allowedLint":[{"rule":…,"reason":…}]}. */
    private static void allowedLint(Json json, List<LintAllowance> allowances) {
        json.name("allowedLint").beginArray();
        for (LintAllowance allowed : allowances) {
            json.beginObject();
            json.name("rule").value(allowed.rule());
            json.name("reason").value(allowed.reason());
            json.endObject();
        }
        json.endArray();
    }

    private static void baseline(Json json, BaselineResult r) {
        json.name("result").value("baseline");
        json.name("schema").value(r.schema());
        json.name("version").value(text(r.version()));
        json.name("description").value(r.description());
        json.name("coveredMigrations").value(r.coveredMigrations());
        json.name("sameSchemaVersions");
        strings(
                json,
                r.sameSchemaVersions().stream().map(MigrationVersion::toString).toList());
    }

    private static void adopt(Json json, AdoptResult r) {
        json.name("result").value("adopt");
        json.name("source").value(r.source());
        json.name("sourceTable").value(r.sourceTable());
        json.name("historyTable").value(r.historyTable());
        json.name("dryRun").value(r.dryRun());
        json.name("version").value(text(r.version()));
        json.name("rows").value(r.rows());
        json.name("mapping").beginArray();
        for (AdoptResult.Row row : r.mapping()) {
            json.beginObject();
            json.name("theirs").value(row.theirs());
            json.name("migration").value(row.migration());
            json.name("verdict").value(row.verdict());
            json.name("problem").value(row.problem());
            json.endObject();
        }
        json.endArray();
    }

    private static void repair(Json json, RepairResult r) {
        json.name("result").value("repair");
        json.name("schema").value(r.schema());
        json.name("actions").beginArray();
        for (RepairResult.Action action : r.actions()) {
            json.beginObject();
            json.name("kind").value(action.kind().name());
            json.name("version").value(text(action.version()));
            json.name("detail").value(action.detail());
            json.endObject();
        }
        json.endArray();
    }

    private static void diff(Json json, DiffResult r) {
        json.name("result").value("diff");
        json.name("schema").value(r.schema());
        json.name("drift").value(r.drift());
        json.name("note").value(r.note());
        json.name("snapshotRecorded").value(r.snapshotRecorded());
        json.name("snapshotVersion").value(text(r.snapshotVersion()));
        json.name("expectedFingerprint").value(r.expectedFingerprint());
        json.name("foundFingerprint").value(r.foundFingerprint());
        json.name("differences").beginArray();
        for (SchemaDifference d : r.differences()) {
            json.beginObject();
            json.name("change").value(d.change().name());
            json.name("kind").value(d.kind());
            json.name("object").value(d.object());
            json.name("attribute").value(d.attribute());
            json.name("expected").value(d.expected());
            json.name("found").value(d.found());
            json.name("message").value(d.message());
            json.endObject();
        }
        json.endArray();
    }

    private static void acceptance(Json json, DriftAcceptance r) {
        json.name("result").value("acceptDrift");
        json.name("schema").value(r.schema());
        json.name("recorded").value(r.recorded());
        json.name("version").value(text(r.version()));
        json.name("accepted");
        strings(json, r.accepted());
        json.name("stillReported");
        strings(json, r.stillReported());
        json.name("acceptedBy").value(r.acceptedBy());
        json.name("acceptedOn").value(text(r.acceptedOn()));
        json.name("fingerprint").value(r.fingerprint());
        json.name("note").value(r.note());
    }

    private static void undo(Json json, UndoResult r) {
        json.name("result").value("undo");
        json.name("schema").value(r.schema());
        json.name("initialVersion").value(text(r.initialVersion()));
        json.name("currentVersion").value(text(r.currentVersion()));
        json.name("undone").beginArray();
        for (UndoneMigration undone : r.undone()) {
            json.beginObject();
            migrationFields(json, undone.migration());
            json.name("executionTimeMs").value(millis(undone.executionTime()));
            json.endObject();
        }
        json.endArray();
        json.name("totalTimeMs").value(millis(r.totalTime()));
    }

    private static void rehearsal(Json json, RehearsalResult r) {
        json.name("schema").value(r.schema());
        json.name("succeeded").value(r.succeeded());
        json.name("currentVersion").value(text(r.currentVersion()));
        json.name("steps").beginArray();
        for (RehearsalResult.Step step : r.steps()) {
            json.beginObject();
            migrationFields(json, step.migration());
            json.name("outcome").value(step.outcome().name());
            json.name("timeMs").value(millis(step.time()));
            json.name("statements").beginArray();
            for (RehearsalResult.Statement statement : step.statements()) {
                json.beginObject();
                json.name("sql").value(statement.sql());
                json.name("timeMs").value(millis(statement.time()));
                json.endObject();
            }
            json.endArray();
            json.name("failedStatement").value(step.failedStatement());
            json.name("sqlState").value(step.sqlState());
            json.name("error").value(step.error());
            json.endObject();
        }
        json.endArray();
        json.name("totalTimeMs").value(millis(r.totalTime()));
        LockAnalysisJson.write(json.name("analysis"), r.analysis());
    }

    private static void roundTrip(Json json, RoundTripResult r) {
        json.name("result").value("test");
        json.name("schema").value(r.schema());
        json.name("clean").value(r.isClean());
        json.name("checks").beginArray();
        for (RoundTripResult.Check check : r.checks()) {
            json.beginObject();
            migrationFields(json, check.migration());
            json.name("outcome").value(check.outcome().name());
            json.name("problem").value(check.problem());
            json.name("differences");
            strings(json, check.differences());
            json.name("error").value(check.error());
            json.endObject();
        }
        json.endArray();
        json.name("totalTimeMs").value(millis(r.totalTime()));
    }

    private static void problems(Json json, List<ValidationProblem> problems) {
        json.beginArray();
        for (ValidationProblem problem : problems) {
            json.beginObject();
            json.name("kind").value(problem.kind().name());
            json.name("version").value(text(problem.version()));
            json.name("className").value(problem.className());
            json.name("message").value(problem.message());
            json.endObject();
        }
        json.endArray();
    }

    private static void migrations(Json json, List<MigrationDescriptor> migrations) {
        json.beginArray();
        for (MigrationDescriptor migration : migrations) {
            json.beginObject();
            migrationFields(json, migration);
            json.endObject();
        }
        json.endArray();
    }

    private static void migrationFields(Json json, MigrationDescriptor migration) {
        json.name("version").value(text(migration.version()));
        json.name("description").value(migration.description());
        json.name("className").value(migration.className());
        json.name("transactional").value(migration.transactional());
    }

    private static void strings(Json json, List<String> values) {
        json.beginArray();
        values.forEach(json::value);
        json.endArray();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
