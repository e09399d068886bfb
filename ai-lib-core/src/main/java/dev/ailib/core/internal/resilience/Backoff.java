package dev.ailib.core.internal.resilience;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The retry policy of one target: which failures are retried and how long to wait before the next attempt.
 *
 * <p>A failure is retried when its {@link AiLibException#retryable()} says so (the retryable standard codes and
 * the transport failures connect, connect/headers/idle timeout and I/O), or when it carries an HTTP status the
 * manifest's {@code retry_on_http_status} lists (except quota exhaustion and cancellation, which waiting cannot
 * fix). The wait is the provider's {@code Retry-After}, capped at {@link RetrySettings#retryAfterCap()}, when it
 * sent one; otherwise exponential backoff with full jitter: uniformly drawn in
 * {@code [0, min(maxDelay, baseDelay * 2^retry)]}.
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
    if (failure instanceof CancelledException || failure.errorType() == StandardErrorCode.CANCELLED) {
      return false;
    }
    if (failure.retryable()) {
      return true;
    }
    return failure.errorType() != StandardErrorCode.QUOTA_EXHAUSTED
        && failure.statusCode() > 0
        && settings.retryOnHttpStatus().contains(failure.statusCode());
  }

  /**
   * The wait before a retry.
   *
   * @param retry which retry comes, 0 for the first
   * @param failure the failure that caused it
   * @return the wait
   */
  Duration delay(int retry, AiLibException failure) {
    Optional<Duration> retryAfter = failure instanceof RemoteException r ? r.retryAfter() : Optional.empty();
    if (retryAfter.isPresent() && !retryAfter.get().isNegative()) {
      Duration asked = retryAfter.get();
      return asked.compareTo(settings.retryAfterCap()) > 0 ? settings.retryAfterCap() : asked;
    }
    long ceiling = ceilingNanos(retry);
    if (!settings.fullJitter()) {
      return Duration.ofNanos(ceiling);
    }
    double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
    return Duration.ofNanos((long) (ceiling * r));
  }

  private long ceilingNanos(int retry) {
    long base = settings.baseDelay().toNanos();
    long max = settings.maxDelay().toNanos();
    int shift = Math.min(retry, 62);
    if (base > (max >> shift)) {
      return max;
    }
    return Math.min(max, base << shift);
  }
}
