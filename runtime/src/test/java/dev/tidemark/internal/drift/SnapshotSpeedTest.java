package dev.tidemark.internal.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.testing.PostgresExtension;
import dev.tidemark.testing.TestDatabase;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measures snapshot plus compare on a schema of 500 tables (five columns, a primary key and an
 * index each) and prints the figure the README quotes. It asserts what the comparison finds, never
 * how long it took.
 */
@ExtendWith(PostgresExtension.class)
class SnapshotSpeedTest {

    private static final int TABLES = 500;
    private static final int RUNS = 7;

    @Test
    void snapshotAndCompare_of500Tables_isMeasured(TestDatabase database) throws Exception {
        database.execute("""
                DO $$
                BEGIN
                    FOR i IN 1..%d LOOP
                        EXECUTE format('CREATE TABLE t_%%s (id bigint PRIMARY KEY, name text NOT NULL,'
                            || ' amount numeric(12,2) DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(),'
                            || ' note varchar(200))', i);
                        EXECUTE format('CREATE INDEX t_%%s_name_idx ON t_%%s (name)', i, i);
                    END LOOP;
                END
                $$""".formatted(TABLES));
        SchemaSnapshot recorded = SchemaFixtures.snapshot(database);
        database.execute("ALTER TABLE t_250 DROP COLUMN note");

        long[] nanos = new long[RUNS];
        SchemaDiff diff = null;
        try (Connection connection = database.getConnection()) {
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                SchemaSnapshot live = SchemaSnapshot.take(connection, List.of("public"), SchemaFixtures.EXCLUDED);
                diff = SchemaDiff.between(recorded, live);
                nanos[run] = System.nanoTime() - start;
            }
        }

        assertThat(recorded.objects()).hasSize(TABLES * (1 + 5 + 1 + 1) + 1);
        assertThat(diff.differences())
                .map(Difference::message)
                .containsExactly("column t_250.note is missing (expected character varying(200))");
        Arrays.sort(nanos);
        System.out.printf(
                "snapshot + compare of %d tables (%d objects), %d runs on one connection: median %d ms, best %d ms%n",
                TABLES, recorded.objects().size(), RUNS, nanos[RUNS / 2] / 1_000_000, nanos[0] / 1_000_000);
    }
}
