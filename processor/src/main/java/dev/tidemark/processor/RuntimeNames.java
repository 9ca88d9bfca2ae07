package dev.tidemark.processor;

import com.palantir.javapoet.ClassName;
import dev.tidemark.AllowLint;
import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;

/** The runtime types the processor reads and generates code against, named in one place. */
final class RuntimeNames {

    static final String MIGRATION = Migration.class.getCanonicalName();
    static final String JAVA_MIGRATION = JavaMigration.class.getCanonicalName();
    static final String MIGRATION_CONTEXT = MigrationContext.class.getCanonicalName();
    static final String MIGRATION_MANIFEST = MigrationManifest.class.getCanonicalName();
    static final String ALLOW_LINT = AllowLint.class.getCanonicalName();
    static final String ALLOW_LINT_LIST = AllowLint.List.class.getCanonicalName();

    static final ClassName MIGRATION_ENTRY_CLASS = ClassName.get(MigrationEntry.class);
    static final ClassName JAVA_MIGRATION_CLASS = ClassName.get(JavaMigration.class);
    static final ClassName MIGRATION_MANIFEST_CLASS = ClassName.get(MigrationManifest.class);

    /** The {@code down} method whose override makes a migration undoable. */
    static final String DOWN_METHOD = "down";

    /** Annotation members of {@code @Migration}. */
    static final String VERSION = "version";

    static final String DESCRIPTION = "description";
    static final String TRANSACTIONAL = "transactional";

    /** The service file the runtime finds manifests through. */
    static final String MANIFEST_SERVICE_FILE = "META-INF/services/" + MIGRATION_MANIFEST;

    /** Simple name of the generated manifest class. */
    static final String MANIFEST_SIMPLE_NAME = "TidemarkManifest";

    /** Processor option that overrides the package of the generated manifest. */
    static final String MANIFEST_PACKAGE_OPTION = "tidemark.manifestPackage";

    private RuntimeNames() {}
}
