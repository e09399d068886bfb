package dev.ailib.core.internal.resilience;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.AiLibException;
import dev.ailib.core.spi.manifest.RetryPolicySpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Runs the attempts of one call across its targets (the primary model, then the fallback chain).
 * Implementations decide retries, delays, breaker and limiter decisions; the engine only supplies how one
 * attempt is made. Every attempt and every scheduled delay is reported to the call's telemetry.
 *
 * <p>The same method serves the blocking, the asynchronous and the streaming paths: the asynchronous path
 * calls it on a worker thread, the streaming path makes "open the stream and read it up to its first event"
 * the attempt (see {@link AttemptRunner}).
 *
 * <p>Time: the call has one {@link Deadline}, made by the engine when the call starts. Implementations bound
 * every wait of theirs by it and make no attempt once it passed; an attempt bounds its own I/O by it (the
 * engine puts it on the attempt's request, the transport enforces it). Nothing schedules a timer per call.
 */
public interface Resilience {

  /**
   * Runs a call.
   *
   * @param targets the primary target first, then fallbacks, in order
   * @param runner makes one attempt against one target
   * @param deadline the call's deadline: no attempt starts and no wait lasts beyond it
   * @param cancel the call's cancel token (no new attempt once cancelled; waits end at once)
   * @param observer told about attempts and retry delays
   * @param <T> the attempt's result
   * @param <R> the engine's target type
   * @return the first successful attempt's result
   * @throws AiLibException the last failure when every attempt failed
   */
  <T, R extends Target> Outcome<T, R> run(List<R> targets, AttemptRunner<T, R> runner, Deadline deadline,
      CancelToken cancel, AttemptObserver<? super R> observer);

  /**
   * Runs a call without holding a thread while attempts are in flight or between them: the same policies, decisions,
   * telemetry and deadline as {@link #run}, for attempts that complete later (push streams and publishers). Waits
   * between attempts hold no thread either (an application's {@link dev.ailib.core.spi.Sleeper} runs on
   * {@code blocking}, as it would on the blocking path); only a wait for an in-flight slot of a full bulkhead holds a
   * thread of {@code blocking} while it waits.
   *
   * @param targets the primary target first, then fallbacks, in order
   * @param runner starts one attempt against one target
   * @param deadline the call's deadline
   * @param cancel the call's cancel token
   * @param observer told about attempts and retry delays
   * @param blocking runs what must block (an application's sleeper, a wait for a bulkhead slot)
   * @param <T> the attempt's result
   * @param <R> the engine's target type
   * @return completes with the first successful attempt's result, or exceptionally with the last failure
   *     ({@link AiLibException}) when every attempt failed
   */
  <T, R extends Target> CompletableFuture<Outcome<T, R>> runAsync(List<R> targets, AsyncAttemptRunner<T, R> runner,
      Deadline deadline, CancelToken cancel, AttemptObserver<? super R> observer, Executor blocking);

  /**
   * What the policies need to know about one model to try. The engine's resolved target implements it.
   */
  interface Target {
    /** The provider id. */
    String provider();

    /** The model id without provider prefix. */
    String model();

    /** Identifies the provider endpoint (for the per-endpoint limiter and breaker), such as the base URL. */
    String endpointKey();

    /** The manifest's retry policy for this target, or null when it declares none. */
    RetryPolicySpec retryPolicy();
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
   * @param <R> the target type
   */
  @FunctionalInterface
  interface AttemptRunner<T, R extends Target> {
    /**
     * Makes the attempt.
     *
     * @param target the target
     * @param attempt the attempt number over the whole call, from 1
     * @return the result
     * @throws AiLibException classified failure
     */
    T attempt(R target, int attempt);
  }

  /**
   * Starts one attempt whose outcome comes later: the same contract as {@link AttemptRunner}, with the result or
   * the classified failure delivered through the returned stage (a failure thrown at once counts the same).
   *
   * @param <T> the result
   * @param <R> the target type
   */
  @FunctionalInterface
  interface AsyncAttemptRunner<T, R extends Target> {
    /**
     * Starts the attempt.
     *
     * @param target the target
     * @param attempt the attempt number over the whole call, from 1
     * @return completes with the result, or exceptionally with a classified {@link AiLibException}
     */
    CompletionStage<T> attempt(R target, int attempt);
  }

  /**
   * Told about attempts and delays (the engine forwards to telemetry).
   *
   * @param <R> the target type
   */
  interface AttemptObserver<R extends Target> {
    /**
     * An attempt starts.
     *
     * @param target the target
     * @param attempt its number, from 1
     */
    default void attemptStart(R target, int attempt) {
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
   * @param <R> the target type
   */
  record Outcome<T, R extends Target>(T value, R target, int attempts) {
  }
}
