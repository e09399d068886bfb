package dev.ailib.core.internal.resilience;

import dev.ailib.api.ResilientConfig;
import dev.ailib.api.Timeouts;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.RetryPolicySpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The resolved resilience settings of one client. Each setting comes from, in order of precedence: the builder
 * ({@link ResilientConfig}, {@link Timeouts}), the environment, the target's manifest {@code retry_policy}
 * (retry settings only, applied per target by {@link #retryFor}), the defaults below.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>environment</th><th>default</th></tr>
 *   <tr><td>maxInflight</td><td>{@code AI_LIB_MAX_INFLIGHT}</td><td>0 (no bulkhead)</td></tr>
 *   <tr><td>maxInflightWait</td><td>-</td><td>10 s</td></tr>
 *   <tr><td>rateLimitRps</td><td>{@code AI_LIB_RPS}</td><td>0 (no limiter)</td></tr>
 *   <tr><td>breakerFailureThreshold</td><td>{@code AI_LIB_BREAKER_FAILURE_THRESHOLD}</td><td>5</td></tr>
 *   <tr><td>breakerCooldown</td><td>{@code AI_LIB_BREAKER_COOLDOWN_SECS}</td><td>30 s</td></tr>
 *   <tr><td>callTimeout</td><td>{@code AI_HTTP_TIMEOUT_SECS}</td><td>10 min</td></tr>
 *   <tr><td>maxRetries</td><td>manifest {@code max_retries}</td><td>2</td></tr>
 *   <tr><td>retryBaseDelay</td><td>manifest {@code min_delay_ms}</td><td>500 ms</td></tr>
 *   <tr><td>retryMaxDelay</td><td>manifest {@code max_delay_ms}</td><td>30 s</td></tr>
 *   <tr><td>retryAfterCap</td><td>-</td><td>60 s</td></tr>
 * </table>
 *
 * @param explicit what the builder set (retry settings are merged per target with the manifest)
 * @param maxInflight calls in flight at once, 0 for no bulkhead
 * @param maxInflightWait how long a call waits for an in-flight slot
 * @param rateLimitRps requests per second per endpoint, 0 for no limiter
 * @param breakerFailureThreshold consecutive server faults that open an endpoint's breaker, 0 for no breaker
 * @param breakerCooldown how long a breaker stays open before a half-open probe
 * @param callTimeout the whole call's time budget, over all attempts and delays (the engine makes each call's
 *     {@link Deadline} from it)
 */
public record ResilienceSettings(ResilientConfig explicit, int maxInflight, Duration maxInflightWait,
    double rateLimitRps, int breakerFailureThreshold, Duration breakerCooldown, Duration callTimeout) {

  /** Environment variable: calls in flight at once. */
  public static final String ENV_MAX_INFLIGHT = "AI_LIB_MAX_INFLIGHT";
  /** Environment variable: requests per second per endpoint. */
  public static final String ENV_RPS = "AI_LIB_RPS";
  /** Environment variable: consecutive failures that open the breaker. */
  public static final String ENV_BREAKER_THRESHOLD = "AI_LIB_BREAKER_FAILURE_THRESHOLD";
  /** Environment variable: breaker cooldown in seconds. */
  public static final String ENV_BREAKER_COOLDOWN = "AI_LIB_BREAKER_COOLDOWN_SECS";
  /** Environment variable: the whole call's timeout in seconds. */
  public static final String ENV_HTTP_TIMEOUT = "AI_HTTP_TIMEOUT_SECS";

  /** Default retries after the first attempt. */
  public static final int DEFAULT_MAX_RETRIES = 2;
  /** Default first backoff ceiling. */
  public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(500);
  /** Default largest backoff. */
  public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(30);
  /** Default longest honoured {@code Retry-After}. */
  public static final Duration DEFAULT_RETRY_AFTER_CAP = Duration.ofSeconds(60);
  /** Default bulkhead wait. */
  public static final Duration DEFAULT_MAX_INFLIGHT_WAIT = Duration.ofSeconds(10);
  /** Default breaker threshold. */
  public static final int DEFAULT_BREAKER_THRESHOLD = 5;
  /** Default breaker cooldown. */
  public static final Duration DEFAULT_BREAKER_COOLDOWN = Duration.ofSeconds(30);

  /** Checks. */
  public ResilienceSettings {
    Objects.requireNonNull(explicit, "explicit");
    Objects.requireNonNull(maxInflightWait, "maxInflightWait");
    Objects.requireNonNull(breakerCooldown, "breakerCooldown");
    Objects.requireNonNull(callTimeout, "callTimeout");
  }

  /**
   * Resolves the client-wide settings. Called when the client is built, so that a bad environment value fails
   * the build, not the first call.
   *
   * @param explicit the builder's settings
   * @param timeouts the builder's timeouts, or null when not set
   * @param env the environment
   * @return the settings
   * @throws ProtocolException naming the variable and its value when an environment value is invalid
   */
  public static ResilienceSettings resolve(ResilientConfig explicit, Timeouts timeouts, Environment env) {
    int maxInflight = explicit.maxInflight()
        .orElseGet(() -> envInt(env, ENV_MAX_INFLIGHT, 0, 100_000).orElse(0));
    double rps = explicit.rateLimitRps()
        .orElseGet(() -> envNumber(env, ENV_RPS, false).map(BigDecimal::doubleValue).orElse(0.0));
    int threshold = explicit.circuitBreakerThreshold()
        .orElseGet(() -> envInt(env, ENV_BREAKER_THRESHOLD, 0, 10_000).orElse(DEFAULT_BREAKER_THRESHOLD));
    Duration cooldown = explicit.circuitBreakerCooldown()
        .orElseGet(() -> envSeconds(env, ENV_BREAKER_COOLDOWN).orElse(DEFAULT_BREAKER_COOLDOWN));
    Duration callTimeout = callTimeout(timeouts, env);
    Duration wait = explicit.maxInflightWait().orElse(DEFAULT_MAX_INFLIGHT_WAIT);
    return new ResilienceSettings(explicit, maxInflight, wait, rps, threshold, cooldown, callTimeout);
  }

  /**
   * The whole-call timeout: the builder's, else {@value #ENV_HTTP_TIMEOUT}, else 10 minutes.
   *
   * @param timeouts the builder's timeouts, or null when not set
   * @param env the environment
   * @return the timeout
   * @throws ProtocolException naming the variable and its value when it is invalid
   */
  public static Duration callTimeout(Timeouts timeouts, Environment env) {
    return timeouts != null ? timeouts.call() : envSeconds(env, ENV_HTTP_TIMEOUT).orElse(Timeouts.DEFAULTS.call());
  }

  /**
   * The retry settings for one target: builder, then the target's manifest retry policy, then defaults.
   *
   * @param manifest the manifest's policy, or null
   * @return the settings
   */
  public RetrySettings retryFor(RetryPolicySpec manifest) {
    Optional<RetryPolicySpec> m = Optional.ofNullable(manifest);
    int maxRetries = explicit.maxRetries()
        .orElseGet(() -> m.map(RetryPolicySpec::maxRetries).filter(n -> n >= 0).orElse(DEFAULT_MAX_RETRIES));
    Duration base = explicit.retryBaseDelay()
        .orElseGet(() -> m.map(RetryPolicySpec::minDelay).filter(ResilienceSettings::positive)
            .orElse(DEFAULT_RETRY_BASE_DELAY));
    Duration max = explicit.retryMaxDelay()
        .orElseGet(() -> m.map(RetryPolicySpec::maxDelay).filter(ResilienceSettings::positive)
            .orElse(DEFAULT_RETRY_MAX_DELAY));
    if (max.compareTo(base) < 0) {
      max = base;
    }
    boolean jitter = m.map(RetryPolicySpec::jitter)
        .map(j -> !"none".equalsIgnoreCase(j.trim()))
        .orElse(true);
    Duration cap = explicit.retryAfterCap().orElse(DEFAULT_RETRY_AFTER_CAP);
    return new RetrySettings(maxRetries, base, max, jitter, cap,
        m.map(RetryPolicySpec::retryOnHttpStatus).orElse(java.util.Set.of()));
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isZero() && !d.isNegative();
  }

  private static Optional<Integer> envInt(Environment env, String name, int min, int max) {
    return env.get(name).map(raw -> {
      String v = raw.trim();
      int n;
      try {
        n = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw invalid(name, raw, "a whole number between " + min + " and " + max);
      }
      if (n < min || n > max) {
        throw invalid(name, raw, "a whole number between " + min + " and " + max);
      }
      return n;
    });
  }

  private static Optional<BigDecimal> envNumber(Environment env, String name, boolean strictlyPositive) {
    return env.get(name).map(raw -> {
      String expected = strictlyPositive ? "a number > 0" : "a number >= 0";
      BigDecimal n;
      try {
        n = new BigDecimal(raw.trim().toLowerCase(Locale.ROOT));
      } catch (NumberFormatException e) {
        throw invalid(name, raw, expected);
      }
      int sign = n.signum();
      if (sign < 0 || (strictlyPositive && sign == 0) || n.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
        throw invalid(name, raw, expected + " (at most 1e9)");
      }
      return n;
    });
  }

  private static Optional<Duration> envSeconds(Environment env, String name) {
    return envNumber(env, name, true).map(s -> {
      long nanos = s.movePointRight(9).longValue();
      if (nanos <= 0) {
        throw invalid(name, env.get(name).orElse(""), "a number of seconds > 0");
      }
      return Duration.ofNanos(nanos);
    });
  }

  /** A value from outside the code (the environment) is a configuration error the caller's code cannot see. */
  private static ProtocolException invalid(String name, String raw, String expected) {
    return new ProtocolException(StandardErrorCode.INVALID_REQUEST, "environment variable " + name + " must be "
        + expected + ", was '" + raw + "'", null, null);
  }
}
