package dev.ailib.api.spi;

import dev.ailib.api.ResilientConfig;
import dev.ailib.api.Timeouts;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything the builder collected, handed to the engine. {@link #toString()} never shows the key.
 *
 * @param model {@code provider/model}
 * @param protocolDir a manifest directory, or null
 * @param timeouts explicit timeouts, or null for environment and defaults
 * @param resilience resilience settings given by the caller
 * @param baseUrl a base URL override, or null
 * @param apiKey an explicit key, or null
 * @param fallbackModels fallback chain after the primary model
 * @param transportName a transport picked by name, or null
 * @param components transports, listeners, interceptors and other components given as instances
 */
public record ClientConfig(String model, Path protocolDir, Timeouts timeouts, ResilientConfig resilience,
    URI baseUrl, String apiKey, List<String> fallbackModels, String transportName, List<ClientComponent> components) {

  /** Checks and copies. */
  public ClientConfig {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(resilience, "resilience");
    fallbackModels = List.copyOf(fallbackModels);
    components = List.copyOf(components);
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
        + ", fallbackModels=" + fallbackModels + ", transportName=" + transportName + ", components=" + components.size()
        + "]";
  }

}
