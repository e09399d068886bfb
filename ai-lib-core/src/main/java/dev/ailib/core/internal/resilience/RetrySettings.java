package dev.ailib.core.internal.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How one target is retried.
 *
 * @param maxRetries retries after the first attempt, 0 for none
 * @param baseDelay the first backoff's ceiling; the n-th retry's ceiling is {@code baseDelay * 2^(n-1)}
 * @param maxDelay the largest backoff ceiling
 * @param fullJitter whether each backoff is drawn uniformly between baseDelay and its ceiling (else the ceiling)
 * @param retryAfterCap the longest {@code Retry-After} honoured; longer ones are cut to this
 * @param retryOnHttpStatus statuses the manifest declares worth a retry, on top of the retryable standard codes
 */
public record RetrySettings(int maxRetries, Duration baseDelay, Duration maxDelay, boolean fullJitter,
    Duration retryAfterCap, Set<Integer> retryOnHttpStatus) {

  /** Checks and copies. */
  public RetrySettings {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(retryAfterCap, "retryAfterCap");
    retryOnHttpStatus = Set.copyOf(retryOnHttpStatus);
  }
}
