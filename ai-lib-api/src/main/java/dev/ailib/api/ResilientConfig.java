package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * Resilience settings given by the caller. Every setting is optional: one that is not set here comes
 * from the environment ({@code AI_LIB_MAX_INFLIGHT}, {@code AI_LIB_RPS}, {@code AI_LIB_BREAKER_FAILURE_THRESHOLD},
 * {@code AI_LIB_BREAKER_COOLDOWN_SECS}), then the manifest's retry policy, then the defaults (see README).
 * Values are checked when set: an invalid one fails at once, naming the setting and the value
 * ({@link NullPointerException} for a null duration, {@link IllegalArgumentException} for a value out of range).
 * An invalid environment value fails {@link AiClientBuilder#build()} with a
 * {@link dev.ailib.api.error.ProtocolException} naming the variable.
 */
public final class ResilientConfig {
  private final Integer maxRetries;
  private final Double rateLimitRps;
  private final Integer circuitBreakerThreshold;
  private final Duration circuitBreakerCooldown;
  private final Integer maxInflight;
  private final Duration maxInflightWait;
  private final Duration retryBaseDelay;
  private final Duration retryMaxDelay;
  private final Duration retryAfterCap;

  private ResilientConfig(Builder b) {
    this.maxRetries = b.maxRetries;
    this.rateLimitRps = b.rateLimitRps;
    this.circuitBreakerThreshold = b.circuitBreakerThreshold;
    this.circuitBreakerCooldown = b.circuitBreakerCooldown;
    this.maxInflight = b.maxInflight;
    this.maxInflightWait = b.maxInflightWait;
    this.retryBaseDelay = b.retryBaseDelay;
    this.retryMaxDelay = b.retryMaxDelay;
    this.retryAfterCap = b.retryAfterCap;
  }

  /** A new builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Nothing set: everything comes from the environment, the manifest and the defaults. */
  public static ResilientConfig unset() {
    return new Builder().build();
  }

  /** Retries after the first attempt (0 disables retry). */
  public Optional<Integer> maxRetries() {
    return Optional.ofNullable(maxRetries);
  }

  /** Requests per second per provider endpoint (0 disables the limiter). */
  public Optional<Double> rateLimitRps() {
    return Optional.ofNullable(rateLimitRps);
  }

  /** Consecutive failures that open the circuit breaker (0 disables it). */
  public Optional<Integer> circuitBreakerThreshold() {
    return Optional.ofNullable(circuitBreakerThreshold);
  }

  /** How long an open breaker stays open before a half-open probe. */
  public Optional<Duration> circuitBreakerCooldown() {
    return Optional.ofNullable(circuitBreakerCooldown);
  }

  /** Calls in flight at once (0 disables the bulkhead). */
  public Optional<Integer> maxInflight() {
    return Optional.ofNullable(maxInflight);
  }

  /** How long a call waits for an in-flight slot before it is rejected. */
  public Optional<Duration> maxInflightWait() {
    return Optional.ofNullable(maxInflightWait);
  }

  /** The first retry's backoff ceiling (full jitter below it). */
  public Optional<Duration> retryBaseDelay() {
    return Optional.ofNullable(retryBaseDelay);
  }

  /** The largest backoff between two attempts. */
  public Optional<Duration> retryMaxDelay() {
    return Optional.ofNullable(retryMaxDelay);
  }

  /** The longest {@code Retry-After} that is honoured; longer waits are capped to this. */
  public Optional<Duration> retryAfterCap() {
    return Optional.ofNullable(retryAfterCap);
  }

  @Override
  public String toString() {
    return "ResilientConfig[maxRetries=" + maxRetries + ", rateLimitRps=" + rateLimitRps
        + ", circuitBreakerThreshold=" + circuitBreakerThreshold + ", circuitBreakerCooldown=" + circuitBreakerCooldown
        + ", maxInflight=" + maxInflight + ", maxInflightWait=" + maxInflightWait + ", retryBaseDelay=" + retryBaseDelay
        + ", retryMaxDelay=" + retryMaxDelay + ", retryAfterCap=" + retryAfterCap + "]";
  }

  /** Builds a {@link ResilientConfig}; each setter checks its value. */
  public static final class Builder {
    private Integer maxRetries;
    private Double rateLimitRps;
    private Integer circuitBreakerThreshold;
    private Duration circuitBreakerCooldown;
    private Integer maxInflight;
    private Duration maxInflightWait;
    private Duration retryBaseDelay;
    private Duration retryMaxDelay;
    private Duration retryAfterCap;

    private Builder() {
    }

    /**
     * Retries after the first attempt.
     *
     * @param value 0 to 100
     * @return this
     */
    public Builder maxRetries(int value) {
      this.maxRetries = range("maxRetries", value, 0, 100);
      return this;
    }

    /**
     * Requests per second per provider endpoint; 0 disables.
     *
     * @param value at least 0
     * @return this
     */
    public Builder rateLimitRps(double value) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("rateLimitRps must be a finite number >= 0, was " + value);
      }
      this.rateLimitRps = value;
      return this;
    }

    /**
     * Consecutive failures that open the breaker; 0 disables.
     *
     * @param value 0 to 10000
     * @return this
     */
    public Builder circuitBreakerThreshold(int value) {
      this.circuitBreakerThreshold = range("circuitBreakerThreshold", value, 0, 10_000);
      return this;
    }

    /**
     * How long the breaker stays open.
     *
     * @param value positive
     * @return this
     */
    public Builder circuitBreakerCooldown(Duration value) {
      this.circuitBreakerCooldown = positive("circuitBreakerCooldown", value);
      return this;
    }

    /**
     * Calls in flight at once; 0 disables.
     *
     * @param value 0 to 100000
     * @return this
     */
    public Builder maxInflight(int value) {
      this.maxInflight = range("maxInflight", value, 0, 100_000);
      return this;
    }

    /**
     * How long to wait for an in-flight slot.
     *
     * @param value zero or positive
     * @return this
     */
    public Builder maxInflightWait(Duration value) {
      Checks.notNull(value, "maxInflightWait");
      if (value.isNegative()) {
        throw new IllegalArgumentException("maxInflightWait must be >= 0, was " + value);
      }
      this.maxInflightWait = value;
      return this;
    }

    /**
     * The first retry's backoff ceiling.
     *
     * @param value positive
     * @return this
     */
    public Builder retryBaseDelay(Duration value) {
      this.retryBaseDelay = positive("retryBaseDelay", value);
      return this;
    }

    /**
     * The largest backoff.
     *
     * @param value positive
     * @return this
     */
    public Builder retryMaxDelay(Duration value) {
      this.retryMaxDelay = positive("retryMaxDelay", value);
      return this;
    }

    /**
     * The longest honoured {@code Retry-After}.
     *
     * @param value positive
     * @return this
     */
    public Builder retryAfterCap(Duration value) {
      this.retryAfterCap = positive("retryAfterCap", value);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException when retryBaseDelay is above retryMaxDelay
     */
    public ResilientConfig build() {
      if (retryBaseDelay != null && retryMaxDelay != null && retryBaseDelay.compareTo(retryMaxDelay) > 0) {
        throw new IllegalArgumentException("retryBaseDelay (" + retryBaseDelay + ") is above retryMaxDelay ("
            + retryMaxDelay + ")");
      }
      return new ResilientConfig(this);
    }

    private static int range(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    }

    private static Duration positive(String name, Duration value) {
      Checks.notNull(value, name);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
      }
      return value;
    }
  }
}
