package dev.ailib.core.internal.resilience;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * One retry decision: whether a failed attempt is retried on the same target and how long to wait first. Pure: the
 * answer depends only on the arguments (the jitter comes from the given random source), so the decision
 * {@link FailsafeResilience} takes can be reproduced and tested on its own.
 *
 * <p>Rules (AI-Protocol retry policy):
 * <ul>
 *   <li>no retry once {@code max_retries} retries were made, and never for a cancellation;</li>
 *   <li>a retry when the failure is {@linkplain AiLibException#retryable() retryable} (the retryable standard codes
 *       and the transport failures), or when it carries an HTTP status the manifest's {@code retry_on_http_status}
 *       lists (except quota exhaustion, which waiting cannot fix);</li>
 *   <li>the wait is the provider's {@code Retry-After} when it sent one, raised to {@code min_delay} when shorter
 *       (zero, negative, a date in the past) and capped at {@link RetrySettings#retryAfterCap()}; otherwise exponential backoff with jitter inside the policy's bounds: the n-th retry's ceiling is
 *       {@code min(max_delay, min_delay * 2^n)} and the wait is drawn uniformly in {@code [min_delay, ceiling]}
 *       (without jitter, the ceiling). The wait is never below {@code min_delay} nor above {@code max_delay}.</li>
 * </ul>
 *
 * @param retry whether to retry
 * @param delay the wait before the retry; zero when not retrying
 * @param reason why, for logs and diagnostics
 */
public record RetryDecision(boolean retry, Duration delay, String reason) {

  /** Checks. */
  public RetryDecision {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Decides.
   *
   * @param settings the target's retry settings
   * @param failure the failure of the attempt that just ended
   * @param retriesSoFar retries already made on this target, 0 after the first attempt
   * @param random uniform numbers in {@code [0, 1)} for the jitter
   * @return the decision
   */
  public static RetryDecision decide(RetrySettings settings, AiLibException failure, int retriesSoFar,
      DoubleSupplier random) {
    if (retriesSoFar >= settings.maxRetries()) {
      return new RetryDecision(false, Duration.ZERO, "max_retries " + settings.maxRetries() + " reached");
    }
    if (!retryable(settings, failure)) {
      return new RetryDecision(false, Duration.ZERO, failure.errorType().wireName() + " is not retryable");
    }
    return new RetryDecision(true, delay(settings, retriesSoFar, failure, random),
        failure.errorType().wireName() + " is retryable (retry " + (retriesSoFar + 1) + " of "
            + settings.maxRetries() + ")");
  }

  /**
   * Whether a failure may be retried on the same target, ignoring the retry count.
   *
   * @param settings the retry settings
   * @param failure the failure
   * @return true to retry
   */
  public static boolean retryable(RetrySettings settings, AiLibException failure) {
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
   * @param settings the retry settings
   * @param retry which retry comes, 0 for the first
   * @param failure the failure that caused it
   * @param random uniform numbers in {@code [0, 1)}
   * @return the wait
   */
  public static Duration delay(RetrySettings settings, int retry, AiLibException failure, DoubleSupplier random) {
    Optional<Duration> retryAfter = failure instanceof RemoteException r ? r.retryAfter() : Optional.empty();
    if (retryAfter.isPresent()) {
      // the provider's wait, never below the policy's minimum (a Retry-After of 0, -5 or a past date must not turn
      // retries into a burst) nor above the cap
      Duration asked = retryAfter.get();
      if (asked.compareTo(settings.baseDelay()) < 0) {
        asked = settings.baseDelay();
      }
      return asked.compareTo(settings.retryAfterCap()) > 0 ? settings.retryAfterCap() : asked;
    }
    long floor = settings.baseDelay().toNanos();
    long ceiling = ceilingNanos(settings, retry);
    if (!settings.fullJitter() || ceiling <= floor) {
      return Duration.ofNanos(ceiling);
    }
    double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
    return Duration.ofNanos(floor + (long) ((ceiling - floor) * r));
  }

  private static long ceilingNanos(RetrySettings settings, int retry) {
    long base = settings.baseDelay().toNanos();
    long max = settings.maxDelay().toNanos();
    int shift = Math.min(Math.max(retry, 0), 62);
    if (base > (max >> shift)) {
      return max;
    }
    return Math.min(max, base << shift);
  }
}
