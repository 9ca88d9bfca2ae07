package dev.tidemark.spring.actuate;

import dev.tidemark.Tidemark;
import dev.tidemark.spring.TidemarkAutoConfiguration;
import dev.tidemark.spring.TidemarkProperties;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * The {@code tidemark} Actuator endpoint and health indicator, present only when Actuator is. The
 * health indicator is Boot 4's or Boot 3.5's, whichever health API is on the class path; {@code
 * management.health.tidemark.enabled=false} turns it off.
 */
@AutoConfiguration(after = TidemarkAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(Tidemark.class)
public class TidemarkActuatorAutoConfiguration {

    static final String HEALTH_BEAN = "tidemarkHealthIndicator";

    @Bean
    @ConditionalOnMissingBean
    public TidemarkEndpoint tidemarkEndpoint(Tidemark tidemark) {
        return new TidemarkEndpoint(tidemark);
    }

    /** Boot 4: {@code org.springframework.boot.health.contributor}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnProperty(name = "management.health.tidemark.enabled", matchIfMissing = true)
    static class Boot4Health {

        @Bean(HEALTH_BEAN)
        @ConditionalOnMissingBean(name = HEALTH_BEAN)
        TidemarkHealthIndicator tidemarkHealthIndicator(Tidemark tidemark, TidemarkProperties properties) {
            return new TidemarkHealthIndicator(tidemark, properties.getHealth().isPendingIsDown());
        }
    }

    /** Boot 3.5: {@code org.springframework.boot.actuate.health}, reached at run time. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = Boot3HealthIndicator.INDICATOR)
    @ConditionalOnProperty(name = "management.health.tidemark.enabled", matchIfMissing = true)
    @Import(Boot3Health.Registrar.class)
    static class Boot3Health {

        static final class Registrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware {

            private BeanFactory beanFactory;

            @Override
            public void setBeanFactory(BeanFactory beanFactory) {
                this.beanFactory = beanFactory;
            }

            @Override
            public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
                if (registry.containsBeanDefinition(HEALTH_BEAN)) {
                    return;
                }
                ClassLoader classLoader = ClassUtils.getDefaultClassLoader();
                RootBeanDefinition definition = new RootBeanDefinition();
                definition.setTargetType(ClassUtils.resolveClassName(Boot3HealthIndicator.INDICATOR, classLoader));
                definition.setInstanceSupplier(() -> {
                    Tidemark tidemark = beanFactory.getBean(Tidemark.class);
                    TidemarkProperties properties = beanFactory.getBean(TidemarkProperties.class);
                    try {
                        return Boot3HealthIndicator.create(
                                new HealthCheck(tidemark, properties.getHealth().isPendingIsDown()), classLoader);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                });
                registry.registerBeanDefinition(HEALTH_BEAN, definition);
            }
        }
    }
}
