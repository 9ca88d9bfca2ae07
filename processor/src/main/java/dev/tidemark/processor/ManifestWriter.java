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
import java.util.function.Supplier;
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

    /**
     * Entries created, and migrations dispatched, per generated method: 500 keeps each method
     * far below the JVM's 64 KB of byte code (an entry takes about 45 bytes to create).
     */
    static final int ENTRIES_PER_METHOD = 500;

    /**
     * Methods per nested part class: 1,000 entries need about 11,000 of a class's 65,535
     * constant-pool slots (four strings, the migration class, its constructor), so no part is
     * near the limit however many migrations there are.
     */
    static final int METHODS_PER_PART = 2;

    /**
     * The manifest class. Its entries are created in methods of nested {@code PartN} classes,
     * {@value #ENTRIES_PER_METHOD} per method; each entry's factory is a {@code Factory} holding
     * the entry's index, whose {@code get()} switches to the {@code new} of that one migration.
     * Nothing refers to a migration class except those {@code new} expressions, so listing the
     * entries loads no migration class, and creating one loads only that one (no method
     * references: linking one resolves its class, and spins a hidden class per migration).
     */
    static TypeSpec manifestType(ClassName manifestClass, List<FoundMigration> migrations) {
        ParameterizedTypeName listType =
                ParameterizedTypeName.get(ClassName.get(List.class), RuntimeNames.MIGRATION_ENTRY_CLASS);
        ClassName factory = manifestClass.nestedClass("Factory");

        CodeBlock.Builder listing = CodeBlock.builder()
                .addStatement("$T entries = new $T<>($L)", listType, ArrayList.class, migrations.size());
        CodeBlock.Builder dispatch = CodeBlock.builder().beginControlFlow("switch (index / $L)", ENTRIES_PER_METHOD);
        List<TypeSpec> parts = new ArrayList<>();
        int chunks = (migrations.size() + ENTRIES_PER_METHOD - 1) / ENTRIES_PER_METHOD;
        for (int part = 0; part * METHODS_PER_PART < chunks; part++) {
            ClassName partClass = manifestClass.nestedClass("Part" + part);
            int firstChunk = part * METHODS_PER_PART;
            int lastChunk = Math.min(chunks, firstChunk + METHODS_PER_PART) - 1;
            TypeSpec.Builder partType = TypeSpec.classBuilder(partClass)
                    .addJavadoc(
                            "Versions $L to $L.\n",
                            migrations.get(firstChunk * ENTRIES_PER_METHOD).version(),
                            migrations
                                    .get(Math.min(migrations.size(), (lastChunk + 1) * ENTRIES_PER_METHOD) - 1)
                                    .version())
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
            for (int chunk = firstChunk; chunk <= lastChunk; chunk++) {
                int from = chunk * ENTRIES_PER_METHOD;
                int to = Math.min(migrations.size(), from + ENTRIES_PER_METHOD);
                listing.addStatement("$T.addEntries$L(entries)", partClass, chunk);
                dispatch.add("case $L: return $T.create$L(index);\n", chunk, partClass, chunk);
                partType.addMethod(addEntries(chunk, migrations.subList(from, to), from, listType, factory));
                partType.addMethod(create(chunk, migrations.subList(from, to), from));
            }
            parts.add(partType.build());
        }
        listing.addStatement("return $T.copyOf(entries)", List.class);
        dispatch.add(noMigrationAt()).endControlFlow();

        TypeSpec.Builder type = TypeSpec.classBuilder(manifestClass)
                .addJavadoc("The migrations of this compilation, sorted by version, with their source checksums.\n"
                        + "Listing them loads no migration class: each is loaded when its entry's factory first\n"
                        + "creates it.\n")
                .addAnnotation(AnnotationSpec.builder(Generated.class)
                        .addMember("value", "$S", MigrationProcessor.class.getName())
                        .build())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeNames.MIGRATION_MANIFEST_CLASS)
                .addField(FieldSpec.builder(listType, "MIGRATIONS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("entries()")
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
                        .build())
                .addMethod(MethodSpec.methodBuilder("entries")
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .returns(listType)
                        .addCode(listing.build())
                        .build())
                .addType(TypeSpec.classBuilder(factory)
                        .addJavadoc("Creates the migration at one index of the entries, loading its class only then.\n")
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .addSuperinterface(ParameterizedTypeName.get(
                                ClassName.get(Supplier.class), RuntimeNames.JAVA_MIGRATION_CLASS))
                        .addField(int.class, "index", Modifier.PRIVATE, Modifier.FINAL)
                        .addMethod(MethodSpec.constructorBuilder()
                                .addParameter(int.class, "index")
                                .addStatement("this.index = index")
                                .build())
                        .addMethod(MethodSpec.methodBuilder("get")
                                .addAnnotation(Override.class)
                                .addModifiers(Modifier.PUBLIC)
                                .returns(RuntimeNames.JAVA_MIGRATION_CLASS)
                                .addCode(dispatch.build())
                                .build())
                        .build());
        parts.forEach(type::addType);
        for (FoundMigration migration : migrations) {
            if (!migration.compiledEarlier()) {
                type.addOriginatingElement(migration.type());
            }
        }
        return type.build();
    }

    private static MethodSpec addEntries(
            int chunk,
            List<FoundMigration> migrations,
            int firstIndex,
            ParameterizedTypeName listType,
            ClassName factory) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("addEntries" + chunk)
                .addModifiers(Modifier.STATIC)
                .addParameter(listType, "entries");
        for (int i = 0; i < migrations.size(); i++) {
            FoundMigration migration = migrations.get(i);
            method.addStatement(
                    "entries.add(new $T($S, $S, $S, $S, $L, $L, new $T($L)))",
                    RuntimeNames.MIGRATION_ENTRY_CLASS,
                    migration.version(),
                    migration.description(),
                    migration.binaryName(),
                    migration.checksum(),
                    migration.transactional(),
                    migration.undoable(),
                    factory,
                    firstIndex + i);
        }
        return method.build();
    }

    private static MethodSpec create(int chunk, List<FoundMigration> migrations, int firstIndex) {
        CodeBlock.Builder cases = CodeBlock.builder().beginControlFlow("switch (index)");
        for (int i = 0; i < migrations.size(); i++) {
            cases.add(
                    "case $L: return new $T();\n",
                    firstIndex + i,
                    ClassName.get(migrations.get(i).type()));
        }
        cases.add(noMigrationAt()).endControlFlow();
        return MethodSpec.methodBuilder("create" + chunk)
                .addModifiers(Modifier.STATIC)
                .returns(RuntimeNames.JAVA_MIGRATION_CLASS)
                .addParameter(int.class, "index")
                .addCode(cases.build())
                .build();
    }

    private static CodeBlock noMigrationAt() {
        return CodeBlock.of(
                "default: throw new $T($S + index);\n", IllegalArgumentException.class, "No migration at index ");
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
