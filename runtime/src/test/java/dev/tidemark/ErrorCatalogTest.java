package dev.tidemark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link ErrorCode} is the catalog of the runtime's texts: every code complete, unique and documented. */
class ErrorCatalogTest {

    @Test
    void everyCode_hasATitleAStateAndARemedy() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.title()).as("title of %s", code).isNotBlank().endsWith(".");
            assertThat(code.state()).as("state of %s", code).isNotBlank().endsWith(".");
            assertThat(code.remedy().isEmpty())
                    .as("remedy of %s is empty", code)
                    .isFalse();
            assertThat(code.remedy().render(CallerTerms.API))
                    .as("remedy of %s", code)
                    .isNotBlank();
        }
    }

    @Test
    void everyId_isUniqueAndWellFormed() {
        Set<String> ids = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.id()).matches("TM-R\\d{3}");
            assertThat(ids.add(code.id())).as("%s is used twice", code.id()).isTrue();
        }
    }

    @Test
    void everyCode_isDocumentedInTheReadmesErrorsSection() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher section = Pattern.compile("(?s)\\n## Errors\\n(.*?)\\n## ").matcher(readme);
        assertThat(section.find()).as("README has an Errors section").isTrue();
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(section.group(1))
                    .as("README's Errors table row of %s", code)
                    .contains("| " + code.id() + " | `" + code.name() + "` |");
        }
    }

    @Test
    void aFailureWithoutItsOwnStateOrRemedy_givesItsCodes() {
        TidemarkException failure = new TidemarkException(ErrorCode.SCHEMA_MISSING, "The schema s does not exist.");

        assertThat(failure.what().toString()).isEqualTo("The schema s does not exist.");
        assertThat(failure.state().toString()).isEqualTo(ErrorCode.SCHEMA_MISSING.state());
        assertThat(failure.remedy()).isEqualTo(ErrorCode.SCHEMA_MISSING.remedy());
        assertThat(failure.getMessage()).isEqualTo("[TM-R021] The schema s does not exist.");
    }
}
