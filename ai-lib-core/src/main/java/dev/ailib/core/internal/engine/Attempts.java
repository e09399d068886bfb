package dev.ailib.core.internal.engine;

import dev.ailib.api.error.AiLibException;
import dev.ailib.core.internal.resilience.Resilience;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs the attempts of a call through the client's resilience policies (fallback, retry, breaker, limiter, bulkhead,
 * within the call's deadline) and its exchange (template, interceptors, transport, error classification): the one
 * path every operation's requests take. Chat, embeddings and rerank differ only in how they prepare a request for a
 * target ({@link CallPlan}) and read a successful answer ({@link Reader}).
 *
 * <p>A call sent in several requests (embeddings in batches) runs this once per request, in the same
 * {@link CallScope}: one deadline, one telemetry call, attempts numbered over the whole call.
 */
final class Attempts {
  private final Resilience resilience;
  private final Exchange exchange;
  private final Listeners listeners;

  Attempts(Resilience resilience, Exchange exchange, Listeners listeners) {
    this.resilience = resilience;
    this.exchange = exchange;
    this.listeners = listeners;
  }

  /**
   * Reads a successful (2xx) answer of one attempt.
   *
   * @param <Q> the request
   * @param <A> the answer
   */
  @FunctionalInterface
  interface Reader<Q, A> {
    /**
     * Reads the answer.
     *
     * @param response the response, status below 300 (closed by the caller)
     * @param prepared what was sent
     * @param request the request of the plan
     * @return the answer
     */
    A read(TransportResponse response, Prepared prepared, Q request);
  }

  /**
   * Sends a plan's request until an attempt succeeds or the policies give up, reading each successful answer.
   *
   * @param scope the call
   * @param plan the targets and the request
   * @param reader reads a successful answer (its failures are the attempt's: a malformed answer may be retried)
   * @param attemptsBefore attempts the call made before (earlier batches), to number these after them
   * @param <Q> the request
   * @param <A> the answer
   * @return the answer, the target that gave it and the attempts made in this run
   * @throws AiLibException the last failure
   */
  <Q, A> Resilience.Outcome<A, Target> run(CallScope scope, CallPlan<Q> plan, Reader<Q, A> reader,
      int attemptsBefore) {
    return run(scope, plan.targets(), (target, n) -> {
      Prepared prepared = plan.prepared(target);
      TransportResponse resp = exchange.send(scope, prepared);
      try (resp) {
        return reader.read(resp, prepared, plan.request()); // parsed as it is read: memory does not grow with the body
      } catch (UncheckedIOException e) {
        throw target.redactor().apply(scope.failure(e));
      } catch (AiLibException e) {
        throw target.redactor().apply(e); // a decoded answer's errors may quote what the provider echoed
      }
    }, attemptsBefore);
  }

  /**
   * Runs attempts of any kind (a stream's "open and read up to the first event") through the policies.
   *
   * @param scope the call
   * @param targets the targets, primary first
   * @param attempt makes one attempt
   * @param attemptsBefore attempts the call made before
   * @param <T> the attempt's result
   * @return the result, the target that gave it and the attempts made in this run
   */
  <T> Resilience.Outcome<T, Target> run(CallScope scope, List<Target> targets,
      Resilience.AttemptRunner<T, Target> attempt, int attemptsBefore) {
    return resilience.run(targets, attempt, scope.deadline, scope.token, observer(scope, attemptsBefore));
  }

  /** The client's policies (for the asynchronous path, {@link AsyncStream}). */
  Resilience resilience() {
    return resilience;
  }

  /** The client's exchange (for the asynchronous path, {@link AsyncStream}). */
  Exchange exchange() {
    return exchange;
  }

  /** Reports a call's attempts and retries to telemetry, numbered after the attempts the call made before. */
  Resilience.AttemptObserver<Target> observer(CallScope scope, int before) {
    return new Resilience.AttemptObserver<>() {
      @Override
      public void attemptStart(Target target, int attempt) {
        listeners.attemptStart(scope.info, before + attempt, target.provider(), target.modelId());
      }

      @Override
      public void retryScheduled(int nextAttempt, Duration delay, AiLibException reason) {
        listeners.retryScheduled(scope.info, before + nextAttempt, delay, reason);
      }
    };
  }
}
