package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.JavaMigration;
import dev.tidemark.MigrationContext;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the compiled manifest the way the runtime does and runs what its factories create. */
class GeneratedManifestRunsTest {

    @TempDir
    Path work;

    @Test
    void manifest_isFoundByServiceLoader_andItsFactoriesCreateTheMigrations() throws Exception {
        TestCompiler.Result result = TestCompiler.fixture("valid").compile(work).assertSucceeded();

        try (URLClassLoader loader = result.loader()) {
            List<MigrationManifest> manifests = ServiceLoader.load(MigrationManifest.class, loader).stream()
                    .map(ServiceLoader.Provider::get)
                    .toList();

            assertThat(manifests).hasSize(1);
            MigrationManifest manifest = manifests.get(0);
            assertThat(manifest.getClass().getName()).isEqualTo("com.acme.db.TidemarkManifest");
            assertThat(manifest.formatVersion()).isEqualTo(MigrationManifest.FORMAT_VERSION);
            assertThat(manifest.migrations())
                    .extracting(MigrationEntry::version)
                    .containsExactly("1", "1.9", "1.10", "2", "2024.06.01.1");

            MigrationEntry nested = manifest.migrations().get(3);
            JavaMigration orders = nested.factory().get();
            assertThat(orders.getClass().getName())
                    .isEqualTo(nested.className())
                    .isEqualTo("com.acme.db.more.Holder$AddOrders");
            assertThat(orders.getClass().getClassLoader()).isSameAs(loader);
            RecordingContext context = new RecordingContext();
            orders.up(context);
            assertThat(context.statements)
                    .containsExactly("CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users)");

            MigrationEntry first = manifest.migrations().get(0);
            assertThat(first.undoable()).isTrue();
            JavaMigration users = first.factory().get();
            assertThat(users).isNotSameAs(first.factory().get());
            users.down(context);
            assertThat(context.statements).last().isEqualTo("DROP TABLE users");
        }
    }

    @Test
    void listingTheEntries_loadsNoMigrationClass_untilAFactoryCreatesOne() throws Exception {
        TestCompiler.Result result = TestCompiler.fixture("valid").compile(work).assertSucceeded();

        try (RecordingClassLoader loader =
                new RecordingClassLoader(result.classes(), getClass().getClassLoader())) {
            MigrationManifest manifest = ServiceLoader.load(MigrationManifest.class, loader)
                    .findFirst()
                    .orElseThrow();
            List<MigrationEntry> entries = manifest.migrations();
            assertThat(entries).hasSize(5);
            Set<String> migrationClasses =
                    entries.stream().map(MigrationEntry::className).collect(Collectors.toSet());

            assertThat(loader.defined())
                    .as("classes loaded by listing the entries")
                    .isNotEmpty()
                    .allMatch(name -> name.startsWith("com.acme.db.TidemarkManifest"));

            MigrationEntry verification = entries.get(1);
            assertThat(verification.factory().get().getClass().getName()).isEqualTo(verification.className());
            assertThat(loader.defined())
                    .as("migration classes loaded by one factory")
                    .filteredOn(migrationClasses::contains)
                    .containsExactly("com.acme.db.AddEmailVerification");
        }
    }

    @Test
    void migrationsNamedLikeTheManifestsOwnTypes_areCreatedByTheirFactories() throws Exception {
        TestCompiler.Result result =
                TestCompiler.fixture("name-clash").strict().compile(work).assertSucceeded();

        try (URLClassLoader loader = result.loader()) {
            List<MigrationEntry> entries = TestCompiler.Result.manifestEntries(loader);

            assertThat(entries)
                    .extracting(MigrationEntry::className)
                    .containsExactly(
                            "com.acme.db.Create",
                            "com.acme.db.Factory",
                            "com.acme.db.Part0",
                            "com.acme.db.Supplier",
                            "com.acme.db.IntFunction",
                            "com.acme.db.ManifestListing");
            assertThat(entries)
                    .allSatisfy(
                            entry -> assertThat(entry.factory().get().getClass().getName())
                                    .isEqualTo(entry.className()));
        }
    }

    /** Defines the compiled classes itself, and records the name of each class it defines. */
    private static final class RecordingClassLoader extends URLClassLoader {
        private final List<String> defined = new CopyOnWriteArrayList<>();

        RecordingClassLoader(Path classes, ClassLoader parent) throws MalformedURLException {
            super(new URL[] {classes.toUri().toURL()}, parent);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> found = super.findClass(name);
            defined.add(name);
            return found;
        }

        List<String> defined() {
            return List.copyOf(defined);
        }
    }

    /** Records what a migration asks to execute; the test runs no database. */
    private static final class RecordingContext implements MigrationContext {
        final List<String> statements = new ArrayList<>();

        @Override
        public void execute(String sql) {
            statements.add(sql);
        }

        @Override
        public Connection connection() {
            throw new UnsupportedOperationException("not used by the fixtures");
        }

        @Override
        public int update(String sql, Object... parameters) {
            statements.add(sql);
            return 1;
        }

        @Override
        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
            throw new UnsupportedOperationException("not used by the fixtures");
        }

        @Override
        public String schema() {
            return "public";
        }

        @Override
        public MigrationDescriptor migration() {
            throw new UnsupportedOperationException("not used by the fixtures");
        }
    }
}
