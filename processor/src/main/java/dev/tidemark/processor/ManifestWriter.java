package dev.tidemark.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.tidemark.spi.ManifestListing;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.spi.sql.SqlFileMigration;
import dev.tidemark.spi.sql.SqlPlaceholders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Modifier;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the manifest class, its line in {@code META-INF/services/dev.tidemark.spi.MigrationManifest},
 * its listing (read by the runtime and by the next compilation) and the texts of its SQL files. Output depends only on the migrations:
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
     * sorted by version), keeping {@code otherProviders} in the service file: the class, its
     * {@link ManifestListing} resource, and the texts of the SQL migrations.
     */
    void write(
            ClassName manifestClass,
            List<FoundMigration> migrations,
            List<String> otherProviders,
            List<Path> sqlFolders)
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

        for (FoundMigration migration : migrations) {
            if (migration.isSql()) {
                SqlMigrationFile sql = migration.sql();
                writeResource(SqlFileMigration.RESOURCE_FOLDER + sql.path(), sql.upText());
                if (sql.downPath() != null) {
                    writeResource(SqlFileMigration.RESOURCE_FOLDER + sql.downPath(), sql.downText());
                }
                if (sql.metadataPath() != null) {
                    // Not read at run time: copied so that the build tool's check sees it edited,
                    // added or deleted since this compilation, as it sees the SQL files.
                    writeResource(SqlFileMigration.RESOURCE_FOLDER + sql.metadataPath(), sql.metadataText());
                }
            }
        }
        java.net.URI listing = writeResource(ManifestListing.path(manifestClass.reflectionName()), listing(migrations));
        if (!sqlFolders.isEmpty()) {
            writeResource(SQL_FOLDERS_FILE, sqlFoldersText(listing, sqlFolders));
        }
    }

    /**
     * The resource that names the SQL migration folders this compilation read, one a line, relative
     * to the class output directory: the build tool's check for SQL files edited, added or deleted
     * since the last compilation reads it (the compiler does not compile again when only resources
     * change).
     */
    static final String SQL_FOLDERS_FILE = "META-INF/tidemark/sql-folders";

    /** The folders relative to the output directory, found from the listing's place in it. */
    private static String sqlFoldersText(java.net.URI listing, List<Path> folders) {
        Path output;
        try {
            // META-INF/tidemark/<manifest>.entries
            output = Path.of(listing).getParent().getParent().getParent();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return folders.stream()
                    .map(folder -> folder.toString().replace('\\', '/') + "\n")
                    .reduce("", String::concat);
        }
        StringBuilder text = new StringBuilder();
        for (Path folder : folders) {
            Path relative = output.toAbsolutePath().relativize(folder.toAbsolutePath());
            text.append(relative.toString().replace('\\', '/')).append('\n');
        }
        return text.toString();
    }

    /** The listing resource: one line a migration (see {@link ManifestListing}). */
    static String listing(List<FoundMigration> migrations) {
        List<ManifestListing.Line> lines = new ArrayList<>(migrations.size());
        for (FoundMigration migration : migrations) {
            Map<String, String> details = new LinkedHashMap<>();
            String kind;
            if (migration.isSql()) {
                kind = ManifestListing.SQL;
                SqlMigrationFile sql = migration.sql();
                details.put("file", sql.file());
                details.put("up", SqlFileMigration.RESOURCE_FOLDER + sql.path());
                if (sql.downPath() != null) {
                    details.put("down", SqlFileMigration.RESOURCE_FOLDER + sql.downPath());
                }
                details.put("flyway", Integer.toString(sql.flywayChecksum()));
                Set<String> placeholders = new java.util.TreeSet<>(SqlPlaceholders.names(sql.upText()));
                if (sql.downText() != null) {
                    placeholders.addAll(SqlPlaceholders.names(sql.downText()));
                }
                if (!placeholders.isEmpty()) {
                    details.put("placeholders", String.join(",", placeholders));
                }
            } else {
                kind = ManifestListing.JAVA;
                if (!migration.canonicalName().equals(migration.binaryName().replace('$', '.'))) {
                    details.put("canonical", migration.canonicalName());
                }
            }
            lines.add(new ManifestListing.Line(
                    migration.version(),
                    migration.checksum(),
                    migration.transactional(),
                    migration.undoable(),
                    kind,
                    migration.binaryName(),
                    migration.description(),
                    details));
        }
        return ManifestListing.format(lines);
    }

    /**
     * Java migrations dispatched per generated method: 500 keeps each method far below the JVM's 64
     * KB of byte code.
     */
    static final int ENTRIES_PER_METHOD = 500;

    /**
     * Methods per nested part class: 1,000 migrations need about 3,000 of a class's 65,535
     * constant-pool slots (the class, its constructor), so no part is near the limit however many
     * migrations there are.
     */
    static final int METHODS_PER_PART = 2;

    /**
     * The manifest class. Its entries are data, the listing resource beside it, read by {@link
     * ManifestListing#load}; the class holds only what cannot be data: a {@code new} for each Java
     * migration, in a {@code create(index)} that switches to a nested {@code PartN} class,
     * {@value #ENTRIES_PER_METHOD} per method, index counting the Java lines of the listing.
     * Nothing refers to a migration class except those {@code new} expressions, so listing the
     * entries loads no migration class nor any part, and creating one loads only that one (no
     * method references: linking one resolves its class, and spins a hidden class per migration).
     */
    static TypeSpec manifestType(ClassName manifestClass, List<FoundMigration> all) {
        List<FoundMigration> migrations =
                all.stream().filter(migration -> !migration.isSql()).toList();
        ParameterizedTypeName listType =
                ParameterizedTypeName.get(ClassName.get(List.class), RuntimeNames.MIGRATION_ENTRY_CLASS);
        ClassName create = manifestClass.nestedClass("Create");

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
                dispatch.add("case $L: return $T.create$L(index);\n", chunk, partClass, chunk);
                partType.addMethod(create(chunk, migrations.subList(from, to), from));
            }
            parts.add(partType.build());
        }
        dispatch.add(noMigrationAt()).endControlFlow();

        TypeSpec.Builder type = TypeSpec.classBuilder(manifestClass)
                .addJavadoc(
                        "The migrations of this compilation, listed by version with their checksums in the"
                                + " resource\n{@code $L} beside this class.\nListing them loads no migration class: each"
                                + " is loaded when its entry's factory first creates it.\n",
                        ManifestListing.path(manifestClass.reflectionName()))
                .addAnnotation(AnnotationSpec.builder(Generated.class)
                        .addMember("value", "$S", MigrationProcessor.class.getName())
                        .build())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeNames.MIGRATION_MANIFEST_CLASS)
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
                        .addStatement("return $T.load(this, new $T())", ManifestListing.class, create)
                        .build())
                .addType(TypeSpec.classBuilder(create)
                        .addJavadoc("Creates the Java migration at one index of the listing's Java lines, loading"
                                + " its class only then.\n")
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .addSuperinterface(ParameterizedTypeName.get(
                                ClassName.get(IntFunction.class), RuntimeNames.JAVA_MIGRATION_CLASS))
                        .addMethod(MethodSpec.methodBuilder("apply")
                                .addAnnotation(Override.class)
                                .addModifiers(Modifier.PUBLIC)
                                .returns(RuntimeNames.JAVA_MIGRATION_CLASS)
                                .addParameter(int.class, "index")
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

    private static MethodSpec create(int chunk, List<FoundMigration> migrations, int firstIndex) {
        CodeBlock.Builder cases = CodeBlock.builder().beginControlFlow("switch (index)");
        for (int i = 0; i < migrations.size(); i++) {
            cases.add(
                    "case $L: return new $T(); // $L\n",
                    firstIndex + i,
                    ClassName.get(migrations.get(i).type()),
                    migrations.get(i).version());
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

    private java.net.URI writeResource(String path, String content) throws WriteException {
        try {
            FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path);
            try (OutputStream out = file.openOutputStream()) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            return file.toUri();
        } catch (IOException e) {
            throw new WriteException(path, e);
        }
    }
}
