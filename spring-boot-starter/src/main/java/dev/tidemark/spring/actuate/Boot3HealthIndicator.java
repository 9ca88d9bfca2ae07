package dev.tidemark.spring.actuate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * The {@code tidemark} health indicator on Spring Boot 3.5, whose health API lives in another package
 * ({@code org.springframework.boot.actuate.health}) than Boot 4's: implemented through that
 * interface at run time so that one artifact serves both, without compiling against two versions of
 * {@code spring-boot-actuator}. It reports what {@link HealthCheck} finds, as the Boot 4 indicator does.
 */
final class Boot3HealthIndicator implements InvocationHandler {

    static final String INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";
    private static final String HEALTH = "org.springframework.boot.actuate.health.Health";

    private final HealthCheck check;
    private final ClassLoader classLoader;

    private Boot3HealthIndicator(HealthCheck check, ClassLoader classLoader) {
        this.check = check;
        this.classLoader = classLoader;
    }

    /** A {@code HealthIndicator} of Boot 3.5. */
    static Object create(HealthCheck check, ClassLoader classLoader) throws ClassNotFoundException {
        Class<?> indicator = Class.forName(INDICATOR, false, classLoader);
        return Proxy.newProxyInstance(
                classLoader, new Class<?>[] {indicator}, new Boot3HealthIndicator(check, classLoader));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        return switch (method.getName()) {
            case "health" -> health();
            case "toString" -> "TidemarkHealthIndicator (Boot 3)";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> InvocationHandler.invokeDefault(proxy, method, arguments);
        };
    }

    private Object health() throws ReflectiveOperationException {
        Class<?> health = Class.forName(HEALTH, false, classLoader);
        Object builder;
        Map<String, Object> details;
        try {
            HealthCheck.Verdict verdict = check.check();
            builder = health.getMethod(verdict.up() ? "up" : "down").invoke(null);
            details = verdict.details();
        } catch (RuntimeException e) {
            builder = health.getMethod("down", Throwable.class).invoke(null, e);
            details = Map.of();
        }
        builder = builder.getClass().getMethod("withDetails", Map.class).invoke(builder, details);
        return builder.getClass().getMethod("build").invoke(builder);
    }
}
