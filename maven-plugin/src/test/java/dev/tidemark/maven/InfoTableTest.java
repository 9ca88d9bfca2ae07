package dev.tidemark.maven;

import static dev.tidemark.maven.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.InfoResult;
import dev.tidemark.MigrationInfo;
import dev.tidemark.MigrationState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfoTableTest {

    @Test
    void render_alignsEveryColumn() {
        Instant on = Instant.parse("2026-11-24T10:15:30Z");
        InfoResult result = new InfoResult(
                "public",
                "tidemark_history",
                v("2"),
                List.of(
                        new MigrationInfo(
                                v("1"),
                                "create users",
                                "JAVA",
                                "com.acme.M1",
                                MigrationState.APPLIED,
                                on,
                                "postgres",
                                Duration.ofMillis(12),
                                true),
                        new MigrationInfo(
                                v("2"),
                                "add orders",
                                "JAVA",
                                "com.acme.M2",
                                MigrationState.APPLIED,
                                on,
                                "postgres",
                                Duration.ofMillis(1500),
                                false),
                        new MigrationInfo(
                                v("10"),
                                "index orders",
                                "JAVA",
                                "com.acme.M10",
                                MigrationState.PENDING,
                                null,
                                null,
                                null,
                                null)));

        assertThat(new InfoTable(ZoneOffset.UTC).render(result))
                .containsExactly(
                        "Schema public, history table tidemark_history, at version 2",
                        "Version | Description  | Type | State   | Installed on        | Time  | Checksum",
                        "--------+--------------+------+---------+---------------------+-------+---------",
                        "1       | create users | JAVA | applied | 2026-11-24 10:15:30 | 12 ms | ok",
                        "2       | add orders   | JAVA | applied | 2026-11-24 10:15:30 | 1.5 s | DIFFERS",
                        "10      | index orders | JAVA | pending |                     |       |");
    }

    @Test
    void render_saysWhenThereIsNothing() {
        assertThat(new InfoTable(ZoneOffset.UTC).render(new InfoResult("s", "h", null, List.of())))
                .startsWith("Schema s, history table h, no migration applied")
                .endsWith("(no migrations)");
    }
}
