package dev.tidemark.maven;

import static dev.tidemark.maven.Fixtures.migration;
import static dev.tidemark.maven.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.AppliedMigration;
import dev.tidemark.BaselineResult;
import dev.tidemark.DiffResult;
import dev.tidemark.DriftAcceptance;
import dev.tidemark.LockAnalysis;
import dev.tidemark.MigrateResult;
import dev.tidemark.RehearsalResult;
import dev.tidemark.RepairResult;
import dev.tidemark.UndoResult;
import dev.tidemark.UndoneMigration;
import dev.tidemark.ValidateResult;
import dev.tidemark.ValidationProblem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {

    @Test
    void migrate_summarisesWhatWasApplied() {
        MigrateResult result = new MigrateResult(
                "public",
                v("2"),
                v("5"),
                List.of(
                        new AppliedMigration(migration("3", "a", true), Duration.ofMillis(10)),
                        new AppliedMigration(migration("4", "b", true), Duration.ofMillis(10)),
                        new AppliedMigration(migration("5", "c", true), Duration.ofMillis(10))),
                List.of(),
                Duration.ofMillis(1234));

        assertThat(Reports.migrate(result))
                .containsExactly("Applied 3 migrations to schema public, now at version 5 (1.2 s)");
    }

    @Test
    void migrate_saysUpToDateAndWhatIsLeftAboveTheTarget() {
        MigrateResult result = new MigrateResult(
                "billing",
                v("5"),
                v("5"),
                List.of(),
                List.of(migration("6", "x", true), migration("7", "y", true)),
                Duration.ofMillis(80));

        assertThat(Reports.migrate(result))
                .containsExactly(
                        "Schema billing is up to date at version 5",
                        "2 migrations are above the target and left pending: 6, 7");
    }

    @Test
    void migrate_singularForOneMigration() {
        MigrateResult result = new MigrateResult(
                "public",
                null,
                v("1"),
                List.of(new AppliedMigration(migration("1", "a", true), Duration.ofMillis(3))),
                List.of(),
                Duration.ofMillis(40));

        assertThat(Reports.migrate(result))
                .containsExactly("Applied 1 migration to schema public, now at version 1 (40 ms)");
    }

    @Test
    void validate_listsPending() {
        ValidateResult result =
                new ValidateResult(List.of(), List.of(), List.of(migration("6", "add email", true)), v("5"));

        assertThat(Reports.validate("public", result))
                .containsExactly(
                        "Schema public is valid at version 5", "1 migration is pending:", "  version 6 (add email)");
    }

    @Test
    void validate_invalidResultStillSaysWhatIsPending() {
        ValidateResult result = new ValidateResult(
                List.of(
                        new ValidationProblem(
                                ValidationProblem.Kind.CHECKSUM_MISMATCH, v("2"), "com.acme.M2", "Version 2 changed."),
                        new ValidationProblem(ValidationProblem.Kind.MISSING_FROM_CODE, v("3"), null, "3 is gone.")),
                List.of(),
                List.of(),
                v("3"));

        assertThat(Reports.validate("public", result)).containsExactly("No migration is pending");
    }

    @Test
    void diff_listsEveryDifferenceOrSaysItMatches() {
        DiffResult drifted = new DiffResult(
                "public",
                v("4"),
                true,
                "v1:aa",
                "v1:bb",
                List.of("column users.email_verified is missing (expected boolean NOT NULL DEFAULT false)"),
                "{}",
                null);
        DiffResult clean = new DiffResult("public", v("4"), true, "v1:aa", "v1:aa", List.of(), "{}", null);
        DiffResult nothing =
                new DiffResult("public", null, false, null, "v1:cc", List.of(), "{}", "no snapshot is recorded yet");

        assertThat(Reports.diff(drifted))
                .containsExactly(
                        "Schema public differs from the snapshot of version 4 in 1 way:",
                        "  column users.email_verified is missing (expected boolean NOT NULL DEFAULT false)");
        assertThat(Reports.diff(clean)).containsExactly("Schema public matches the snapshot of version 4 (v1:aa)");
        assertThat(Reports.diff(nothing))
                .containsExactly("Nothing to compare in schema public: no snapshot is recorded yet");
    }

    @Test
    void baseline_andRepair() {
        assertThat(Reports.baseline("public", new BaselineResult(v("4"), "baseline", 4)))
                .containsExactly("Baselined schema public at version 4: 4 migrations of the code count as applied;"
                        + " later ones run on the next migrate");
        assertThat(Reports.baseline("shop", new BaselineResult(v("4"), "baseline", 4, List.of(v("2"), v("3"), v("4")))))
                .containsExactly(
                        "Versions 2, 3 and 4 all leave the schema that shop has (the migrations between them change"
                                + " data only, which a schema cannot tell apart): the newest, 4, is taken, so migrate"
                                + " will not run the data changes up to it; check that the data is at version 4.",
                        "Baselined schema shop at version 4: 4 migrations of the code count as applied; later ones"
                                + " run on the next migrate");
        assertThat(Reports.repair("public", new RepairResult(List.of())))
                .containsExactly("Nothing to repair in schema public");
        assertThat(Reports.repair(
                        "public",
                        new RepairResult(List.of(new RepairResult.Action(
                                RepairResult.Kind.REMOVED_FAILED_ROW, v("3"), "removed the failed row")))))
                .containsExactly(
                        "Repaired version 3: removed the failed row", "Made 1 repair to the history of schema public");
    }

    @Test
    void undo_listsEachRevertedMigrationAndWhereTheSchemaIsNow() {
        UndoResult result = new UndoResult(
                "public",
                v("3"),
                v("1"),
                List.of(
                        new UndoneMigration(migration("3", "create orders", true), Duration.ofMillis(12)),
                        new UndoneMigration(migration("2", "add email", true), Duration.ofMillis(8))),
                Duration.ofMillis(1500));

        assertThat(Reports.undo(result))
                .containsExactly(
                        "Undid version 3 (create orders) in 12 ms",
                        "Undid version 2 (add email) in 8 ms",
                        "Undid 2 migrations of schema public, now at version 1 (1.5 s); migrate applies them again");
    }

    @Test
    void undo_toTheCurrentVersion_saysThereWasNothingToUndo() {
        UndoResult result = new UndoResult("public", v("3"), v("3"), List.of(), Duration.ofMillis(40));
        assertThat(Reports.undo(result)).containsExactly("Nothing to undo: schema public is at version 3, the target");
    }

    @Test
    void rehearsalPassed_saysNothingWasApplied() {
        RehearsalResult result = new RehearsalResult(
                "shop",
                v("4"),
                List.of(),
                Duration.ofMillis(5),
                "",
                "",
                new LockAnalysis("shop", List.of(), null, null));
        assertThat(Reports.rehearsalPassed(result))
                .isEqualTo("Rehearsal passed: nothing was applied; schema shop stays at version 4");
    }

    @Test
    void acceptance_saysWhoAcceptedHowManyDifferences_andWhatStaysDrift() {
        DriftAcceptance result = new DriftAcceptance(
                "public",
                v("2"),
                List.of("table audit_log exists but no migration created it (found columns id)"),
                List.of("index i is invalid"),
                "alice",
                java.time.Instant.parse("2026-12-06T20:00:00Z"),
                "v1:ab",
                null);

        assertThat(Reports.acceptance(result))
                .containsExactly(
                        "Accepted the live schema public as the reference of version 2 (1 difference), recorded as"
                                + " accepted by alice on 2026-12-06T20:00:00Z",
                        "  Not accepted, still drift: index i is invalid");
        assertThat(Reports.acceptance(
                        new DriftAcceptance("public", v("2"), List.of(), List.of(), null, null, null, null)))
                .containsExactly("Nothing to accept in schema public: it matches its reference");
        assertThat(Reports.acceptance(new DriftAcceptance(
                        "public", v("2"), List.of(), List.of("index i is invalid"), null, null, null, null)))
                .containsExactly(
                        "Nothing to accept in schema public: none of its differences can be accepted",
                        "  Not accepted, still drift: index i is invalid");
    }
}
