package dev.tidemark.spring;

import dev.tidemark.Tidemark;
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
            case VALIDATE -> tidemark.validate();
            case NONE -> log.info("Tidemark does nothing at start-up (tidemark.mode=none).");
        }
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
