package dev.ailib.api.spi;

import dev.ailib.api.ResilientConfig;
import dev.ailib.api.Timeouts;
import dev.ailib.api.internal.Checks;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the builder collected, handed to the engine. {@link #toString()} never shows the key.
 *
 * @param model {@code provider/model}
 * @param protocolDir a manifest directory, or null
 * @param timeouts explicit timeouts, or null for environment and defaults
 * @param resilience resilience settings given by the caller
 * @param baseUrl a base URL override, or null
 * @param apiKey an explicit key for the primary model's provider, or null
 * @param providerApiKeys explicit keys by provider id (for the primary and fallback providers)
 * @param fallbackModels fallback chain after the primary model
 * @param transportName a transport picked by name, or null
 * @param components transports, listeners, interceptors and other components given as instances
 */
public record ClientConfig(String model, Path protocolDir, Timeouts timeouts, ResilientConfig resilience,
    URI baseUrl, String apiKey, Map<String, String> providerApiKeys, List<String> fallbackModels, String transportName,
    List<ClientComponent> components) {

  /** Checks and copies. */
  public ClientConfig {
    Checks.notNull(model, "model");
    Checks.notNull(resilience, "resilience");
    providerApiKeys = Map.copyOf(providerApiKeys);
    fallbackModels = List.copyOf(fallbackModels);
    components = List.copyOf(components);
  }

  /**
   * A configuration without keys per provider.
   *
   * @param model {@code provider/model}
   * @param protocolDir a manifest directory, or null
   * @param timeouts explicit timeouts, or null
   * @param resilience resilience settings
   * @param baseUrl a base URL override, or null
   * @param apiKey an explicit key, or null
   * @param fallbackModels fallback chain
   * @param transportName a transport picked by name, or null
   * @param components components given as instances
   */
  public ClientConfig(String model, Path protocolDir, Timeouts timeouts, ResilientConfig resilience, URI baseUrl,
      String apiKey, List<String> fallbackModels, String transportName, List<ClientComponent> components) {
    this(model, protocolDir, timeouts, resilience, baseUrl, apiKey, Map.of(), fallbackModels, transportName,
        components);
  }

  /**
   * The explicit key for a provider: {@link #apiKey()} for the primary model's provider when set, else the key given
   * for that provider, else null.
   *
   * @param provider the provider id
   * @param primary whether it is the primary model's provider
   * @return the key, or null
   */
  public String explicitKey(String provider, boolean primary) {
    if (primary && apiKey != null) {
      return apiKey;
    }
    return providerApiKeys.get(provider);
  }

  /**
   * The components of a type, in the order given.
   *
   * @param type the port type
   * @param <T> the port type
   * @return the matching components
   */
  public <T> List<T> components(Class<T> type) {
    return components.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public String toString() {
    return "ClientConfig[model=" + model + ", protocolDir=" + protocolDir + ", timeouts=" + timeouts
        + ", resilience=" + resilience + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "***")
        + ", apiKeys for " + providerApiKeys.keySet() + ", fallbackModels=" + fallbackModels + ", transportName="
        + transportName + ", components=" + components.size() + "]";
  }

}
