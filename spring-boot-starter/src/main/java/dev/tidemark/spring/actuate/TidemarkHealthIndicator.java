package dev.tidemark.spring.actuate;

import dev.tidemark.Tidemark;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** The {@code tidemark} health indicator on Spring Boot 4 (see {@link HealthCheck}). */
public class TidemarkHealthIndicator extends AbstractHealthIndicator {

    private final HealthCheck check;

    public TidemarkHealthIndicator(Tidemark tidemark, boolean pendingIsDown) {
        super("Tidemark health check failed");
        this.check = new HealthCheck(tidemark, pendingIsDown);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        HealthCheck.Verdict verdict = check.check();
        (verdict.up() ? builder.up() : builder.down()).withDetails(verdict.details());
    }
}
