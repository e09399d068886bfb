package dev.ailib.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code ailib.*} properties. Every setting is optional except {@code ailib.model} (or a named client's
 * {@code ailib.clients.<name>.model}); one left unset keeps the library's own precedence (environment, manifest,
 * defaults). Values are checked when the clients are built: a bad one fails start-up naming the property and the
 * value.
 */
@ConfigurationProperties(prefix = AiLibProperties.PREFIX)
public class AiLibProperties {
  /** The prefix of every property. */
  public static final String PREFIX = "ailib";

  /** The model of the {@code AiClient} bean, as provider/model (such as openai/gpt-4o); no bean when unset. */
  private String model;

  /** Models tried in order when the primary model fails with a fallbackable error, each as provider/model. */
  private List<String> fallbackModels = new ArrayList<>();

  /** Overrides the manifest's base URL of the primary model's provider (a proxy, a gateway, a local fake). */
  private String baseUrl;

  /**
   * Base URLs by provider id (such as ailib.base-urls.anthropic), for the providers of fallback models and named
   * clients; ailib.base-url, when set, still wins for the primary model's provider.
   */
  private Map<String, String> baseUrls = new LinkedHashMap<>();

  /**
   * Provider ids whose manifests may be asked for models they do not list (a new model, a fine-tune): such an id is
   * sent as written, with no metadata (context window, prices, per-model parameters).
   */
  private List<String> allowUnlistedModels = new ArrayList<>();

  /**
   * API keys by provider id (such as ailib.api-keys.openai), used before the provider's environment variables.
   * Never logged.
   */
  private Map<String, String> apiKeys = new LinkedHashMap<>();

  /** A directory of AI-Protocol manifests, searched before AI_PROTOCOL_PATH and the bundled set. */
  private Path protocolDir;

  /**
   * The transport: jdk (java.net.http) or httpclient5 (Apache HttpClient 5), or a TransportProvider class name;
   * unset: the highest priority one present.
   */
  private String transport;

  /** Timeouts of each call. */
  private final Timeouts timeouts = new Timeouts();

  /** Retry, rate limit, circuit breaker and bulkhead settings. */
  private final Resilience resilience = new Resilience();

  /** Telemetry settings. */
  private final Telemetry telemetry = new Telemetry();

  /** The health indicator. */
  private final Health health = new Health();

  /**
   * Named clients, each with its own model (ailib.clients.fast.model=openai/gpt-4o-mini); they share every other
   * setting with the default client.
   */
  private Map<String, Client> clients = new LinkedHashMap<>();

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public List<String> getFallbackModels() {
    return fallbackModels;
  }

  public void setFallbackModels(List<String> fallbackModels) {
    this.fallbackModels = fallbackModels;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Map<String, String> getBaseUrls() {
    return baseUrls;
  }

  public void setBaseUrls(Map<String, String> baseUrls) {
    this.baseUrls = baseUrls;
  }

  public List<String> getAllowUnlistedModels() {
    return allowUnlistedModels;
  }

  public void setAllowUnlistedModels(List<String> allowUnlistedModels) {
    this.allowUnlistedModels = allowUnlistedModels;
  }

  public Map<String, String> getApiKeys() {
    return apiKeys;
  }

  public void setApiKeys(Map<String, String> apiKeys) {
    this.apiKeys = apiKeys;
  }

  public Path getProtocolDir() {
    return protocolDir;
  }

  public void setProtocolDir(Path protocolDir) {
    this.protocolDir = protocolDir;
  }

  public String getTransport() {
    return transport;
  }

  public void setTransport(String transport) {
    this.transport = transport;
  }

  public Timeouts getTimeouts() {
    return timeouts;
  }

  public Resilience getResilience() {
    return resilience;
  }

  public Telemetry getTelemetry() {
    return telemetry;
  }

  public Health getHealth() {
    return health;
  }

  public Map<String, Client> getClients() {
    return clients;
  }

  public void setClients(Map<String, Client> clients) {
    this.clients = clients;
  }

  @Override
  public String toString() {
    return "AiLibProperties[model=" + model + ", fallbackModels=" + fallbackModels + ", baseUrl=" + baseUrl
        + ", baseUrls=" + baseUrls + ", allowUnlistedModels=" + allowUnlistedModels
        + ", apiKeys=" + apiKeys.keySet() + " (values hidden), protocolDir=" + protocolDir + ", transport=" + transport
        + ", clients=" + clients.keySet() + "]";
  }

  /** A named client's own settings; the others are the default client's. */
  public static class Client {
    /** The model, as provider/model. */
    private String model;

    /** Fallback models of this client (none unless set here). */
    private List<String> fallbackModels = new ArrayList<>();

    /** A base URL override for this client's primary provider (unset: ailib.base-url when the provider is the same). */
    private String baseUrl;

    public String getModel() {
      return model;
    }

    public void setModel(String model) {
      this.model = model;
    }

    public List<String> getFallbackModels() {
      return fallbackModels;
    }

    public void setFallbackModels(List<String> fallbackModels) {
      this.fallbackModels = fallbackModels;
    }

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }
  }

  /**
   * Timeouts. With none set, the library's precedence applies (AI_HTTP_TIMEOUT_SECS for the call, then the
   * defaults); with any set, the unset ones take the defaults (connect 10 s, headers 60 s, idle 60 s, call 10 min).
   */
  public static class Timeouts {
    /** To open a connection. */
    private Duration connect;

    /** From sending the request to receiving the response headers. */
    private Duration responseHeaders;

    /** Between two chunks of the response body. */
    private Duration idle;

    /** The whole call, over all attempts. */
    private Duration call;

    public Duration getConnect() {
      return connect;
    }

    public void setConnect(Duration connect) {
      this.connect = connect;
    }

    public Duration getResponseHeaders() {
      return responseHeaders;
    }

    public void setResponseHeaders(Duration responseHeaders) {
      this.responseHeaders = responseHeaders;
    }

    public Duration getIdle() {
      return idle;
    }

    public void setIdle(Duration idle) {
      this.idle = idle;
    }

    public Duration getCall() {
      return call;
    }

    public void setCall(Duration call) {
      this.call = call;
    }
  }

  /**
   * Resilience settings; unset ones come from the environment (AI_LIB_*), then the manifest's retry policy, then the
   * library's defaults.
   */
  public static class Resilience {
    /** Retries after the first attempt, 0 to 100 (0 disables retry). */
    private Integer maxRetries;

    /** Requests per second per provider endpoint (0 disables the limiter). */
    private Double rateLimitRps;

    /** Consecutive failures that open the circuit breaker, 0 to 10000 (0 disables it). */
    private Integer circuitBreakerThreshold;

    /** How long an open circuit breaker stays open before a probe. */
    private Duration circuitBreakerCooldown;

    /** Calls in flight at once, 0 to 100000 (0 disables the bulkhead). */
    private Integer maxInflight;

    /** How long a call waits for an in-flight slot before it is rejected. */
    private Duration maxInflightWait;

    /** The first retry's backoff ceiling. */
    private Duration retryBaseDelay;

    /** The largest backoff between two attempts. */
    private Duration retryMaxDelay;

    /** The longest Retry-After that is honoured. */
    private Duration retryAfterCap;

    public Integer getMaxRetries() {
      return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
      this.maxRetries = maxRetries;
    }

    public Double getRateLimitRps() {
      return rateLimitRps;
    }

    public void setRateLimitRps(Double rateLimitRps) {
      this.rateLimitRps = rateLimitRps;
    }

    public Integer getCircuitBreakerThreshold() {
      return circuitBreakerThreshold;
    }

    public void setCircuitBreakerThreshold(Integer circuitBreakerThreshold) {
      this.circuitBreakerThreshold = circuitBreakerThreshold;
    }

    public Duration getCircuitBreakerCooldown() {
      return circuitBreakerCooldown;
    }

    public void setCircuitBreakerCooldown(Duration circuitBreakerCooldown) {
      this.circuitBreakerCooldown = circuitBreakerCooldown;
    }

    public Integer getMaxInflight() {
      return maxInflight;
    }

    public void setMaxInflight(Integer maxInflight) {
      this.maxInflight = maxInflight;
    }

    public Duration getMaxInflightWait() {
      return maxInflightWait;
    }

    public void setMaxInflightWait(Duration maxInflightWait) {
      this.maxInflightWait = maxInflightWait;
    }

    public Duration getRetryBaseDelay() {
      return retryBaseDelay;
    }

    public void setRetryBaseDelay(Duration retryBaseDelay) {
      this.retryBaseDelay = retryBaseDelay;
    }

    public Duration getRetryMaxDelay() {
      return retryMaxDelay;
    }

    public void setRetryMaxDelay(Duration retryMaxDelay) {
      this.retryMaxDelay = retryMaxDelay;
    }

    public Duration getRetryAfterCap() {
      return retryAfterCap;
    }

    public void setRetryAfterCap(Duration retryAfterCap) {
      this.retryAfterCap = retryAfterCap;
    }
  }

  /** Telemetry: the application's OpenTelemetry bean, else its Micrometer ObservationRegistry, else none. */
  public static class Telemetry {
    /** Whether calls are recorded at all. */
    private boolean enabled = true;

    /** Whether message content is recorded on OpenTelemetry spans (may hold personal data). */
    private boolean captureMessageContent;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public boolean isCaptureMessageContent() {
      return captureMessageContent;
    }

    public void setCaptureMessageContent(boolean captureMessageContent) {
      this.captureMessageContent = captureMessageContent;
    }
  }

  /** The health indicator "ailib" (needs Spring Boot Actuator). */
  public static class Health {
    /**
     * Whether to register it. Off by default: each check sends a one-token request to the default client's model.
     */
    private boolean enabled;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
