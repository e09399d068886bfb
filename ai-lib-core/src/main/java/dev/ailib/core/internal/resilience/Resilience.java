package dev.ailib.core.internal.resilience;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.AiLibException;
import java.util.List;

/**
 * Runs the attempts of one call across its targets (the primary model, then the fallback chain).
 * Implementations decide retries, delays, breaker and limiter decisions; the engine only supplies how one
 * attempt is made. Every attempt and every scheduled delay is reported to the call's telemetry.
 */
public interface Resilience {

  /**
   * Runs a call.
   *
   * @param targets the primary target first, then fallbacks, in order
   * @param runner makes one attempt against one target
   * @param cancel the call's cancel token (no new attempt once cancelled; delays are interrupted)
   * @param observer told about attempts and retry delays
   * @param <T> the attempt's result
   * @return the first successful attempt's result
   * @throws AiLibException the last failure when every attempt failed
   */
  <T> Outcome<T> run(List<Target> targets, AttemptRunner<T> runner, CancelToken cancel, AttemptObserver observer);

  /**
   * One model to try.
   *
   * @param provider the provider id
   * @param model the model id without prefix
   * @param endpointKey identifies the provider endpoint (for per-endpoint limiter and breaker), such as the base URL
   * @param handle the engine's own resolved data for the target (manifest, credentials, ...)
   */
  record Target(String provider, String model, String endpointKey, Object handle) {
  }

  /**
   * Makes one attempt.
   *
   * @param <T> the result
   */
  @FunctionalInterface
  interface AttemptRunner<T> {
    /**
     * Makes the attempt.
     *
     * @param target the target
     * @param attempt the attempt number over the whole call, from 1
     * @return the result
     * @throws AiLibException classified failure
     */
    T attempt(Target target, int attempt);
  }

  /** Told about attempts and delays (the engine forwards to telemetry). */
  interface AttemptObserver {
    /**
     * An attempt starts.
     *
     * @param target the target
     * @param attempt its number, from 1
     */
    default void attemptStart(Target target, int attempt) {
    }

    /**
     * A retry or fallback will follow after a delay.
     *
     * @param nextAttempt the coming attempt's number
     * @param delay the wait
     * @param reason the failure that caused it
     */
    default void retryScheduled(int nextAttempt, java.time.Duration delay, AiLibException reason) {
    }
  }

  /**
   * A successful result with how it was reached.
   *
   * @param value the result
   * @param target the target that served it
   * @param attempts attempts made in all
   * @param <T> the result type
   */
  record Outcome<T>(T value, Target target, int attempts) {
  }
}
