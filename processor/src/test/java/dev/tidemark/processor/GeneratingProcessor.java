package dev.tidemark.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/** Another processor, which generates one source file in the first round. */
final class GeneratingProcessor extends AbstractProcessor {

    /** A migration, which Tidemark meets only in the second round. */
    static final String LATE_MIGRATION = """
            package com.acme.db;

            import dev.tidemark.JavaMigration;
            import dev.tidemark.Migration;
            import dev.tidemark.MigrationContext;

            @Migration(version = "99")
            public final class GeneratedLate implements JavaMigration {
                @Override
                public void up(MigrationContext db) {}
            }
            """;

    /** A class of constants that a migration compiled in the first round uses. */
    static final String GENERATED_SQL = """
            package com.acme.db.gen;

            public final class GeneratedSql {
                public static final String CREATE = "CREATE TABLE generated (id int)";

                private GeneratedSql() {}
            }
            """;

    private final String className;
    private final String source;
    private boolean generated;

    GeneratingProcessor(String className, String source) {
        this.className = className;
        this.source = source;
    }

    static GeneratingProcessor lateMigration() {
        return new GeneratingProcessor("com.acme.db.GeneratedLate", LATE_MIGRATION);
    }

    static GeneratingProcessor generatedSql() {
        return new GeneratingProcessor("com.acme.db.gen.GeneratedSql", GENERATED_SQL);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (!generated) {
            generated = true;
            try (Writer writer =
                    processingEnv.getFiler().createSourceFile(className).openWriter()) {
                writer.write(source);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
