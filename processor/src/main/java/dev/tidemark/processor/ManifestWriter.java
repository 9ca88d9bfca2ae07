package dev.tidemark.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.tidemark.spi.MigrationManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Modifier;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the manifest class, its line in {@code META-INF/services/dev.tidemark.spi.MigrationManifest}
 * and the entries file the next compilation reads back. Output depends only on the migrations:
 * entries sorted by version, no dates, so the same sources give the same bytes.
 */
final class ManifestWriter {

    /** Thrown with the name of the file that could not be written. */
    static final class WriteException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String file;

        WriteException(String file, IOException cause) {
            super(cause.toString(), cause);
            this.file = file;
        }

        String file() {
            return file;
        }
    }

    private final Filer filer;

    ManifestWriter(Filer filer) {
        this.filer = filer;
    }

    /**
     * Writes everything for a manifest {@code manifestClass} listing {@code migrations} (already
     * sorted by version), keeping {@code otherProviders} in the service file.
     */
    void write(ClassName manifestClass, List<FoundMigration> migrations, List<String> otherProviders)
            throws WriteException {
        JavaFile source = JavaFile.builder(manifestClass.packageName(), manifestType(manifestClass, migrations))
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        try {
            source.writeTo(filer);
        } catch (IOException e) {
            throw new WriteException(manifestClass.canonicalName() + ".java", e);
        }

        Set<String> providers = new LinkedHashSet<>(otherProviders);
        providers.add(manifestClass.reflectionName());
        StringBuilder services = new StringBuilder();
        providers.forEach(provider -> services.append(provider).append('\n'));
        writeResource(RuntimeNames.MANIFEST_SERVICE_FILE, services.toString());

        List<EntriesFile.Entry> entries = new ArrayList<>();
        for (FoundMigration migration : migrations) {
            entries.add(new EntriesFile.Entry(
                    migration.version(),
                    migration.binaryName(),
                    migration.canonicalName(),
                    migration.checksum(),
                    migration.transactional(),
                    migration.undoable(),
                    migration.description()));
        }
        writeResource(EntriesFile.path(manifestClass.reflectionName()), EntriesFile.write(entries));
    }

    static TypeSpec manifestType(ClassName manifestClass, List<FoundMigration> migrations) {
        CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", List.class).indent();
        for (int i = 0; i < migrations.size(); i++) {
            FoundMigration migration = migrations.get(i);
            list.add(
                    "\nnew $T($S, $S, $S, $S, $L, $L, $T::new)",
                    RuntimeNames.MIGRATION_ENTRY_CLASS,
                    migration.version(),
                    migration.description(),
                    migration.binaryName(),
                    migration.checksum(),
                    migration.transactional(),
                    migration.undoable(),
                    ClassName.get(migration.type()));
            if (i < migrations.size() - 1) {
                list.add(",");
            }
        }
        list.unindent().add(")");

        ParameterizedTypeName listType =
                ParameterizedTypeName.get(ClassName.get(List.class), RuntimeNames.MIGRATION_ENTRY_CLASS);
        TypeSpec.Builder type = TypeSpec.classBuilder(manifestClass)
                .addJavadoc("The migrations of this compilation, sorted by version, with their source checksums.\n")
                .addAnnotation(AnnotationSpec.builder(Generated.class)
                        .addMember("value", "$S", MigrationProcessor.class.getName())
                        .build())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeNames.MIGRATION_MANIFEST_CLASS)
                .addField(FieldSpec.builder(listType, "MIGRATIONS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer(list.build())
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addJavadoc("Called by {@link java.util.ServiceLoader}.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .build())
                .addMethod(MethodSpec.methodBuilder("formatVersion")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(int.class)
                        .addStatement("return $L", MigrationManifest.FORMAT_VERSION)
                        .build())
                .addMethod(MethodSpec.methodBuilder("migrations")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(listType)
                        .addStatement("return MIGRATIONS")
                        .build());
        for (FoundMigration migration : migrations) {
            if (!migration.compiledEarlier()) {
                type.addOriginatingElement(migration.type());
            }
        }
        return type.build();
    }

    private void writeResource(String path, String content) throws WriteException {
        try {
            FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path);
            try (OutputStream out = file.openOutputStream()) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new WriteException(path, e);
        }
    }
}
