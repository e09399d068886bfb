package dev.ailib.core.internal.resilience;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.spi.ClientConfig;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.Sleeper;
import dev.ailib.core.spi.manifest.RetryPolicySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The resilience policies of a client, composed in this order, outermost first:
 * <ol>
 *   <li><b>fallback</b>: when a target's attempts end with a fallbackable failure
 *       ({@link AiLibException#fallbackable()}), the next target of the chain is tried;</li>
 *   <li><b>retry</b>: per target, retryable failures are retried after a backoff with jitter or the
 *       provider's {@code Retry-After} (capped), see {@link RetryDecision}; waits go through the client's
 *       {@link Sleeper} and end early on cancellation; no wait is started that would end after the deadline;</li>
 *   <li><b>circuit breaker</b>: per endpoint ({@link Resilience.Target#endpointKey()}), shared by all calls of
 *       the client, on Failsafe's {@code CircuitBreaker}, see {@link EndpointBreaker};</li>
 *   <li><b>rate limiter</b>: per endpoint, shared, smooth pacing at {@code rateLimitRps}, see
 *       {@link SmoothRateLimiter};</li>
 *   <li><b>bulkhead</b>: client-wide cap on attempts in flight, waiting up to {@code maxInflightWait} (and never
 *       past the deadline) for a slot, see {@link InflightLimit}.</li>
 * </ol>
 * The call's {@link Deadline} is checked before every attempt and bounds every wait; the attempt itself is bounded
 * by the transport, which reads the same deadline from the request (no timer per call or per attempt).
 *
 * <p>Why not Failsafe's own policy for each part (Failsafe 3.3.2, the version in use):
 * <ul>
 *   <li>retry and fallback: Failsafe's synchronous {@code RetryPolicy} waits with {@code Thread.sleep}
 *       (<a href="https://github.com/failsafe-lib/failsafe/blob/master/core/src/main/java/dev/failsafe/internal/RetryPolicyExecutor.java">RetryPolicyExecutor</a>),
 *       so the client's {@link Sleeper} cannot make tests instant and a cancelled call would wait its delay out;
 *       and the decision must be callable alone (the AI-Protocol compliance runner checks {@link RetryDecision}
 *       directly). The loop below is a few lines and applies {@link RetryDecision} and {@link FallbackDecision}
 *       after every failed attempt;</li>
 *   <li>timeout: Failsafe's {@code Timeout} schedules a task per execution on its scheduler and ends the attempt
 *       by interrupting it (<a href="https://github.com/failsafe-lib/failsafe/blob/master/core/src/main/java/dev/failsafe/internal/TimeoutExecutor.java">TimeoutExecutor</a>);
 *       the call's deadline on the request does the same job on the I/O path without a timer (issue 20: three
 *       timers per call were 16-22 us);</li>
 *   <li>rate limiter: Failsafe's {@code RateLimiter} times itself with a package-private stopwatch on
 *       {@code System.nanoTime()} (<a href="https://github.com/failsafe-lib/failsafe/blob/master/core/src/main/java/dev/failsafe/internal/RateLimiterStats.java">RateLimiterStats.Stopwatch</a>)
 *       and waits with {@code TimeUnit.sleep}, neither injectable, see {@link SmoothRateLimiter};</li>
 *   <li>bulkhead: a timed-out {@code Bulkhead.tryAcquirePermit(Duration)} leaves its waiter queued and the next
 *       release hands it the permit, so every rejection loses a slot for good
 *       (<a href="https://github.com/failsafe-lib/failsafe/issues/393">failsafe-lib/failsafe#393</a>), see
 *       {@link InflightLimit}.</li>
 * </ul>
 * Every attempt is reported with {@link Resilience.AttemptObserver#attemptStart} and every wait before another
 * attempt with {@link Resilience.AttemptObserver#retryScheduled}. Thread-safe; one instance per client.
 */
public final class FailsafeResilience implements Resilience {
  private static final int MAX_SUPPRESSED = 8;
  /** Stands for "the manifest declares no retry policy" in {@link #retrySettings}, whose map takes no null key. */
  private static final RetryPolicySpec NO_POLICY = new RetryPolicySpec(null, -1, null, null, null, null);

  private final ResilienceSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final InflightLimit bulkhead;
  private final Map<String, EndpointPolicies> endpoints = new ConcurrentHashMap<>();
  /** Builder settings merged with each manifest policy seen, once per distinct policy (not per attempt). */
  private final Map<RetryPolicySpec, RetrySettings> retrySettings = new ConcurrentHashMap<>();

  /**
   * Creates the policies.
   *
   * @param settings the resolved settings
   * @param clock the clock for pacing and breaker cooldowns (the deadline comes with each call)
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
  public <T, R extends Target> Outcome<T, R> run(List<R> targets, AttemptRunner<T, R> runner, Deadline deadline,
      CancelToken cancel, AttemptObserver<? super R> observer) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no target to call");
    }
    List<AiLibException> earlier = null;
    int attempt = 0;
    for (int t = 0; t < targets.size(); t++) {
      R target = targets.get(t);
      RetrySettings retry = retrySettings(target.retryPolicy());
      AiLibException failure;
      int retries = 0;
      while (true) {
        checkCancelled(cancel, attempt, earlier);
        attempt++;
        observer.attemptStart(target, attempt);
        try {
          T value = attemptOnce(target, attempt, runner, deadline, cancel);
          return new Outcome<>(value, target, attempt);
        } catch (AiLibException e) {
          failure = e;
        }
        if (cancel.isCancelled() || failure instanceof CancelledException) {
          throw withHistory(failure, earlier);
        }
        RetryDecision decision = RetryDecision.decide(retry, failure, retries, random);
        if (!decision.retry()) {
          break;
        }
        Duration delay = decision.delay();
        if (deadline.remaining().compareTo(delay) <= 0) {
          break; // the wait would outlast the call: the failure is the answer
        }
        observer.retryScheduled(attempt + 1, delay, failure);
        earlier = remember(earlier, failure);
        if (!delay.isZero()) {
          sleep(delay, cancel, attempt, earlier);
        }
        retries++;
      }
      if (t + 1 < targets.size() && FallbackDecision.shouldFallback(failure) && !deadline.expired()) {
        observer.retryScheduled(attempt + 1, Duration.ZERO, failure);
        earlier = remember(earlier, failure);
        continue;
      }
      throw withHistory(failure, earlier);
    }
    throw new IllegalStateException("unreachable");
  }

  /**
   * The retry settings for a target whose manifest declares {@code policy}: the builder's, then the manifest's,
   * then the defaults, merged once per distinct policy.
   *
   * @param policy the manifest's policy, or null
   * @return the settings
   */
  RetrySettings retrySettings(RetryPolicySpec policy) {
    RetryPolicySpec key = policy == null ? NO_POLICY : policy;
    RetrySettings s = retrySettings.get(key);
    if (s == null) {
      s = settings.retryFor(policy);
      retrySettings.putIfAbsent(key, s);
    }
    return s;
  }

  private <T, R extends Target> T attemptOnce(R target, int attempt, AttemptRunner<T, R> runner, Deadline deadline,
      CancelToken cancel) {
    EndpointPolicies policies = endpoints.computeIfAbsent(target.endpointKey(), this::newPolicies);
    if (policies.breaker != null) {
      policies.breaker.checkNotOpen();
    }
    checkDeadline(deadline, target, attempt);
    if (policies.limiter != null) {
      Duration left = deadline.remaining();
      Duration wait = policies.limiter.tryReserve(left);
      if (wait == null) {
        throw ResilienceRejectedException.rateLimited(target.endpointKey(), settings.rateLimitRps(), left);
      }
      if (!wait.isZero()) {
        sleep(wait, cancel, attempt - 1, null);
      }
    }
    if (bulkhead == null) {
      return guarded(policies, target, attempt, runner, deadline, cancel);
    }
    Duration left = deadline.remaining();
    Duration wait = min(settings.maxInflightWait(), left);
    if (!bulkhead.acquire(wait, cancel)) {
      if (wait.equals(left)) {
        throw deadline.exceeded("while attempt " + attempt + " against " + describe(target)
            + " waited for an in-flight slot (all " + settings.maxInflight() + " busy)", null);
      }
      throw ResilienceRejectedException.bulkheadFull(settings.maxInflight(), wait);
    }
    try {
      return guarded(policies, target, attempt, runner, deadline, cancel);
    } finally {
      bulkhead.release();
    }
  }

  private <T, R extends Target> T guarded(EndpointPolicies policies, R target, int attempt,
      AttemptRunner<T, R> runner, Deadline deadline, CancelToken cancel) {
    checkDeadline(deadline, target, attempt); // after the waits, before anything is sent
    if (policies.breaker != null) {
      policies.breaker.acquire();
    }
    try {
      T value = runner.attempt(target, attempt);
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

  private static void checkDeadline(Deadline deadline, Target target, int attempt) {
    if (deadline.expired()) {
      throw deadline.exceeded("before attempt " + attempt + " against " + describe(target), null);
    }
  }

  private static String describe(Target t) {
    return t.provider() + "/" + t.model() + " at " + t.endpointKey();
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

  private static List<AiLibException> remember(List<AiLibException> earlier, AiLibException failure) {
    List<AiLibException> list = earlier == null ? new ArrayList<>(4) : earlier;
    list.add(failure);
    return list;
  }

  private static AiLibException withHistory(AiLibException last, List<AiLibException> earlier) {
    if (earlier == null) {
      return last;
    }
    int from = Math.max(0, earlier.size() - MAX_SUPPRESSED);
    for (AiLibException e : earlier.subList(from, earlier.size())) {
      if (e != last) {
        last.addSuppressed(e);
      }
    }
    return last;
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
