package dev.tidemark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** A migration user that lacks a privilege Tidemark needs is told which one, and how to get it. */
@NeedsPostgres
class PermissionDeniedTest {

    @Test
    void migrate_asAUserWithoutCreateOnTheSchema_namesThePrivilegeAndTheGrant(TestDatabase db) {
        String role =
                "tm_noright_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        db.execute("CREATE SCHEMA locked; CREATE ROLE " + role + " LOGIN; GRANT USAGE ON SCHEMA locked TO " + role);
        try {
            TidemarkException failure = catchThrowableOfType(
                    TidemarkException.class,
                    () -> Tidemark.configure()
                            .url(db.url())
                            .user(role)
                            .schema("locked")
                            .manifests(TestManifest.of(TestManifest.sql("1", "create t", "CREATE TABLE t (id int)")))
                            .load()
                            .migrate());

            assertThat(failure.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
            assertThat(failure.getMessage())
                    .startsWith("[TM-R013] PostgreSQL refused the migration user a privilege while ")
                    .contains("SQLSTATE 42501: permission denied for schema locked")
                    .contains("GRANT USAGE, CREATE ON SCHEMA locked TO <migration user>;")
                    .endsWith("or set user(String) to a migration user that has it.");
            assertThat(failure.remedy().names(Setting.USER)).isTrue();
            assertThat(db.tableExists("locked", "tidemark_history")).isFalse();
            assertThat(db.tableExists("locked", "t")).isFalse();
        } finally {
            db.execute("DROP SCHEMA locked CASCADE; DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }
}
