package dev.tidemark.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/** Another processor that generates a migration source in the first round. */
final class LateMigrationProcessor extends AbstractProcessor {

    static final String SOURCE = """
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

    private boolean generated;

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
            try (Writer writer = processingEnv
                    .getFiler()
                    .createSourceFile("com.acme.db.GeneratedLate")
                    .openWriter()) {
                writer.write(SOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
