package dev.ailib.core.internal.resilience;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.TransportException;
import dev.ailib.api.spi.ClientConfig;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.Sleeper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The resilience policies of a client, built on Failsafe and composed in this order, outermost first:
 * <ol>
 *   <li><b>fallback</b>: when a target's attempts end with a fallbackable failure
 *       ({@link AiLibException#fallbackable()}), the next target of the chain is tried;</li>
 *   <li><b>retry</b>: per target, retryable failures are retried after a backoff with jitter or the
 *       provider's {@code Retry-After} (capped), see {@link Backoff}; waits go through the client's
 *       {@link Sleeper} and end early on cancellation; the whole call never outlives its timeout;</li>
 *   <li><b>circuit breaker</b>: per endpoint ({@link Resilience.Target#endpointKey()}), shared by all calls of
 *       the client, see {@link EndpointBreaker};</li>
 *   <li><b>rate limiter</b>: per endpoint, shared, smooth pacing at {@code rateLimitRps}, see
 *       {@link SmoothRateLimiter};</li>
 *   <li><b>bulkhead</b>: client-wide cap on attempts in flight, waiting up to {@code maxInflightWait} for a
 *       slot, see {@link InflightLimit};</li>
 *   <li><b>timeout</b>: each attempt is bounded by what is left of the call's timeout (Failsafe
 *       {@link Timeout}); on expiry the attempt's cancel token aborts its exchange.</li>
 * </ol>
 * Every attempt is reported with {@link Resilience.AttemptObserver#attemptStart} and every wait before another
 * attempt with {@link Resilience.AttemptObserver#retryScheduled}. Thread-safe; one instance per client.
 */
public final class FailsafeResilience implements Resilience {
  private static final int MAX_SUPPRESSED = 8;

  private final ResilienceSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final InflightLimit bulkhead;
  private final Map<String, EndpointPolicies> endpoints = new ConcurrentHashMap<>();

  /**
   * Creates the policies.
   *
   * @param settings the resolved settings
   * @param clock the clock for deadlines, pacing and breaker cooldowns
   * @param sleeper waits between attempts
   * @param random uniform numbers in {@code [0, 1)} for the jitter
   */
  public FailsafeResilience(ResilienceSettings settings, Clock clock, Sleeper sleeper, DoubleSupplier random) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    this.bulkhead = settings.maxInflight() > 0 ? new InflightLimit(settings.maxInflight()) : null;
  }

  /**
   * The policies of a client: settings resolved from the builder, the environment and the defaults (a bad
   * environment value fails here, at build time); the clock and sleeper are the {@link Clock} and
   * {@link Sleeper} components given to the builder, else the system ones.
   *
   * @param config the client's configuration
   * @param env the environment
   * @return the policies
   * @throws IllegalArgumentException when an environment value is invalid
   */
  public static FailsafeResilience create(ClientConfig config, Environment env) {
    ResilienceSettings settings = ResilienceSettings.resolve(config.resilience(), config.timeouts(), env);
    Clock clock = config.components(Clock.class).stream().findFirst().orElse(Clock.system());
    Sleeper sleeper = config.components(Sleeper.class).stream().findFirst().orElse(Sleeper.system());
    return new FailsafeResilience(settings, clock, sleeper, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The resolved settings. */
  public ResilienceSettings settings() {
    return settings;
  }

  @Override
  public <T> Outcome<T> run(List<Target> targets, CancellableAttemptRunner<T> runner, CancelToken cancel,
      AttemptObserver observer) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no target to call");
    }
    long deadline = clock.nanoTime() + settings.callTimeout().toNanos();
    List<AiLibException> earlier = new ArrayList<>();
    int attempt = 0;
    for (int t = 0; t < targets.size(); t++) {
      Target target = targets.get(t);
      Backoff backoff = new Backoff(settings.retryFor(target.retryPolicy()), random);
      AiLibException failure;
      int retry = 0;
      while (true) {
        checkCancelled(cancel, attempt, earlier);
        attempt++;
        observer.attemptStart(target, attempt);
        try {
          T value = attemptOnce(target, attempt, runner, cancel, deadline);
          return new Outcome<>(value, target, attempt);
        } catch (AiLibException e) {
          failure = e;
        }
        if (cancel.isCancelled() || failure instanceof CancelledException) {
          throw withHistory(failure, earlier);
        }
        RetryDecision decision = backoff.decide(retry, failure);
        if (!decision.retry()) {
          break;
        }
        Duration delay = decision.delay();
        if (remaining(deadline).compareTo(delay) <= 0) {
          break;
        }
        observer.retryScheduled(attempt + 1, delay, failure);
        earlier.add(failure);
        if (!delay.isZero()) {
          sleep(delay, cancel, attempt, earlier);
        }
        retry++;
      }
      if (t + 1 < targets.size() && FallbackDecision.shouldFallback(failure) && remaining(deadline).toNanos() > 0) {
        observer.retryScheduled(attempt + 1, Duration.ZERO, failure);
        earlier.add(failure);
        continue;
      }
      throw withHistory(failure, earlier);
    }
    throw new IllegalStateException("unreachable");
  }

  private <T> T attemptOnce(Target target, int attempt, CancellableAttemptRunner<T> runner, CancelToken cancel,
      long deadline) {
    EndpointPolicies policies = endpoints.computeIfAbsent(target.endpointKey(), this::newPolicies);
    if (policies.breaker != null) {
      policies.breaker.checkNotOpen();
    }
    if (policies.limiter != null) {
      Duration left = remaining(deadline);
      Duration wait = policies.limiter.tryReserve(left);
      if (wait == null) {
        throw ResilienceRejectedException.rateLimited(target.endpointKey(), settings.rateLimitRps(), left);
      }
      if (!wait.isZero()) {
        sleep(wait, cancel, attempt - 1, List.of());
      }
    }
    if (bulkhead == null) {
      return guarded(policies, target, attempt, runner, cancel, deadline);
    }
    Duration wait = min(settings.maxInflightWait(), remaining(deadline));
    if (!bulkhead.acquire(wait, cancel)) {
      throw ResilienceRejectedException.bulkheadFull(settings.maxInflight(), wait);
    }
    try {
      return guarded(policies, target, attempt, runner, cancel, deadline);
    } finally {
      bulkhead.release();
    }
  }

  private <T> T guarded(EndpointPolicies policies, Target target, int attempt, CancellableAttemptRunner<T> runner,
      CancelToken cancel, long deadline) {
    if (policies.breaker != null) {
      policies.breaker.acquire();
    }
    try {
      T value = timed(target, attempt, runner, cancel, deadline);
      if (policies.breaker != null) {
        policies.breaker.record(null);
      }
      return value;
    } catch (AiLibException e) {
      if (policies.breaker != null) {
        policies.breaker.record(cancel.isCancelled() ? new CancelledException("cancelled") : e);
      }
      throw e;
    } catch (RuntimeException | Error e) {
      if (policies.breaker != null) {
        policies.breaker.recordSuccess();
      }
      throw e;
    }
  }

  private <T> T timed(Target target, int attempt, CancellableAttemptRunner<T> runner, CancelToken cancel,
      long deadline) {
    Duration left = remaining(deadline);
    if (left.isZero()) {
      throw callTimeout(target, attempt);
    }
    CancelToken attemptCancel = new CancelToken();
    try (CancelToken.Registration ignored = cancel.onCancel(attemptCancel::cancel)) {
      Timeout<T> timeout = Timeout.<T>builder(left).withInterrupt().build();
      return Failsafe.with(timeout).get(ctx -> {
        ctx.onCancel(attemptCancel::cancel);
        return runner.attempt(target, attempt, attemptCancel);
      });
    } catch (TimeoutExceededException e) {
      Thread.interrupted(); // Failsafe interrupted this thread to end the attempt; the call goes on
      throw callTimeout(target, attempt);
    } catch (FailsafeException e) {
      Throwable cause = e.getCause();
      throw new AiLibException(dev.ailib.api.error.StandardErrorCode.UNKNOWN,
          "attempt " + attempt + " against " + target + " failed with an unexpected checked exception", cause);
    }
  }

  private TransportException callTimeout(Target target, int attempt) {
    return new TransportException(TransportException.Kind.CALL_TIMEOUT, "call timeout of " + settings.callTimeout()
        + " (builder timeout / AI_HTTP_TIMEOUT_SECS) exceeded during attempt " + attempt + " against " + target,
        null);
  }

  private void sleep(Duration delay, CancelToken cancel, int attempts, List<AiLibException> earlier) {
    boolean completed;
    try {
      completed = sleeper.sleep(delay, cancel);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw withHistory(new CancelledException("interrupted while waiting " + delay + " before attempt "
          + (attempts + 1)), earlier);
    }
    if (!completed || cancel.isCancelled()) {
      throw withHistory(new CancelledException("call cancelled while waiting " + delay + " before attempt "
          + (attempts + 1)), earlier);
    }
  }

  private static void checkCancelled(CancelToken cancel, int attempts, List<AiLibException> earlier) {
    if (cancel.isCancelled()) {
      throw withHistory(new CancelledException(attempts == 0 ? "call cancelled before its first attempt"
          : "call cancelled after " + attempts + " attempt(s)"), earlier);
    }
  }

  private static AiLibException withHistory(AiLibException last, List<AiLibException> earlier) {
    int from = Math.max(0, earlier.size() - MAX_SUPPRESSED);
    for (AiLibException e : earlier.subList(from, earlier.size())) {
      if (e != last) {
        last.addSuppressed(e);
      }
    }
    return last;
  }

  private Duration remaining(long deadline) {
    long left = deadline - clock.nanoTime();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private EndpointPolicies newPolicies(String endpointKey) {
    EndpointBreaker breaker = settings.breakerFailureThreshold() > 0
        ? new EndpointBreaker(endpointKey, settings.breakerFailureThreshold(), settings.breakerCooldown(), clock)
        : null;
    SmoothRateLimiter limiter = settings.rateLimitRps() > 0 ? new SmoothRateLimiter(settings.rateLimitRps(), clock)
        : null;
    return new EndpointPolicies(breaker, limiter);
  }

  /** Test hook: the breaker of an endpoint, or null when none was made yet or breakers are off. */
  EndpointBreaker breaker(String endpointKey) {
    EndpointPolicies p = endpoints.get(endpointKey);
    return p == null ? null : p.breaker;
  }

  @Override
  public String toString() {
    return "FailsafeResilience[" + settings + "]";
  }

  private record EndpointPolicies(EndpointBreaker breaker, SmoothRateLimiter limiter) {
  }
}
