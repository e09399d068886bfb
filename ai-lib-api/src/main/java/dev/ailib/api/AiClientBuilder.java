package dev.ailib.api;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.internal.Checks;
import dev.ailib.api.spi.ClientComponent;
import dev.ailib.api.spi.ClientConfig;
import dev.ailib.api.spi.ClientEngineProvider;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Configures an {@link AiClient}. Not thread-safe. Every setting is checked when set, with an error naming the
 * setting and the value (never a credential): {@link NullPointerException} for a null,
 * {@link IllegalArgumentException} for a value wrong in itself (a model that is not {@code provider/model}, a URL
 * that is not http(s)). What depends on the manifests, the environment and the credentials is checked at
 * {@link #build()} and fails with an {@link AiLibException}.
 */
public final class AiClientBuilder {
  private String model;
  private Path protocolDir;
  private Timeouts timeouts;
  private ResilientConfig resilience = ResilientConfig.unset();
  private URI baseUrl;
  private String apiKey;
  private final Map<String, String> providerApiKeys = new LinkedHashMap<>();
  private final Map<String, URI> providerBaseUrls = new LinkedHashMap<>();
  private boolean allowUnlistedModelsEverywhere;
  private final Set<String> unlistedModelProviders = new LinkedHashSet<>();
  private final List<String> fallbackModels = new ArrayList<>();
  private String transportName;
  private final List<ClientComponent> components = new ArrayList<>();

  AiClientBuilder() {
  }

  /**
   * The model to call, as {@code provider/model}.
   *
   * @param value such as {@code openai/gpt-4o}
   * @return this
   * @throws NullPointerException when the value is null
   * @throws IllegalArgumentException when it is not {@code provider/model}
   */
  public AiClientBuilder model(String value) {
    this.model = checkModel("model", value);
    return this;
  }

  /**
   * A directory of AI-Protocol manifests, searched before {@code AI_PROTOCOL_PATH} and the bundled set.
   * Edited manifests are picked up by the next call.
   *
   * @param dir the directory
   * @return this
   */
  public AiClientBuilder protocolDir(Path dir) {
    this.protocolDir = Checks.notNull(dir, "protocolDir");
    return this;
  }

  /**
   * The whole-call timeout (over all attempts). The other timeouts keep their values.
   *
   * @param value positive
   * @return this
   * @throws NullPointerException when the value is null
   * @throws IllegalArgumentException when it is zero or negative
   */
  public AiClientBuilder timeout(Duration value) {
    Checks.notNull(value, "timeout");
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, was " + value);
    }
    Timeouts base = timeouts == null ? Timeouts.DEFAULTS : timeouts;
    this.timeouts = base.withCall(value);
    return this;
  }

  /**
   * All four timeouts.
   *
   * @param value the timeouts
   * @return this
   */
  public AiClientBuilder timeouts(Timeouts value) {
    this.timeouts = Checks.notNull(value, "timeouts");
    return this;
  }

  /**
   * Retry, rate limit, circuit breaker and bulkhead settings.
   *
   * @param value the settings
   * @return this
   */
  public AiClientBuilder resilience(ResilientConfig value) {
    this.resilience = Checks.notNull(value, "resilience");
    return this;
  }

  /**
   * Overrides the base URL of the primary model's provider (a proxy, a gateway, a local fake). The manifest's URL, and
   * any {@code ${VAR}} placeholder in it, is then not used. Applies to fallback models of the same provider too.
   *
   * @param value an absolute http or https URL with a host, such as {@code https://gateway.example/v1}
   * @return this
   * @throws NullPointerException when the value is null
   * @throws IllegalArgumentException when the value is not such a URL (the message names it and what is wrong, and
   *     shows a password in it as {@code ***})
   */
  public AiClientBuilder baseUrl(String value) {
    this.baseUrl = checkBaseUrl("baseUrl", value);
    return this;
  }

  /**
   * Overrides the base URL of one provider, for the primary model or a fallback model of that provider. A URL set with
   * {@link #baseUrl(String)} wins for the primary model's provider.
   *
   * @param provider the provider id, as in {@code provider/model} (such as {@code anthropic})
   * @param value an absolute http or https URL with a host
   * @return this
   * @throws NullPointerException when the provider or the URL is null
   * @throws IllegalArgumentException when the provider id or the URL is invalid
   */
  public AiClientBuilder baseUrl(String provider, String value) {
    checkProvider("baseUrl", provider);
    providerBaseUrls.put(provider, checkBaseUrl("baseUrl for provider '" + provider + "'", value));
    return this;
  }

  /**
   * Accepts model ids that a provider's manifest does not list, for every provider: such an id is sent as written,
   * with no metadata (context window, prices, per-model parameters). Without it, a manifest that lists its models
   * accepts those, their aliases and their dated snapshots only.
   *
   * @return this
   */
  public AiClientBuilder allowUnlistedModels() {
    this.allowUnlistedModelsEverywhere = true;
    return this;
  }

  /**
   * Accepts model ids that this provider's manifest does not list (see {@link #allowUnlistedModels()}).
   *
   * @param provider the provider id, as in {@code provider/model}
   * @return this
   */
  public AiClientBuilder allowUnlistedModels(String provider) {
    unlistedModelProviders.add(checkProvider("allowUnlistedModels", provider));
    return this;
  }

  /**
   * The API key, used before any environment variable. Never printed.
   *
   * @param value the key
   * @return this
   * @throws NullPointerException when the key is null
   * @throws IllegalArgumentException when it is blank
   */
  public AiClientBuilder apiKey(String value) {
    Checks.notNull(value, "apiKey");
    if (value.isBlank()) {
      throw new IllegalArgumentException("apiKey is blank");
    }
    this.apiKey = value;
    return this;
  }

  /**
   * The API key of one provider, for the primary model or a fallback model of that provider; used before any
   * environment variable. A key set with {@link #apiKey(String)} wins for the primary model's provider. Never printed.
   *
   * @param provider the provider id, as in {@code provider/model} (such as {@code anthropic})
   * @param value the key
   * @return this
   * @throws NullPointerException when the provider or the key is null
   * @throws IllegalArgumentException when the provider is not a provider id or the key is blank
   */
  public AiClientBuilder apiKey(String provider, String value) {
    checkProvider("apiKey", provider);
    Checks.notNull(value, "apiKey for provider '" + provider + "'");
    if (value.isBlank()) {
      throw new IllegalArgumentException("apiKey for provider '" + provider + "' is blank");
    }
    providerApiKeys.put(provider, value);
    return this;
  }

  /**
   * Models tried in order when the primary fails with a fallbackable error.
   *
   * @param models {@code provider/model} names
   * @return this
   * @throws NullPointerException naming the list or the element that is null
   * @throws IllegalArgumentException naming the element that is not {@code provider/model}
   */
  public AiClientBuilder fallbackModels(List<String> models) {
    List<String> checked = Checks.elements(models, "fallbackModels");
    for (int i = 0; i < checked.size(); i++) {
      checkModel("fallbackModels[" + i + "]", checked.get(i));
    }
    fallbackModels.addAll(checked);
    return this;
  }

  /**
   * Picks a discovered transport by name ({@code jdk}, {@code httpclient5}) or class name, overriding
   * the {@code ailib.transport} system property and the priority order.
   *
   * @param name the transport name
   * @return this
   */
  public AiClientBuilder transport(String name) {
    this.transportName = Checks.notNull(name, "transport");
    return this;
  }

  /**
   * Uses this transport (an ai-lib-core {@code Transport} or {@code TransportProvider}) instead of discovery.
   *
   * @param transport the transport
   * @return this
   */
  public AiClientBuilder transport(ClientComponent transport) {
    components.add(Checks.notNull(transport, "transport"));
    return this;
  }

  /**
   * Adds a telemetry listener (an ai-lib-core {@code TelemetryListener}).
   *
   * @param listener the listener
   * @return this
   */
  public AiClientBuilder telemetry(ClientComponent listener) {
    components.add(Checks.notNull(listener, "telemetry"));
    return this;
  }

  /**
   * Adds an interceptor (an ai-lib-core {@code Interceptor}); interceptors run in the order added.
   *
   * @param interceptor the interceptor
   * @return this
   */
  public AiClientBuilder interceptor(ClientComponent interceptor) {
    components.add(Checks.notNull(interceptor, "interceptor"));
    return this;
  }

  /**
   * Adds a spending limit: calls are refused before they are sent once the client's spending in the current window
   * has reached it ({@link Budget}). Several budgets may be added (such as a cost per day and tokens per minute).
   *
   * @param budget the budget
   * @return this
   */
  public AiClientBuilder budget(Budget budget) {
    components.add(Checks.notNull(budget, "budget"));
    return this;
  }

  /**
   * Adds a listener told what each call spent, with the request's tag ({@link Spend}), for example to track spending
   * per tenant.
   *
   * @param listener the listener
   * @return this
   */
  public AiClientBuilder spendListener(SpendListener listener) {
    components.add(Checks.notNull(listener, "spendListener"));
    return this;
  }

  /**
   * Adds any other component an engine understands (a protocol source, a clock, ...).
   *
   * @param component the component
   * @return this
   */
  public AiClientBuilder component(ClientComponent component) {
    components.add(Checks.notNull(component, "component"));
    return this;
  }

  /**
   * Builds the client: finds the engine, loads the manifest, resolves the model and credentials.
   *
   * @return the client
   * @throws IllegalStateException when no model was set
   * @throws AiLibException when the model is unknown, a credential is missing, an environment variable is invalid
   *     or no engine or adapter is found
   */
  public AiClient build() {
    if (model == null) {
      throw new IllegalStateException("model is not set: call model(\"provider/model\")");
    }
    ClientConfig config = new ClientConfig(model, protocolDir, timeouts, resilience, baseUrl, apiKey,
        providerApiKeys, fallbackModels, transportName, components, providerBaseUrls,
        new ClientConfig.UnlistedModels(allowUnlistedModelsEverywhere, unlistedModelProviders));
    return new AiClient(findEngine().create(config), model);
  }

  private static ClientEngineProvider findEngine() {
    List<ClientEngineProvider> found = new ArrayList<>();
    var it = ServiceLoader.load(ClientEngineProvider.class, AiClientBuilder.class.getClassLoader()).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError broken) {
        // a broken provider jar must not hide the working ones
      }
    }
    return found.stream().max(Comparator.comparingInt(ClientEngineProvider::priority))
        .orElseThrow(() -> new AiLibException(StandardErrorCode.INVALID_REQUEST,
            "no ai-lib engine found on the class path or module path: add the Maven dependency "
                + "dev.ailib:ai-lib-core (and a transport such as dev.ailib:ai-lib-transport-jdk)"));
  }

  private static String checkProvider(String setting, String provider) {
    Checks.notNull(provider, setting + " provider");
    if (!provider.matches("[^/\\s]+")) {
      throw new IllegalArgumentException(setting + " provider must be a provider id such as 'openai', was '"
          + provider + "'");
    }
    return provider;
  }

  /** An absolute http(s) URL with a host: anything else would fail only at the first call, far from its cause. */
  private static URI checkBaseUrl(String setting, String value) {
    Checks.notNull(value, setting);
    // the URL as the caller wrote it, but with a password in it shown as ***
    String shown = Checks.withoutUserInfo(value);
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (java.net.URISyntaxException e) {
      // no cause: its message would quote the URL with its user-info
      throw new IllegalArgumentException(setting + " is not a valid URL: '" + shown + "' (" + e.getReason()
          + " at index " + e.getIndex() + ")");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException(setting + " must be an http or https URL, was '" + shown + "'"
          + (uri.getScheme() == null ? " (no scheme)" : " (scheme " + uri.getScheme() + ")"));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException(setting + " must name a host, such as 'https://api.example.com/v1', was '"
          + shown + "'");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException(setting + " must not have a fragment (#...), was '" + shown + "'");
    }
    return uri;
  }

  private static String checkModel(String setting, String value) {
    Checks.notNull(value, setting);
    if (!value.matches("[^/\\s]+/\\S+")) {
      throw new IllegalArgumentException(setting + " must be 'provider/model', such as 'openai/gpt-4o', was '"
          + value + "'");
    }
    return value;
  }

  @Override
  public String toString() {
    return "AiClientBuilder[model=" + model + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "***")
        + ", apiKeys for " + providerApiKeys.keySet() + ", baseUrls for " + providerBaseUrls.keySet() + "]";
  }
}
