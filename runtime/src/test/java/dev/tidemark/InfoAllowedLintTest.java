package dev.tidemark;

import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.JsonReader;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code info} shows the lint rules each migration allows and why, read from the listing the
 * processor keeps beside the manifest ({@code META-INF/tidemark/<manifest class>.lint-allowed}, here
 * a test resource beside {@link Allowing}).
 */
@NeedsPostgres
class InfoAllowedLintTest {

    /**
     * A manifest with a lint-allowed listing of its own: version 1 allows one rule, version 2 two,
     * and the repeatable migration 'User names' one, on a line of its own kind.
     */
    public static final class Allowing implements MigrationManifest {
        @Override
        public List<MigrationEntry> migrations() {
            List<MigrationEntry> entries = new java.util.ArrayList<>(TestManifest.of(
                            sql("1", "create users", "CREATE TABLE users (id bigint PRIMARY KEY)"),
                            sql("2", "index users", "CREATE INDEX users_id ON users (id)"),
                            sql("3", "nothing allowed", "SELECT 1"))
                    .migrations());
            entries.add(new MigrationEntry("", "User names", "R__User_names.sql", "s1:0", true, false, () -> db -> {}));
            return entries;
        }
    }

    private static Tidemark tidemark(TestDatabase db) {
        return Tidemark.configure().dataSource(db).manifests(new Allowing()).load();
    }

    @Test
    void info_listsEachMigrationsAllowedRulesAndReasons_appliedOrPending(TestDatabase db) {
        Tidemark.configure()
                .dataSource(db)
                .manifests(new Allowing())
                .target("1")
                .load()
                .migrate();

        InfoResult info = tidemark(db).info();

        assertThat(info.migrations())
                .extracting(MigrationInfo::state, MigrationInfo::allowedLint)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                MigrationState.APPLIED,
                                List.of(new LintAllowance("TM-L017", "ids stay below two billion"))),
                        org.assertj.core.groups.Tuple.tuple(
                                MigrationState.PENDING,
                                List.of(
                                        new LintAllowance("TM-L001", "users is empty until the import"),
                                        new LintAllowance("TM-L003", "a reason\twith a tab"))),
                        org.assertj.core.groups.Tuple.tuple(MigrationState.PENDING, List.of()));
        assertThat(info.repeatables())
                .singleElement()
                .extracting(RepeatableInfo::allowedLint)
                .isEqualTo(List.of(new LintAllowance("TM-L001", "the view's table is empty\tuntil the import")));
    }

    @Test
    void theText_listsThemUnderTheTable_andTheJson_perMigration(TestDatabase db) {
        InfoResult info = tidemark(db).info();

        List<String> lines = ResultFormat.toText(info).lines().toList();
        int rule = lines.indexOf(
                lines.stream().filter(line -> line.startsWith("-")).findFirst().orElseThrow());
        assertThat(lines.subList(rule + 5, lines.size()))
                .containsExactly(
                        "Lint rules the migrations allow, and why:",
                        "  1 allows TM-L017: ids stay below two billion",
                        "  2 allows TM-L001: users is empty until the import",
                        "  2 allows TM-L003: a reason\twith a tab",
                        "  User names (R__User_names.sql) allows TM-L001: the view's table is empty\tuntil the import");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> migrations = (List<Map<String, Object>>)
                JsonReader.object(ResultFormat.toJson(info)).get("migrations");
        assertThat(migrations.get(1).get("allowedLint"))
                .isEqualTo(List.of(
                        Map.of("rule", "TM-L001", "reason", "users is empty until the import"),
                        Map.of("rule", "TM-L003", "reason", "a reason\twith a tab")));
        assertThat(migrations.get(2).get("allowedLint")).isEqualTo(List.of());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> repeatables = (List<Map<String, Object>>)
                JsonReader.object(ResultFormat.toJson(info)).get("repeatables");
        assertThat(repeatables.get(0).get("allowedLint"))
                .isEqualTo(List.of(Map.of("rule", "TM-L001", "reason", "the view's table is empty\tuntil the import")));
    }

    @Test
    void aManifestWithoutAListing_allowsNothing(TestDatabase db) {
        InfoResult info = Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(sql("1", "create users", "CREATE TABLE users (id bigint)")))
                .load()
                .info();

        assertThat(info.migrations().get(0).allowedLint()).isEmpty();
        assertThat(ResultFormat.toText(info)).doesNotContain("Lint rules");
    }
}
