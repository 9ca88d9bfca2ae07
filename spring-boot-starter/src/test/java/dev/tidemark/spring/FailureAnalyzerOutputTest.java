package dev.tidemark.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What a user sees when start-up fails: Tidemark's message in Spring Boot's failure report, not a stack trace. */
@Tag("database")
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalyzerOutputTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {}

    @Test
    void validateOnAnEmptyDatabase_printsTheMessageAndTheRemedyAsTheFailureReport(CapturedOutput output) {
        try (EmptyDatabase database = new EmptyDatabase()) {
            SpringApplication application = new SpringApplication(Application.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            assertThatThrownBy(() ->
                            application.run("--spring.datasource.url=" + database.url(), "--tidemark.mode=validate"))
                    .hasStackTraceContaining("pending");
            String printed = output.getAll();
            int report = printed.indexOf("APPLICATION FAILED TO START");
            assertThat(report)
                    .as("Spring Boot's failure report in:%n%s", printed)
                    .isNotNegative();
            String analysis = printed.substring(report);
            assertThat(analysis)
                    .contains("Description:")
                    .contains("Tidemark could not")
                    .contains("pending")
                    .contains("Action:")
                    .contains("tidemark.mode=migrate")
                    .doesNotContain("mvn")
                    .doesNotContain("schema.");
            assertThat(analysis.substring(0, analysis.indexOf("Action:"))).doesNotContain("\tat ");
        }
    }
}
