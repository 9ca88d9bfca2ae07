package dev.tidemark.spring;

import dev.tidemark.Configuration;

/**
 * Changes the {@link Configuration} after the {@code tidemark.*} properties are applied and before
 * it is loaded: for what properties cannot say (a listener, manifests of its own, a {@code
 * DataSource} built in code). Every bean of this type is called, in {@code @Order}.
 */
@FunctionalInterface
public interface TidemarkConfigurationCustomizer {

    void customize(Configuration configuration);
}
