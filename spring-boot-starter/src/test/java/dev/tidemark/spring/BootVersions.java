package dev.tidemark.spring;

import java.util.Arrays;
import org.springframework.boot.autoconfigure.AutoConfigurations;

/**
 * Spring Boot's own auto-configurations by what they are, whatever package this Boot keeps them in
 * (Boot 4 moved them into modules), so the same tests run on Boot 4.0 and 3.5.
 */
public final class BootVersions {

    private BootVersions() {}

    public static AutoConfigurations jdbc() {
        return AutoConfigurations.of(classes(
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
                "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration"));
    }

    static AutoConfigurations of(String... names) {
        return AutoConfigurations.of(classes(names));
    }

    /** The classes of these names that exist here. */
    static Class<?>[] classes(String... names) {
        return Arrays.stream(names)
                .map(BootVersions::load)
                .filter(type -> type != null)
                .toArray(Class<?>[]::new);
    }

    public static boolean isBoot4() {
        return load("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration") != null;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, BootVersions.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
