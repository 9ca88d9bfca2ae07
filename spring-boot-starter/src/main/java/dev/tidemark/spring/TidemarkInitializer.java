package dev.tidemark.spring;

import dev.tidemark.Action;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.Tidemark;
import dev.tidemark.ValidationException;
import dev.tidemark.ValidationProblem;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;

/**
 * Runs Tidemark while the application context starts, before any bean that uses the database is
 * created: every {@code JdbcTemplate}, {@code JdbcClient}, JPA {@code EntityManagerFactory}, jOOQ
 * {@code DSLContext} and bean marked {@code @DependsOnDatabaseInitialization} depends on it (see
 * {@link TidemarkDatabaseInitializerDetector}). Define a bean of this type to replace it.
 */
public class TidemarkInitializer implements InitializingBean, Ordered {

    private static final Log log = LogFactory.getLog(TidemarkInitializer.class);

    private final Tidemark tidemark;
    private final TidemarkProperties.Mode mode;
    private int order;

    public TidemarkInitializer(Tidemark tidemark, TidemarkProperties.Mode mode) {
        this.tidemark = Objects.requireNonNull(tidemark, "tidemark");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    @Override
    public void afterPropertiesSet() {
        switch (mode) {
            // The runtime tells the listener what it did ("Applied 2 migrations …", "Validated …").
            case MIGRATE -> tidemark.migrate();
            case VALIDATE -> validate();
            case NONE -> log.info("Tidemark does nothing at start-up (tidemark.mode=none).");
        }
    }

    /**
     * Validates; refused on pending migrations, the remedy says that it is {@code tidemark.mode=validate}
     * that refuses them (it sets {@code tidemark.fail-on-pending=true}, which the user may never have
     * written) and how to apply them.
     */
    private void validate() {
        try {
            tidemark.validate();
        } catch (ValidationException e) {
            if (e.result() == null || e.result().problems().stream().noneMatch(TidemarkInitializer::pending)) {
                throw e;
            }
            Phrase.Builder remedy = Phrase.builder()
                    .append("The application was started with tidemark.mode=validate, which refuses to start while"
                            + " migrations are pending (it sets ")
                    .setting(Setting.FAIL_ON_PENDING, true)
                    .append("): apply them first, with the deploy step that migrates or by running ")
                    .action(Action.MIGRATE)
                    .append(" once, then start it again.");
            if (!e.result().problems().stream().allMatch(TidemarkInitializer::pending) && e.remedy() != null) {
                remedy.append(" ").append(e.remedy());
            }
            ValidationException refused = new ValidationException(e.what(), remedy.build(), e.result());
            refused.setStackTrace(e.getStackTrace());
            throw refused;
        }
    }

    private static boolean pending(ValidationProblem problem) {
        return problem.kind() == ValidationProblem.Kind.PENDING;
    }

    /** The migration run; the {@code Tidemark} the endpoint and health indicator ask too. */
    public Tidemark tidemark() {
        return tidemark;
    }

    public TidemarkProperties.Mode mode() {
        return mode;
    }

    @Override
    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }
}
