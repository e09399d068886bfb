package dev.ailib.api.spi;

import dev.ailib.api.ResilientConfig;
import dev.ailib.api.Timeouts;
import dev.ailib.api.internal.Checks;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the builder collected, handed to the engine. {@link #toString()} never shows the key.
 *
 * @param model {@code provider/model}
 * @param protocolDir a manifest directory, or null
 * @param timeouts explicit timeouts, or null for environment and defaults
 * @param resilience resilience settings given by the caller
 * @param baseUrl a base URL override for the primary model's provider, or null
 * @param apiKey an explicit key for the primary model's provider, or null
 * @param providerApiKeys explicit keys by provider id (for the primary and fallback providers)
 * @param fallbackModels fallback chain after the primary model
 * @param transportName a transport picked by name, or null
 * @param components transports, listeners, interceptors and other components given as instances
 * @param providerBaseUrls base URL overrides by provider id (for the primary and fallback providers)
 * @param unlistedModels which providers accept model ids their manifest does not list
 */
public record ClientConfig(String model, Path protocolDir, Timeouts timeouts, ResilientConfig resilience,
    URI baseUrl, String apiKey, Map<String, String> providerApiKeys, List<String> fallbackModels, String transportName,
    List<ClientComponent> components, Map<String, URI> providerBaseUrls, UnlistedModels unlistedModels) {

  /** Checks and copies. */
  public ClientConfig {
    Checks.notNull(model, "model");
    Checks.notNull(resilience, "resilience");
    providerApiKeys = Map.copyOf(providerApiKeys);
    fallbackModels = List.copyOf(fallbackModels);
    components = List.copyOf(components);
    providerBaseUrls = Map.copyOf(providerBaseUrls);
    unlistedModels = unlistedModels == null ? UnlistedModels.NONE : unlistedModels;
  }

  /**
   * Which providers accept model ids their manifest does not list ({@code AiClientBuilder.allowUnlistedModels}).
   *
   * @param all every provider does
   * @param providers the providers that do (by provider id), when not all
   */
  public record UnlistedModels(boolean all, Set<String> providers) {
    /** No provider: a manifest that lists its models accepts only those (and their aliases and snapshots). */
    public static final UnlistedModels NONE = new UnlistedModels(false, Set.of());

    /** Copies. */
    public UnlistedModels {
      providers = Set.copyOf(providers);
    }

    /**
     * Whether a provider accepts unlisted ids.
     *
     * @param provider the provider id
     * @return true when all do or this one was named
     */
    public boolean allows(String provider) {
      return all || providers.contains(provider);
    }
  }

  /**
   * A configuration without base URLs per provider or unlisted models.
   *
   * @param model {@code provider/model}
   * @param protocolDir a manifest directory, or null
   * @param timeouts explicit timeouts, or null
   * @param resilience resilience settings
   * @param baseUrl a base URL override, or null
   * @param apiKey an explicit key, or null
   * @param providerApiKeys explicit keys by provider id
   * @param fallbackModels fallback chain
   * @param transportName a transport picked by name, or null
   * @param components components given as instances
   */
  public ClientConfig(String model, Path protocolDir, Timeouts timeouts, ResilientConfig resilience, URI baseUrl,
      String apiKey, Map<String, String> providerApiKeys, List<String> fallbackModels, String transportName,
      List<ClientComponent> components) {
    this(model, protocolDir, timeouts, resilience, baseUrl, apiKey, providerApiKeys, fallbackModels, transportName,
        components, Map.of(), UnlistedModels.NONE);
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
        components, Map.of(), UnlistedModels.NONE);
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
   * The base URL override for a provider: {@link #baseUrl()} for the primary model's provider when set, else the URL
   * given for that provider, else null.
   *
   * @param provider the provider id
   * @param primary whether it is the primary model's provider
   * @return the URL, or null
   */
  public URI baseUrl(String provider, boolean primary) {
    if (primary && baseUrl != null) {
      return baseUrl;
    }
    return providerBaseUrls.get(provider);
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
        + ", apiKeys for " + providerApiKeys.keySet() + ", baseUrls for " + providerBaseUrls.keySet()
        + ", unlistedModels=" + unlistedModels + ", fallbackModels=" + fallbackModels + ", transportName="
        + transportName + ", components=" + components.size() + "]";
  }

}
