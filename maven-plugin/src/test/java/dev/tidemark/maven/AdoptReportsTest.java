package dev.tidemark.maven;

import static dev.tidemark.maven.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.AdoptResult;
import dev.tidemark.ResultFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdoptReportsTest {

    private static final List<AdoptResult.Row> MAPPING = List.of(
            new AdoptResult.Row(
                    "installed_rank 1, V1__Create_users.sql", "1 Create users", "CRC32 -1182575650 matches", false),
            new AdoptResult.Row(
                    "(not in public.flyway_schema_history)", "2 Add names", "pending: migrate runs it", false));

    @Test
    void adopt_dryRunPrintsTheMappingAndHowToTakeItOver() {
        AdoptResult result = new AdoptResult(
                "flyway",
                "Flyway",
                "public.flyway_schema_history",
                "public.tidemark_history",
                true,
                v("1"),
                MAPPING,
                1);

        assertThat(ResultFormat.toText(result).lines())
                .containsExactly(
                        "Flyway's history public.flyway_schema_history, row by row against the code's migrations:",
                        "Their row                              | Tidemark migration | Verdict",
                        "---------------------------------------+--------------------+--------",
                        "installed_rank 1, V1__Create_users.sql | 1 Create users     | CRC32 -1182575650 matches",
                        "(not in public.flyway_schema_history)  | 2 Add names        | pending: migrate runs it",
                        "Dry run: nothing was written; adopting writes 1 row to public.tidemark_history, at version 1.");
        assertThat(ResultFormat.toJson(result))
                .contains("\"result\":\"adopt\"", "\"dryRun\":true", "\"rows\":1", "\"problem\":false");
    }

    @Test
    void adopt_afterTheTakeoverSaysWhatWasWrittenAndWhatComesNext() {
        AdoptResult result = new AdoptResult(
                "flyway",
                "Flyway",
                "public.flyway_schema_history",
                "public.tidemark_history",
                false,
                v("1"),
                MAPPING,
                1);

        assertThat(ResultFormat.toText(result).lines())
                .endsWith("Adopted Flyway's history: 1 row written to public.tidemark_history, now at version 1;"
                        + " public.flyway_schema_history is left as it was and no longer read.");
    }
}
