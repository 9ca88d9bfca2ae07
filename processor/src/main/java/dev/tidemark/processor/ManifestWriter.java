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
     * Migrations dispatched per generated method: 500 keeps each method far below the JVM's 64 KB
     * of byte code.
     */
    static final int ENTRIES_PER_METHOD = 500;

    /**
     * Methods per nested part class: 1,000 migrations need about 3,000 of a class's 65,535
     * constant-pool slots (the class, its constructor), so no part is near the limit however many
     * migrations there are.
     */
    static final int METHODS_PER_PART = 2;

    /**
     * The most bytes one string of the listing takes in a class file (modified UTF-8), below the
     * 65,535 a string constant may have.
     */
    static final int LISTING_CHUNK_BYTES = 60_000;

    /**
     * The manifest class. Its entries are decoded from a few string constants, {@code LISTING}:
     * per migration its version, description, class name and checksum, each as its length in
     * digits, a colon and the text, followed by a bar; then one digit of flags (1: transactional,
     * 2: undoable). Thousands of
     * entries written as {@code new MigrationEntry("…", …)} statements made thousands of string
     * constants to resolve and a megabyte of class files to load and verify on every run; the
     * listing is a handful of constants and one loop. Each entry's factory is a {@code Factory}
     * holding the entry's index, whose {@code get()} switches to the {@code new} of that one
     * migration in a nested {@code PartN} class, {@value #ENTRIES_PER_METHOD} per method. Nothing
     * refers to a migration class except those {@code new} expressions, so listing the entries
     * loads no migration class nor any part, and creating one loads only that one (no method
     * references: linking one resolves its class, and spins a hidden class per migration).
     */
    static TypeSpec manifestType(ClassName manifestClass, List<FoundMigration> migrations) {
        ParameterizedTypeName listType =
                ParameterizedTypeName.get(ClassName.get(List.class), RuntimeNames.MIGRATION_ENTRY_CLASS);
        ClassName factory = manifestClass.nestedClass("Factory");

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
                .addJavadoc("The migrations of this compilation, sorted by version, with their source checksums.\n"
                        + "Listing them loads no migration class: each is loaded when its entry's factory first\n"
                        + "creates it.\n")
                .addAnnotation(AnnotationSpec.builder(Generated.class)
                        .addMember("value", "$S", MigrationProcessor.class.getName())
                        .build())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeNames.MIGRATION_MANIFEST_CLASS)
                .addField(FieldSpec.builder(
                                String[].class, "LISTING", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Per migration: version, description, class name and checksum, each as {@code"
                                + " length:text|},\nthen a digit of flags (1: transactional, 2: undoable).\n")
                        .initializer(listing(migrations))
                        .build())
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
                        .addCode(decoding(listType, factory, migrations.size()))
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

    /** The {@code LISTING} array: one line a migration, a string constant per chunk of lines. */
    private static CodeBlock listing(List<FoundMigration> migrations) {
        CodeBlock.Builder listing = CodeBlock.builder().add("{\n").indent();
        int chunkBytes = 0;
        for (int i = 0; i < migrations.size(); i++) {
            String entry = encode(migrations.get(i));
            int bytes = modifiedUtf8Length(entry);
            if (i > 0) {
                boolean newChunk = chunkBytes + bytes > LISTING_CHUNK_BYTES;
                listing.add(newChunk ? ",\n" : "\n    + ");
                chunkBytes = newChunk ? 0 : chunkBytes;
            }
            listing.add("$S", entry);
            chunkBytes += bytes;
        }
        return listing.add("\n").unindent().add("}").build();
    }

    /** One migration in the listing's form (see {@link #manifestType}). */
    static String encode(FoundMigration migration) {
        StringBuilder entry = new StringBuilder();
        for (String field :
                List.of(migration.version(), migration.description(), migration.binaryName(), migration.checksum())) {
            entry.append(field.length()).append(':').append(field).append('|');
        }
        return entry.append((char) ('0' + (migration.transactional() ? 1 : 0) + (migration.undoable() ? 2 : 0)))
                .toString();
    }

    /** The bytes {@code text} takes as a class-file constant: a NUL and chars above 0x7F take more than one. */
    static int modifiedUtf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }

    /** The body of {@code entries()}: decodes {@code LISTING}. */
    private static CodeBlock decoding(ParameterizedTypeName listType, ClassName factory, int size) {
        return CodeBlock.builder()
                .addStatement("$T entries = new $T<>($L)", listType, ArrayList.class, size)
                .addStatement("String[] fields = new String[4]")
                .beginControlFlow("for (String chunk : LISTING)")
                .addStatement("int at = 0")
                .beginControlFlow("while (at < chunk.length())")
                .beginControlFlow("for (int field = 0; field < fields.length; field++)")
                .addStatement("int colon = chunk.indexOf(':', at)")
                .addStatement("int end = colon + 1 + $T.parseInt(chunk, at, colon, 10)", Integer.class)
                .addStatement("fields[field] = chunk.substring(colon + 1, end)")
                .addStatement("at = end + 1")
                .endControlFlow()
                .addStatement("int flags = chunk.charAt(at++) - '0'")
                .addStatement(
                        "entries.add(new $T(fields[0], fields[1], fields[2], fields[3], (flags & 1) != 0,"
                                + " (flags & 2) != 0, new $T(entries.size())))",
                        RuntimeNames.MIGRATION_ENTRY_CLASS,
                        factory)
                .endControlFlow()
                .endControlFlow()
                .addStatement("return $T.copyOf(entries)", List.class)
                .build();
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
