package dev.ailib.core.internal.resilience;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.AiLibException;
import dev.ailib.core.spi.manifest.RetryPolicySpec;
import java.time.Duration;
import java.util.List;

/**
 * Runs the attempts of one call across its targets (the primary model, then the fallback chain).
 * Implementations decide retries, delays, breaker and limiter decisions; the engine only supplies how one
 * attempt is made. Every attempt and every scheduled delay is reported to the call's telemetry.
 *
 * <p>The same method serves the blocking, the asynchronous and the streaming paths: the asynchronous path
 * calls it on a worker thread, the streaming path makes "open the stream and read it up to its first event"
 * the attempt (see {@link AttemptRunner}).
 */
public interface Resilience {

  /**
   * Runs a call whose attempts do not need their own cancel token.
   *
   * @param targets the primary target first, then fallbacks, in order
   * @param runner makes one attempt against one target
   * @param cancel the call's cancel token (no new attempt once cancelled; delays are interrupted)
   * @param observer told about attempts and retry delays
   * @param <T> the attempt's result
   * @return the first successful attempt's result
   * @throws AiLibException the last failure when every attempt failed
   */
  default <T> Outcome<T> run(List<Target> targets, AttemptRunner<T> runner, CancelToken cancel,
      AttemptObserver observer) {
    return run(targets, (CancellableAttemptRunner<T>) (target, attempt, attemptCancel) ->
        runner.attempt(target, attempt), cancel, observer);
  }

  /**
   * Runs a call; each attempt gets a token of its own that is cancelled when the call is cancelled or when
   * the attempt runs out of time, so the engine can abort that attempt's HTTP exchange.
   *
   * @param targets the primary target first, then fallbacks, in order
   * @param runner makes one attempt against one target
   * @param cancel the call's cancel token (no new attempt once cancelled; delays are interrupted)
   * @param observer told about attempts and retry delays
   * @param <T> the attempt's result
   * @return the first successful attempt's result
   * @throws AiLibException the last failure when every attempt failed
   */
  <T> Outcome<T> run(List<Target> targets, CancellableAttemptRunner<T> runner, CancelToken cancel,
      AttemptObserver observer);

  /**
   * One model to try.
   *
   * @param provider the provider id
   * @param model the model id without prefix
   * @param endpointKey identifies the provider endpoint (for per-endpoint limiter and breaker), such as the base URL
   * @param handle the engine's own resolved data for the target (manifest, credentials, ...)
   * @param retryPolicy the manifest's retry policy for this target, or null when it declares none
   */
  record Target(String provider, String model, String endpointKey, Object handle, RetryPolicySpec retryPolicy) {

    /**
     * A target without a manifest retry policy.
     *
     * @param provider the provider id
     * @param model the model id without prefix
     * @param endpointKey identifies the provider endpoint
     * @param handle the engine's own data
     */
    public Target(String provider, String model, String endpointKey, Object handle) {
      this(provider, model, endpointKey, handle, null);
    }

    @Override
    public String toString() {
      return "Target[" + provider + "/" + model + " at " + endpointKey + "]";
    }
  }

  /**
   * Makes one attempt.
   *
   * <p>Contract: an attempt either returns a result or throws a classified {@link AiLibException}
   * ({@link dev.ailib.api.error.RemoteException} with {@code retryAfter} parsed from {@code Retry-After} /
   * {@code retry-after-ms}, {@link dev.ailib.api.error.TransportException}, ...). For a stream, the attempt is
   * "send the request, receive the headers and read up to the first event"; it returns once that first event
   * is buffered and before it reaches the caller. After the attempt returned, the policies are done with the
   * call: a failure later in the stream is never retried (the caller has already seen output) and is reported
   * by the engine as the stream's error.
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

  /**
   * Makes one attempt with a token of its own, under the same contract as {@link AttemptRunner}.
   *
   * @param <T> the result
   */
  @FunctionalInterface
  interface CancellableAttemptRunner<T> {
    /**
     * Makes the attempt.
     *
     * @param target the target
     * @param attempt the attempt number over the whole call, from 1
     * @param attemptCancel cancelled when the call is cancelled or the attempt times out: abort the exchange
     * @return the result
     * @throws AiLibException classified failure
     */
    T attempt(Target target, int attempt, CancelToken attemptCancel);
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
     * A retry or fallback will follow after a delay (zero for a fallback to the next target).
     *
     * @param nextAttempt the coming attempt's number
     * @param delay the wait
     * @param reason the failure that caused it
     */
    default void retryScheduled(int nextAttempt, Duration delay, AiLibException reason) {
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
