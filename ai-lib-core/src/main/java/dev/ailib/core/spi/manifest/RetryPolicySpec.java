package dev.ailib.core.spi.manifest;

import java.time.Duration;
import java.util.Set;

/**
 * The provider's declared retry policy.
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
}
