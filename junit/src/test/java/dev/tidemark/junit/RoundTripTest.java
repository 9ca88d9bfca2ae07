package dev.tidemark.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.JavaMigration;
import dev.tidemark.MigrationContext;
import dev.tidemark.RoundTripResult;
import dev.tidemark.Tidemark;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@Tag("database")
class RoundTripTest {

    @Test
    void everyDownUndoesItsUp() {
        RoundTripResult result = TidemarkAssertions.assertRoundTrip();

        assertThat(result.checks()).hasSize(4);
        assertThat(result.isClean()).isTrue();
    }

    @Test
    void aDownThatLeavesSomethingBehindFailsTheTestNamingIt() {
        Tidemark tidemark = Tidemark.configure()
                .url(ServerCatalog.url())
                .manifests(EditableManifest.withAdded("5", true, LeavesItsIndex::new))
                .load();

        assertThatThrownBy(() -> TidemarkAssertions.assertRoundTrip(tidemark))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("5 'added by the test'")
                .hasMessageContaining("index customers_name still present after down of 5")
                .hasMessageContaining("Make each down() undo exactly what its up() does");
    }

    /** Its down forgets the index its up creates. */
    public static final class LeavesItsIndex implements JavaMigration {
        @Override
        public void up(MigrationContext db) throws SQLException {
            db.execute("CREATE INDEX customers_name ON customers (name)");
        }

        @Override
        public void down(MigrationContext db) throws SQLException {
            db.execute("SELECT 1");
        }
    }
}
