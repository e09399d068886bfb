package dev.ailib.core.internal.resilience;

import dev.ailib.api.error.AiLibException;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The retry policy of one target: which failures are retried and how long to wait before the next attempt.
 *
 * <p>A failure is retried when its {@link AiLibException#retryable()} says so (the retryable standard codes and
 * the transport failures connect, connect/headers/idle timeout and I/O), or when it carries an HTTP status the
 * manifest's {@code retry_on_http_status} lists (except quota exhaustion and cancellation, which waiting cannot
 * fix). The wait is the provider's {@code Retry-After}, capped at {@link RetrySettings#retryAfterCap()}, when it
 * sent one; otherwise exponential backoff with jitter: uniformly drawn in
 * {@code [baseDelay, min(maxDelay, baseDelay * 2^retry)]}. The rules live in {@link RetryDecision}.
 */
final class Backoff {
  private final RetrySettings settings;
  private final DoubleSupplier random;

  /**
   * Creates the policy.
   *
   * @param settings the target's retry settings
   * @param random uniform numbers in {@code [0, 1)}
   */
  Backoff(RetrySettings settings, DoubleSupplier random) {
    this.settings = settings;
    this.random = random;
  }

  /** The settings. */
  RetrySettings settings() {
    return settings;
  }

  /**
   * Whether a failure may be retried on the same target.
   *
   * @param failure the failure
   * @return true to retry
   */
  boolean retryable(AiLibException failure) {
    return RetryDecision.retryable(settings, failure);
  }

  /**
   * The wait before a retry.
   *
   * @param retry which retry comes, 0 for the first
   * @param failure the failure that caused it
   * @return the wait
   */
  Duration delay(int retry, AiLibException failure) {
    return RetryDecision.delay(settings, retry, failure, random);
  }

  /**
   * The whole decision after a failed attempt.
   *
   * @param retry retries made so far on this target
   * @param failure the failure
   * @return the decision
   */
  RetryDecision decide(int retry, AiLibException failure) {
    return RetryDecision.decide(settings, failure, retry, random);
  }
}
