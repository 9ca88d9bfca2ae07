package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleBuildCheckTest {

    private static final Instant COMPILED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant BEFORE = COMPILED.minusSeconds(60);
    private static final Instant AFTER = COMPILED.plusSeconds(60);

    @TempDir
    Path project;

    @Test
    void migrationEditedAfterCompile_isRefusedNamingItAndTheCommand() throws IOException {
        Path source = write("src/main/java/com/acme/db/AddCoupons.java", migration("14"), AFTER);
        write("target/classes/com/acme/db/AddCoupons.class", "", COMPILED);
        write("target/classes/" + ManifestCheck.SERVICE_FILE, "com.acme.TidemarkManifest", COMPILED);

        assertThat(check().staleSources()).hasSize(1);
        assertThatThrownBy(() -> check().requireCurrent("schema:migrate"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[TM-R002] A migration changed since the project was last compiled: ")
                .hasMessageContaining(source.getFileName().toString() + " is newer than ")
                .hasMessageContaining(
                        "so this goal would run on the migrations as they were. Nothing was connected to.")
                .hasMessageEndingWith("\nCompile first: mvn compile schema:migrate");
    }

    @Test
    void newMigrationNeverCompiled_isStale() throws IOException {
        write("src/main/java/com/acme/db/CreateUsers.java", migration("1"), BEFORE);
        write("target/classes/com/acme/db/CreateUsers.class", "", COMPILED);
        write("target/classes/" + ManifestCheck.SERVICE_FILE, "com.acme.TidemarkManifest", COMPILED);
        write("src/main/java/com/acme/db/AddCoupons.java", migration("2"), AFTER);

        assertThat(check().staleSources()).singleElement().asString().endsWith("AddCoupons.java");
    }

    @Test
    void compiledAfterEverySource_passes() throws IOException {
        write("src/main/java/com/acme/db/CreateUsers.java", migration("1"), BEFORE);
        write("target/classes/com/acme/db/CreateUsers.class", "", COMPILED);
        write("target/classes/" + ManifestCheck.SERVICE_FILE, "com.acme.TidemarkManifest", COMPILED);

        assertThat(check().staleSources()).isEmpty();
        check().requireCurrent("schema:validate");
    }

    @Test
    void otherSourceEditedAfterCompile_isNotAMigration() throws IOException {
        write("src/main/java/com/acme/App.java", "package com.acme; public class App {}", AFTER);
        write("target/classes/" + ManifestCheck.SERVICE_FILE, "com.acme.TidemarkManifest", COMPILED);

        assertThat(check().staleSources()).isEmpty();
    }

    @Test
    void noManifest_migrationWithoutClass_isStale_butOneCompiledWithoutProcessorIsLeftToManifestCheck()
            throws IOException {
        write("src/main/java/com/acme/db/CreateUsers.java", migration("1"), BEFORE);
        assertThat(check().staleSources()).hasSize(1);

        write("target/classes/com/acme/db/CreateUsers.class", "", COMPILED);
        assertThat(check().staleSources()).isEmpty();
    }

    @Test
    void sqlMigrationNew_edited_orDeleted_sinceTheProcessorCopiedIt_isStale() throws IOException {
        write("src/main/resources/db/migration/V1__users.sql", "CREATE TABLE users ()", BEFORE);
        write("target/classes/META-INF/tidemark/sql/V1__users.sql", "CREATE TABLE users ()", COMPILED);
        write("src/main/resources/db/migration/V3__gone.sql", "SELECT 1", BEFORE);
        write("target/classes/META-INF/tidemark/sql/V3__gone.sql", "SELECT 1", COMPILED);
        write("src/main/resources/db/migration/README.md", "not SQL", AFTER);
        assertThat(check().staleSqlFiles()).isEmpty();

        write("src/main/resources/db/migration/V1__users.sql", "CREATE TABLE users (id int)", AFTER);
        write("src/main/resources/db/migration/V2__orders.sql", "CREATE TABLE orders ()", BEFORE);
        Files.delete(project.resolve("src/main/resources/db/migration/V3__gone.sql"));

        List<String> stale = check().staleSqlFiles();
        assertThat(stale).hasSize(3);
        assertThat(stale.get(0)).endsWith("db/migration/V1__users.sql (edited)");
        assertThat(stale.get(1)).endsWith("db/migration/V2__orders.sql (new)");
        assertThat(stale.get(2)).isEqualTo("V3__gone.sql (deleted)");
    }

    @Test
    void metadataTomlFlipped_added_orDeleted_sinceTheProcessorCopiedIt_isStale_likeASqlFile() throws IOException {
        write("target/classes/" + ManifestCheck.SERVICE_FILE, "com.acme.TidemarkManifest", COMPILED);
        for (String folder : List.of("2_orders", "3_index")) {
            write("src/main/resources/db/migration/" + folder + "/up.sql", "SELECT 1", BEFORE);
            write("target/classes/META-INF/tidemark/sql/" + folder + "/up.sql", "SELECT 1", COMPILED);
        }
        write("src/main/resources/db/migration/2_orders/metadata.toml", "run_in_transaction = true", BEFORE);
        write("target/classes/META-INF/tidemark/sql/2_orders/metadata.toml", "run_in_transaction = true", COMPILED);
        // Beside no up.sql, so no migration's: the processor neither reads nor copies it.
        write("src/main/resources/db/migration/metadata.toml", "# notes", AFTER);
        assertThat(check().staleSqlFiles()).isEmpty();

        write("src/main/resources/db/migration/2_orders/metadata.toml", "run_in_transaction = false", AFTER);
        write("src/main/resources/db/migration/3_index/metadata.toml", "run_in_transaction = false", AFTER);
        assertThat(check().staleSqlFiles())
                .satisfiesExactly(
                        edited -> assertThat(edited).endsWith("db/migration/2_orders/metadata.toml (edited)"),
                        added -> assertThat(added).endsWith("db/migration/3_index/metadata.toml (new)"));
        assertThatThrownBy(() -> check().requireCurrent("schema:migrate"))
                .hasMessageContaining("[TM-R002] 2 SQL migration files changed since the project was last compiled: ")
                .hasMessageContaining("2_orders/metadata.toml (edited), ")
                .hasMessageEndingWith("compile from clean: mvn clean compile schema:migrate");

        Files.delete(project.resolve("src/main/resources/db/migration/2_orders/metadata.toml"));
        Files.delete(project.resolve("src/main/resources/db/migration/3_index/metadata.toml"));
        assertThat(check().staleSqlFiles()).containsExactly("2_orders/metadata.toml (deleted)");
    }

    @Test
    void staleSql_isRefused_withTheCleanCompileItNeeds() throws IOException {
        write("target/classes/" + ManifestCheck.SERVICE_FILE, "com.acme.TidemarkManifest", COMPILED);
        write("src/main/resources/db/migration/V1__users.sql", "CREATE TABLE users (id int)", AFTER);
        write("target/classes/META-INF/tidemark/sql/V1__users.sql", "CREATE TABLE users ()", COMPILED);

        assertThatThrownBy(() -> check().requireCurrent("schema:migrate"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[TM-R002] A SQL migration file changed since the project was last compiled: ")
                .hasMessageContaining("V1__users.sql (edited)")
                .hasMessageContaining("Nothing was connected to.")
                .hasMessageEndingWith("compile from clean: mvn clean compile schema:migrate");
    }

    @Test
    void theFoldersTheProcessorRead_areTheOnesCompared() throws IOException {
        write("target/classes/META-INF/tidemark/sql-folders", "../../sql/extra\n", COMPILED);
        write("sql/extra/V5__extra.sql", "SELECT 5", AFTER);
        write("target/classes/META-INF/tidemark/sql/V5__extra.sql", "SELECT 5", COMPILED);
        write("src/main/resources/db/migration/V9__not_read.sql", "SELECT 9", AFTER);

        assertThat(check().staleSqlFiles()).singleElement().asString().endsWith("V5__extra.sql (edited)");
    }

    @Test
    void sourceDatedInTheFuture_isLeftOut_noCompileCouldEverMakeItCurrent() throws IOException {
        write("target/classes/" + ManifestCheck.SERVICE_FILE, "com.acme.TidemarkManifest", COMPILED);
        write("src/main/java/com/acme/db/M1.java", migration("1"), Instant.now().plusSeconds(3600));
        write(
                "src/main/resources/db/migration/V2__orders.sql",
                "CREATE TABLE orders ()",
                Instant.now().plusSeconds(3600));

        assertThat(check().staleSources()).isEmpty();
    }

    @Test
    void manyStale_namesThreeAndCountsTheRest() throws IOException {
        write("target/classes/" + ManifestCheck.SERVICE_FILE, "com.acme.TidemarkManifest", COMPILED);
        for (int i = 1; i <= 5; i++) {
            write("src/main/java/com/acme/db/M" + i + ".java", migration(String.valueOf(i)), AFTER);
        }

        assertThatThrownBy(() -> check().requireCurrent("schema:info"))
                .hasMessageContaining("5 migrations changed since the project was last compiled: ")
                .hasMessageContaining(" and 2 more are newer than ");
    }

    private StaleBuildCheck check() {
        return new StaleBuildCheck(
                List.of(project.resolve("src/main/java").toFile()),
                List.of(new StaleBuildCheck.ResourceFolder(
                        project.resolve("src/main/resources").toFile(), null)),
                project.resolve("target/classes").toFile());
    }

    private Path write(String relative, String content, Instant modified) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static String migration(String version) {
        return "package com.acme.db;\n\nimport dev.tidemark.Migration;\n\n@Migration(version = \"" + version
                + "\")\npublic final class M implements dev.tidemark.JavaMigration {}\n";
    }
}
