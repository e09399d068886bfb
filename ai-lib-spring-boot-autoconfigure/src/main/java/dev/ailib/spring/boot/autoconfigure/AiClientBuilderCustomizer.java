package dev.ailib.spring.boot.autoconfigure;

import dev.ailib.api.AiClientBuilder;

/**
 * Changes the builder of every client the starter creates (the {@code AiClient} bean, the named clients and those of
 * {@link AiClientFactory}), after the {@code ailib.*} properties are applied: to add interceptors, a transport
 * instance, a clock, or anything else the builder takes. Beans of this type are applied in their {@code @Order}.
 */
@FunctionalInterface
public interface AiClientBuilderCustomizer {

  /**
   * Customizes one client's builder.
   *
   * @param clientName {@code default} for the {@code AiClient} bean, the name for {@code ailib.clients.<name>},
   *     the model for {@link AiClientFactory#create(String)}
   * @param builder the builder, with the properties applied
   */
  void customize(String clientName, AiClientBuilder builder);
}
