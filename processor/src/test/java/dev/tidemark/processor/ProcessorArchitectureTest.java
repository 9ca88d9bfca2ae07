package dev.tidemark.processor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The processor runs inside javac, apart from any engine: it uses the runtime's API ({@code
 * dev.tidemark}) and the types the runtime shares with Tidemark's own modules ({@code
 * dev.tidemark.spi..}, such as the script splitter in {@code spi.sql}), never an engine type
 * ({@code dev.tidemark.internal..}), which may change with any release.
 */
class ProcessorArchitectureTest {

    @Test
    void theProcessor_usesNoEngineType() throws URISyntaxException {
        JavaClasses processor = new ClassFileImporter()
                .importPath(Path.of(MigrationProcessor.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI()));
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.tidemark.internal..")
                .check(processor);
    }
}
