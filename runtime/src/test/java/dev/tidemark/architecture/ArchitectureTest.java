package dev.tidemark.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.tidemark.Configuration;
import dev.tidemark.Fleet;
import dev.tidemark.Tidemark;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's layers, read from its compiled classes. The API ({@code dev.tidemark}, {@code
 * dev.tidemark.spi..}) reaches the engine ({@code dev.tidemark.internal..}) only through the
 * facades: {@link Tidemark}, {@link Fleet} (Tidemark on several targets) and the {@link
 * Configuration} that builds them. Every verb is a command of {@code internal.command}, which only
 * the facades call; the engine's packages form no cycle; and the runtime, which depends on the JDK
 * alone, sees none of its callers' frameworks.
 */
class ArchitectureTest {

    private static final String ENGINE = "dev.tidemark.internal..";

    private static final String COMMANDS = "dev.tidemark.internal.command..";

    /** The facades, and the configuration that builds them: the only API types that call the engine. */
    private static final Class<?>[] FACADES = {Tidemark.class, Fleet.class, Configuration.class};

    /**
     * API types that use an engine type, each for a reason of its own. {@code LockAnalysisText}
     * renders the lock analysis (API data) on the API side, but says a table's size with the
     * analysis's own {@code Sentences} and finds the lock over the limit with its {@code SizeLimit},
     * so that the report and the engine's sentences word one size one way and compare it with the
     * limit one way. Add a type here only with its reason: anything else the API needs of the
     * engine belongs in the result it carries, rendered by API code.
     */
    private static final String[] ALLOWED = {"dev.tidemark.LockAnalysisText"};

    private static JavaClasses runtime;

    /** The runtime's compiled classes alone: not its tests, nor test-support beside them. */
    @BeforeAll
    static void importRuntime() throws URISyntaxException {
        runtime = new ClassFileImporter()
                .importPath(Path.of(Tidemark.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI()));
    }

    @Test
    void onlyTheFacades_runCommands() {
        noClasses()
                .that(not(belongToAnyOf(FACADES)))
                .and()
                .resideOutsideOfPackage(COMMANDS)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(COMMANDS)
                .check(runtime);
    }

    @Test
    void theApi_usesTheEngineOnlyThroughTheFacades() {
        noClasses()
                .that(not(belongToAnyOf(FACADES)))
                .and()
                .doNotHaveFullyQualifiedName(ALLOWED[0])
                .and()
                .resideOutsideOfPackage(ENGINE)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ENGINE)
                .check(runtime);
    }

    @Test
    void engineSlices_formNoCycle() {
        slices().matching("dev.tidemark.internal.(*)..")
                .should()
                .beFreeOfCycles()
                .check(runtime);
    }

    @Test
    void theRuntime_seesNoCallersFramework() {
        noClasses()
                .should()
                .dependOnClassesThat(resideInAPackage("org.apache.maven..")
                        .or(resideInAPackage("org.springframework.."))
                        .or(resideInAPackage("picocli.."))
                        .or(resideInAPackage("org.junit..")))
                .check(runtime);
    }
}
