package dev.ailib.spring.boot.autoconfigure;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.Timeouts;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.spi.ClientComponent;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Builds {@link AiClient}s from the {@code ailib.*} properties: the one place where a property becomes a builder
 * setting. A value the library rejects fails with {@link InvalidConfigurationPropertyValueException}, which Spring
 * Boot reports at start-up as the property, its value, where it came from and why (API keys are never shown).
 * Thread-safe; each client it creates is the caller's to close.
 */
public final class AiClientFactory {
  private static final String P = AiLibProperties.PREFIX;
  private static final Map<String, String> KNOWN_TRANSPORTS = Map.of(
      "jdk", "dev.ailib.transport.jdk.JdkTransportProvider",
      "httpclient5", "dev.ailib.transport.httpclient5.HttpClient5TransportProvider");
  private static final Map<String, String> TRANSPORT_ARTIFACTS = Map.of(
      "jdk", "dev.ailib:ai-lib-transport-jdk",
      "httpclient5", "dev.ailib:ai-lib-transport-httpclient5");

  private final AiLibProperties properties;
  private final List<ClientComponent> telemetry;
  private final List<AiClientBuilderCustomizer> customizers;
  private final ClassLoader classLoader;
  private final Timeouts timeouts;
  private final ResilientConfig resilience;

  /**
   * Checks the shared settings (timeouts, resilience, protocol directory, transport) once.
   *
   * @param properties the bound properties
   * @param telemetry the telemetry listeners every client gets
   * @param customizers applied to every builder, in order
   * @param classLoader where transports are looked for
   * @throws InvalidConfigurationPropertyValueException naming the first bad property
   */
  public AiClientFactory(AiLibProperties properties, List<ClientComponent> telemetry,
      List<AiClientBuilderCustomizer> customizers, ClassLoader classLoader) {
    this.properties = properties;
    this.telemetry = List.copyOf(telemetry);
    this.customizers = List.copyOf(customizers);
    this.classLoader = classLoader;
    this.timeouts = timeouts(properties.getTimeouts());
    this.resilience = resilience(properties.getResilience());
    checkProtocolDir();
    checkTransport();
  }

  /**
   * A client of this model with the shared settings (no fallbacks, {@code ailib.base-url}, the keys of
   * {@code ailib.api-keys}).
   *
   * @param model provider/model
   * @return the client, to be closed by the caller
   */
  public AiClient create(String model) {
    return create(model, model, List.of(), properties.getBaseUrl(), null);
  }

  /** The {@code AiClient} bean: {@code ailib.model} and its fallbacks. */
  AiClient createDefault() {
    return create("default", properties.getModel(), properties.getFallbackModels(), properties.getBaseUrl(), P);
  }

  /** A named client of {@code ailib.clients.<name>}. */
  AiClient createNamed(String name, AiLibProperties.Client client) {
    String prefix = P + ".clients." + name;
    String baseUrl = client.getBaseUrl() != null ? client.getBaseUrl() : properties.getBaseUrl();
    return create(name, client.getModel(), client.getFallbackModels(), baseUrl, prefix);
  }

  /**
   * One client.
   *
   * @param prefix the properties' prefix ({@code ailib} or {@code ailib.clients.<name>}), null when the model was
   *     given in code (then a bad model is an {@link IllegalArgumentException}, not a property error)
   */
  private AiClient create(String name, String model, List<String> fallbacks, String baseUrl, String prefix) {
    AiClientBuilder b = AiClient.builder();
    String modelProperty = prefix == null ? null : prefix + ".model";
    if (prefix == null) {
      b.model(model);
    } else if (model == null || model.isBlank()) {
      throw new InvalidConfigurationPropertyValueException(modelProperty, model,
          "a model is required, as provider/model such as openai/gpt-4o");
    } else {
      set(modelProperty, model, b::model);
    }
    for (int i = 0; i < fallbacks.size(); i++) {
      String f = fallbacks.get(i);
      set(prefix + ".fallback-models[" + i + "]", f, v -> b.fallbackModels(List.of(v)));
    }
    if (baseUrl != null) {
      String property = baseUrl.equals(properties.getBaseUrl()) ? P + ".base-url" : prefix + ".base-url";
      set(property, baseUrl, b::baseUrl);
    }
    properties.getBaseUrls().forEach((provider, url) ->
        set(P + ".base-urls." + provider, url, v -> b.baseUrl(provider, v)));
    List<String> unlisted = properties.getAllowUnlistedModels();
    for (int i = 0; i < unlisted.size(); i++) {
      set(P + ".allow-unlisted-models[" + i + "]", unlisted.get(i), b::allowUnlistedModels);
    }
    properties.getApiKeys().forEach((provider, key) -> {
      if (key == null || key.isBlank()) {
        throw new InvalidConfigurationPropertyValueException(P + ".api-keys." + provider, "", "the API key is blank");
      }
      set(P + ".api-keys." + provider, provider, p -> b.apiKey(p, key.strip()));
    });
    if (properties.getProtocolDir() != null) {
      b.protocolDir(properties.getProtocolDir());
    }
    if (properties.getTransport() != null) {
      b.transport(properties.getTransport().trim());
    }
    if (timeouts != null) {
      b.timeouts(timeouts);
    }
    b.resilience(resilience);
    telemetry.forEach(b::telemetry);
    customizers.forEach(c -> c.customize(name, b));
    try {
      return b.build();
    } catch (AiLibException e) {
      String hint = e.errorType() == StandardErrorCode.AUTHENTICATION
          ? " (in Spring: set " + P + ".api-keys.<provider>)" : "";
      String what = modelProperty == null ? "model " + model : modelProperty + "=" + model;
      throw new IllegalStateException("ai-lib client '" + name + "' (" + what + ") could not be built: "
          + e.getMessage() + hint, e);
    }
  }

  /**
   * The timeouts, or null when none is set (then the library's precedence applies: {@code AI_HTTP_TIMEOUT_SECS},
   * then the defaults). When one is set, the others take the library's defaults.
   */
  private static Timeouts timeouts(AiLibProperties.Timeouts t) {
    if (t.getConnect() == null && t.getResponseHeaders() == null && t.getIdle() == null && t.getCall() == null) {
      return null;
    }
    Timeouts d = Timeouts.DEFAULTS;
    return new Timeouts(positive("connect", t.getConnect(), d.connect()),
        positive("response-headers", t.getResponseHeaders(), d.responseHeaders()),
        positive("idle", t.getIdle(), d.idle()), positive("call", t.getCall(), d.call()));
  }

  private static Duration positive(String name, Duration value, Duration defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    if (value.isZero() || value.isNegative()) {
      throw new InvalidConfigurationPropertyValueException(P + ".timeouts." + name, value,
          "a timeout must be positive");
    }
    return value;
  }

  private static ResilientConfig resilience(AiLibProperties.Resilience r) {
    ResilientConfig.Builder b = ResilientConfig.builder();
    String p = P + ".resilience.";
    setIf(p + "max-retries", r.getMaxRetries(), b::maxRetries);
    setIf(p + "rate-limit-rps", r.getRateLimitRps(), b::rateLimitRps);
    setIf(p + "circuit-breaker-threshold", r.getCircuitBreakerThreshold(), b::circuitBreakerThreshold);
    setIf(p + "circuit-breaker-cooldown", r.getCircuitBreakerCooldown(), b::circuitBreakerCooldown);
    setIf(p + "max-inflight", r.getMaxInflight(), b::maxInflight);
    setIf(p + "max-inflight-wait", r.getMaxInflightWait(), b::maxInflightWait);
    setIf(p + "retry-base-delay", r.getRetryBaseDelay(), b::retryBaseDelay);
    setIf(p + "retry-max-delay", r.getRetryMaxDelay(), b::retryMaxDelay);
    setIf(p + "retry-after-cap", r.getRetryAfterCap(), b::retryAfterCap);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationPropertyValueException(p + "retry-base-delay", r.getRetryBaseDelay(),
          e.getMessage());
    }
  }

  private void checkProtocolDir() {
    if (properties.getProtocolDir() != null && !Files.isDirectory(properties.getProtocolDir())) {
      throw new InvalidConfigurationPropertyValueException(P + ".protocol-dir", properties.getProtocolDir(),
          "not a directory (it should hold AI-Protocol manifests, such as v2/providers/openai.yaml)");
    }
  }

  /** A transport named by {@code ailib.transport} must be on the class path (checked here, not at the first call). */
  private void checkTransport() {
    String t = properties.getTransport();
    if (t == null) {
      return;
    }
    String name = t.trim().toLowerCase(Locale.ROOT);
    String className = KNOWN_TRANSPORTS.getOrDefault(name, t.trim());
    if (name.isEmpty()) {
      throw new InvalidConfigurationPropertyValueException(P + ".transport", t, "blank: use jdk or httpclient5");
    }
    if (!isPresent(className)) {
      String reason = KNOWN_TRANSPORTS.containsKey(name)
          ? "the " + name + " transport is not on the class path: add the dependency " + TRANSPORT_ARTIFACTS.get(name)
          : "not jdk, httpclient5, nor a TransportProvider class on the class path";
      throw new InvalidConfigurationPropertyValueException(P + ".transport", t, reason);
    }
  }

  private boolean isPresent(String className) {
    try {
      Class.forName(className, false, classLoader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static <T> void setIf(String property, T value, Consumer<T> setter) {
    if (value != null) {
      set(property, value, setter);
    }
  }

  private static <T> void set(String property, T value, Consumer<T> setter) {
    try {
      setter.accept(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationPropertyValueException(property, value, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "AiClientFactory[" + properties + "]";
  }
}
