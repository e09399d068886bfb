package dev.ailib.core.spi.manifest;

import java.time.Duration;
import java.util.Set;

/**
 * The provider's declared retry policy.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param strategy such as {@code exponential_backoff}
 * @param maxRetries retries after the first attempt, or -1 when the manifest does not say (the client's
 *     configuration decides)
 * @param minDelay the first backoff, or null when not declared
 * @param maxDelay the largest backoff, or null when not declared
 * @param jitter such as {@code full} or {@code none}
 * @param retryOnHttpStatus statuses worth a retry (empty: the standard retryable codes decide)
 */
public record RetryPolicySpec(String strategy, int maxRetries, Duration minDelay, Duration maxDelay, String jitter,
    Set<Integer> retryOnHttpStatus) {

  /** Copies. */
  public RetryPolicySpec {
    retryOnHttpStatus = Set.copyOf(retryOnHttpStatus == null ? Set.of() : retryOnHttpStatus);
  }

  /**
   * A builder with nothing set (maxRetries -1: not declared).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these values, to derive a changed copy.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder().strategy(strategy).maxRetries(maxRetries).minDelay(minDelay).maxDelay(maxDelay)
        .jitter(jitter).retryOnHttpStatus(retryOnHttpStatus);
  }

  /** Builds a {@link RetryPolicySpec}. Not thread-safe. */
  public static final class Builder {
    private String strategy;
    private int maxRetries = -1;
    private Duration minDelay;
    private Duration maxDelay;
    private String jitter;
    private Set<Integer> retryOnHttpStatus;

    private Builder() {
    }

    /**
     * Sets {@link RetryPolicySpec#strategy()}.
     *
     * @param strategy such as {@code exponential_backoff}
     * @return this builder
     */
    public Builder strategy(String strategy) {
      this.strategy = strategy;
      return this;
    }

    /**
     * Sets {@link RetryPolicySpec#maxRetries()}.
     *
     * @param maxRetries retries after the first attempt, or -1 when the manifest does not say (the client's
     *     configuration decides)
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets {@link RetryPolicySpec#minDelay()}.
     *
     * @param minDelay the first backoff, or null when not declared
     * @return this builder
     */
    public Builder minDelay(Duration minDelay) {
      this.minDelay = minDelay;
      return this;
    }

    /**
     * Sets {@link RetryPolicySpec#maxDelay()}.
     *
     * @param maxDelay the largest backoff, or null when not declared
     * @return this builder
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
      return this;
    }

    /**
     * Sets {@link RetryPolicySpec#jitter()}.
     *
     * @param jitter such as {@code full} or {@code none}
     * @return this builder
     */
    public Builder jitter(String jitter) {
      this.jitter = jitter;
      return this;
    }

    /**
     * Sets {@link RetryPolicySpec#retryOnHttpStatus()}.
     *
     * @param retryOnHttpStatus statuses worth a retry (empty: the standard retryable codes decide)
     * @return this builder
     */
    public Builder retryOnHttpStatus(Set<Integer> retryOnHttpStatus) {
      this.retryOnHttpStatus = retryOnHttpStatus;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     */
    public RetryPolicySpec build() {
      return new RetryPolicySpec(strategy, maxRetries, minDelay, maxDelay, jitter, retryOnHttpStatus);
    }
  }
}
