package dev.tidemark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.PostgresExtension;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * schema.shadowUrl: temporary databases (baseline detection, the round-trip test) are made on the
 * server it names, with its credentials, so the migration user needs no CREATEDB.
 */
@NeedsPostgres
class ShadowServerTest {

    private static final Pattern TEMPORARY = Pattern.compile("temporary database (tidemark_[a-z]+_[0-9a-f]+)");

    @Test
    void roundTrip_withAShadowUrl_needsNoCreatedbOnTheMigratedServer(TestDatabase db) {
        withRoleWithoutCreatedb(db, role -> {
            RecordingListener listener = new RecordingListener();
            RoundTripResult result = Tidemark.configure()
                    .url(db.url())
                    .user(role)
                    .shadowUrl(PostgresExtension.serverUrl())
                    .manifests(TestManifest.of(UndoTest.USERS, UndoTest.EMAIL))
                    .listener(listener)
                    .load()
                    .roundTrip();
            assertThat(result.isClean()).isTrue();
            assertDropped(db, listener);
        });
    }

    @Test
    void baselineWithoutVersion_withAShadowUrl_findsTheVersionAsAUserWithoutCreatedb(TestDatabase db) {
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);"
                + " ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false");
        withRoleWithoutCreatedb(db, role -> {
            db.execute("GRANT ALL ON SCHEMA public TO " + role);
            RecordingListener listener = new RecordingListener();
            BaselineResult result = Tidemark.configure()
                    .url(db.url())
                    .user(role)
                    .shadowUrl(PostgresExtension.serverUrl())
                    .manifests(TestManifest.of(UndoTest.USERS, UndoTest.EMAIL, UndoTest.ORDERS))
                    .listener(listener)
                    .load()
                    .baseline();
            assertThat(result.version()).hasToString("2");
            assertDropped(db, listener);
            db.execute(
                    "DROP TABLE tidemark_history, tidemark_history_snapshot; REVOKE ALL ON SCHEMA public FROM " + role);
        });
    }

    @Test
    void shadowUrl_thatIsNoPostgresUrl_isRefusedNamingTheSetting() {
        assertThatThrownBy(() -> Tidemark.configure()
                        .url("jdbc:postgresql://localhost/app")
                        .shadowUrl("mysql://root:s3cret@localhost/shadow")
                        .manifests(TestManifest.of(UndoTest.USERS))
                        .load())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("[TM-R001] shadowUrl(String) is 'mysql://root:****@localhost/shadow': neither")
                .hasMessageNotContaining("s3cret");
    }

    private static void withRoleWithoutCreatedb(TestDatabase db, Consumer<String> test) {
        String role =
                "tidemark_shadow_role_" + Long.toHexString(System.nanoTime()).toLowerCase(Locale.ROOT);
        db.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB");
        try {
            test.accept(role);
        } finally {
            db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    private static void assertDropped(TestDatabase db, RecordingListener listener) {
        Matcher name = TEMPORARY.matcher(listener.all());
        assertThat(name.find())
                .as("a temporary database named in: %s", listener.all())
                .isTrue();
        assertThat(db.queryValue("SELECT count(*) FROM pg_database WHERE datname = '" + name.group(1) + "'"))
                .isEqualTo("0");
    }
}
