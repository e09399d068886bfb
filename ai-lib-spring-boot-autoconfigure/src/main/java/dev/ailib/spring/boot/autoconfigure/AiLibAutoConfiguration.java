package dev.ailib.spring.boot.autoconfigure;

import dev.ailib.api.AiClient;
import dev.ailib.spring.boot.autoconfigure.health.AiLibBoot4HealthIndicator;
import dev.ailib.spring.boot.autoconfigure.health.AiLibHealthIndicator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of ai-lib. Beans, each replaced by one of the application's own of the same type:
 * <ul>
 *   <li>{@link AiClientFactory}: builds clients from the {@code ailib.*} properties, with the chosen telemetry
 *       and every {@link AiClientBuilderCustomizer} bean;</li>
 *   <li>{@link AiClient} (when {@code ailib.model} is set): closed with the context;</li>
 *   <li>{@link AiClients}: the named clients of {@code ailib.clients.<name>.*}, closed with the context;</li>
 *   <li>the {@code ailib} health indicator, when {@code ailib.health.enabled=true} and Actuator is present
 *       (Spring Boot 3's or 4's health API, whichever is on the class path).</li>
 * </ul>
 * Telemetry goes to the application's {@code OpenTelemetry} bean, else its {@code ObservationRegistry}, else
 * nowhere; never to {@code GlobalOpenTelemetry}. The transport is whichever ai-lib transport is present (or the one
 * {@code ailib.transport} names).
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
    "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass(AiClient.class)
@EnableConfigurationProperties(AiLibProperties.class)
public class AiLibAutoConfiguration {

  /** For Spring. */
  public AiLibAutoConfiguration() {
  }

  /**
   * The factory every starter client comes from.
   *
   * @param properties {@code ailib.*}
   * @param customizers the application's builder customizers
   * @param context the application context (its telemetry beans and class loader)
   * @return the factory
   */
  @Bean
  @ConditionalOnMissingBean
  public AiClientFactory aiClientFactory(AiLibProperties properties,
      ObjectProvider<AiClientBuilderCustomizer> customizers, ApplicationContext context) {
    ClassLoader loader = context.getClassLoader() != null ? context.getClassLoader()
        : AiLibAutoConfiguration.class.getClassLoader();
    return new AiClientFactory(properties, TelemetrySelection.listeners(context, properties.getTelemetry(), loader),
        customizers.orderedStream().toList(), loader);
  }

  /**
   * The client of {@code ailib.model}.
   *
   * @param factory the factory
   * @return the client
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = AiLibProperties.PREFIX, name = "model")
  public AiClient aiClient(AiClientFactory factory) {
    return factory.createDefault();
  }

  /**
   * The named clients (none when {@code ailib.clients} is empty).
   *
   * @param factory the factory
   * @param properties {@code ailib.*}
   * @return the clients
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public AiClients aiClients(AiClientFactory factory, AiLibProperties properties) {
    Map<String, AiClient> built = new LinkedHashMap<>();
    try {
      properties.getClients().forEach((name, client) -> built.put(name, factory.createNamed(name, client)));
    } catch (RuntimeException e) {
      built.values().forEach(AiClient::close);
      throw e;
    }
    return new AiClients(built);
  }

  /** The health indicator on Spring Boot 3's Actuator API. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
  @ConditionalOnProperty(prefix = AiLibProperties.PREFIX + ".health", name = "enabled", havingValue = "true")
  static class ActuatorHealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "ailibHealthIndicator")
    AiLibHealthIndicator ailibHealthIndicator(ObjectProvider<AiClient> client) {
      return new AiLibHealthIndicator(healthClient(client));
    }
  }

  /** The health indicator on Spring Boot 4's health API. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
  @ConditionalOnMissingClass("org.springframework.boot.actuate.health.AbstractHealthIndicator")
  @ConditionalOnProperty(prefix = AiLibProperties.PREFIX + ".health", name = "enabled", havingValue = "true")
  static class Boot4HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "ailibHealthIndicator")
    AiLibBoot4HealthIndicator ailibHealthIndicator(ObjectProvider<AiClient> client) {
      return new AiLibBoot4HealthIndicator(healthClient(client));
    }
  }

  private static AiClient healthClient(ObjectProvider<AiClient> client) {
    AiClient c = client.getIfUnique();
    if (c == null) {
      throw new IllegalStateException("ailib.health.enabled=true checks the AiClient bean, and there is none (or "
          + "more than one): set ailib.model, or define one AiClient bean");
    }
    return c;
  }
}
