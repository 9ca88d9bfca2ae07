package dev.tidemark.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
@MigratedDatabase
class InjectionTest {

    private final TestDatabase fromConstructor;
    private TestDatabase field;

    @JdbcUrl
    private String urlField;

    InjectionTest(TestDatabase fromConstructor) {
        this.fromConstructor = fromConstructor;
    }

    @Test
    void everyParameterTypeIsTheSameMigratedDatabase(
            TestDatabase database, DataSource dataSource, Connection connection, @JdbcUrl String url)
            throws SQLException {
        assertThat(database.name()).startsWith("tidemark_junit_");
        assertThat(currentDatabase(connection)).isEqualTo(database.name());
        try (Connection fromDataSource = dataSource.getConnection()) {
            assertThat(currentDatabase(fromDataSource)).isEqualTo(database.name());
        }
        assertThat(url).isEqualTo(database.url()).contains("/" + database.name());
        assertThat(field).isSameAs(database);
        assertThat(urlField).isEqualTo(url);
        assertThat(fromConstructor).isSameAs(database);
        assertThat(database.currentVersion()).isEqualTo("4");
        assertThat(database.queryForString("select count(*) from customer_note_counts"))
                .isEqualTo("0");
    }

    @Test
    void aConnectionIsOpenAndInAutoCommit(Connection connection) throws SQLException {
        assertThat(connection.isClosed()).isFalse();
        assertThat(connection.getAutoCommit()).isTrue();
        assertThat(currentDatabase(connection)).startsWith("tidemark_junit_");
    }

    @Test
    void theDatabaseIsNotTheTemplate(TestDatabase database) {
        assertThat(database.name()).doesNotStartWith(TemplateKey.PREFIX);
        assertThat(ServerCatalog.allowsConnections(database.name())).isTrue();
    }

    @Nested
    class InANestedClass {

        @Test
        void aNestedTestGetsADatabaseOfItsOwnToo(TestDatabase database) {
            assertThat(database.currentVersion()).isEqualTo("4");
            assertThat(database).isSameAs(field).isSameAs(fromConstructor);
        }
    }

    static String currentDatabase(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select current_database()")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
