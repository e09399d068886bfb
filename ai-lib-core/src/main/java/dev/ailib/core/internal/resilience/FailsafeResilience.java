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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
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
  private final AsyncWaits waits;
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
    this.waits = new AsyncWaits(sleeper);
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

  @Override
  public <T, R extends Target> CompletableFuture<Outcome<T, R>> runAsync(List<R> targets,
      AsyncAttemptRunner<T, R> runner, Deadline deadline, CancelToken cancel, AttemptObserver<? super R> observer,
      Executor blocking) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no target to call");
    }
    AsyncRun<T, R> run = new AsyncRun<>(targets, runner, deadline, cancel, observer, blocking);
    run.startTarget();
    return run.result;
  }

  /**
   * The loop of {@link #run} as a chain of completions: the same order of checks and decisions, one step per
   * attempt outcome or finished wait.
   */
  private final class AsyncRun<T, R extends Target> {
    final CompletableFuture<Outcome<T, R>> result = new CompletableFuture<>();
    private final List<R> targets;
    private final AsyncAttemptRunner<T, R> runner;
    private final Deadline deadline;
    private final CancelToken cancel;
    private final AttemptObserver<? super R> observer;
    private final Executor blocking;
    private List<AiLibException> earlier;
    private int attempt;
    private int target;
    private int retries;
    private RetrySettings retry;

    AsyncRun(List<R> targets, AsyncAttemptRunner<T, R> runner, Deadline deadline, CancelToken cancel,
        AttemptObserver<? super R> observer, Executor blocking) {
      this.targets = targets;
      this.runner = runner;
      this.deadline = deadline;
      this.cancel = cancel;
      this.observer = observer;
      this.blocking = blocking;
    }

    void startTarget() {
      retry = retrySettings(targets.get(target).retryPolicy());
      retries = 0;
      attemptNow();
    }

    private void attemptNow() {
      try {
        checkCancelled(cancel, attempt, earlier);
      } catch (AiLibException e) {
        result.completeExceptionally(e);
        return;
      }
      attempt++;
      R t = targets.get(target);
      int n = attempt;
      observer.attemptStart(t, n);
      CompletionStage<T> stage;
      try {
        stage = attemptOnceAsync(t, n, runner, deadline, cancel, blocking);
      } catch (AiLibException e) {
        failed(e);
        return;
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
        return;
      }
      stage.whenComplete((value, error) -> {
        if (error == null) {
          result.complete(new Outcome<>(value, t, n));
        } else {
          Throwable cause = unwrap(error);
          if (cause instanceof AiLibException e) {
            failed(e);
          } else {
            result.completeExceptionally(cause);
          }
        }
      });
    }

    private void failed(AiLibException failure) {
      if (cancel.isCancelled() || failure instanceof CancelledException) {
        result.completeExceptionally(withHistory(failure, earlier));
        return;
      }
      RetryDecision decision = RetryDecision.decide(retry, failure, retries, random);
      if (decision.retry()) {
        Duration delay = decision.delay();
        if (deadline.remaining().compareTo(delay) > 0) {
          observer.retryScheduled(attempt + 1, delay, failure);
          earlier = remember(earlier, failure);
          retries++;
          waitThen(delay, this::attemptNow);
          return;
        }
        // the wait would outlast the call: the failure is the answer (or the next target's)
      }
      if (target + 1 < targets.size() && FallbackDecision.shouldFallback(failure) && !deadline.expired()) {
        observer.retryScheduled(attempt + 1, Duration.ZERO, failure);
        earlier = remember(earlier, failure);
        target++;
        startTarget();
        return;
      }
      result.completeExceptionally(withHistory(failure, earlier));
    }

    private void waitThen(Duration delay, Runnable next) {
      CompletableFuture<Boolean> wait;
      try {
        wait = waits.after(delay, cancel, blocking);
      } catch (RuntimeException e) {
        result.completeExceptionally(withHistory(new CancelledException("no thread to wait " + delay
            + " before attempt " + (attempt + 1)), earlier));
        return;
      }
      wait.whenComplete((completed, error) -> {
        if (error != null || !completed || cancel.isCancelled()) {
          result.completeExceptionally(withHistory(new CancelledException((error instanceof InterruptedException
              ? "interrupted" : "call cancelled") + " while waiting " + delay + " before attempt " + (attempt + 1)),
              earlier));
        } else {
          next.run();
        }
      });
    }
  }

  /**
   * {@link #attemptOnce} for an attempt that completes later: breaker check, deadline, limiter pacing (a wait that
   * holds no thread), bulkhead slot, then the guarded attempt; the slot is given back and the breaker told when the
   * attempt completes.
   */
  private <T, R extends Target> CompletionStage<T> attemptOnceAsync(R target, int attempt,
      AsyncAttemptRunner<T, R> runner, Deadline deadline, CancelToken cancel, Executor blocking) {
    EndpointPolicies policies = endpoints.computeIfAbsent(target.endpointKey(), this::newPolicies);
    if (policies.breaker != null) {
      policies.breaker.checkNotOpen();
    }
    checkDeadline(deadline, target, attempt);
    CompletableFuture<Void> paced = CompletableFuture.completedFuture(null);
    if (policies.limiter != null) {
      Duration left = deadline.remaining();
      Duration wait = policies.limiter.tryReserve(left);
      if (wait == null) {
        throw ResilienceRejectedException.rateLimited(target.endpointKey(), settings.rateLimitRps(), left);
      }
      if (!wait.isZero()) {
        paced = waits.after(wait, cancel, blocking).thenApply(completed -> {
          if (!completed || cancel.isCancelled()) {
            throw new CancelledException("call cancelled while waiting " + wait + " before attempt " + attempt);
          }
          return null;
        });
      }
    }
    return paced.thenCompose(ignored -> slotThenAttempt(policies, target, attempt, runner, deadline, cancel,
        blocking));
  }

  private <T, R extends Target> CompletionStage<T> slotThenAttempt(EndpointPolicies policies, R target, int attempt,
      AsyncAttemptRunner<T, R> runner, Deadline deadline, CancelToken cancel, Executor blocking) {
    if (bulkhead == null) {
      return guardedAsync(policies, target, attempt, runner, deadline, cancel);
    }
    if (bulkhead.tryAcquire()) {
      return guardedAsync(policies, target, attempt, runner, deadline, cancel)
          .whenComplete((v, e) -> bulkhead.release());
    }
    // every slot busy: wait for one on a thread of the call's executor, bounded as on the blocking path
    CompletableFuture<Boolean> slot = new CompletableFuture<>();
    Duration left = deadline.remaining();
    Duration wait = min(settings.maxInflightWait(), left);
    blocking.execute(() -> {
      try {
        slot.complete(bulkhead.acquire(wait, cancel));
      } catch (RuntimeException e) {
        slot.completeExceptionally(e);
      }
    });
    return slot.thenCompose(acquired -> {
      if (!acquired) {
        if (wait.equals(left)) {
          throw deadline.exceeded("while attempt " + attempt + " against " + describe(target)
              + " waited for an in-flight slot (all " + settings.maxInflight() + " busy)", null);
        }
        throw ResilienceRejectedException.bulkheadFull(settings.maxInflight(), wait);
      }
      return guardedAsync(policies, target, attempt, runner, deadline, cancel)
          .whenComplete((v, e) -> bulkhead.release());
    });
  }

  private <T, R extends Target> CompletionStage<T> guardedAsync(EndpointPolicies policies, R target, int attempt,
      AsyncAttemptRunner<T, R> runner, Deadline deadline, CancelToken cancel) {
    checkDeadline(deadline, target, attempt); // after the waits, before anything is sent
    if (policies.breaker != null) {
      policies.breaker.acquire();
    }
    CompletionStage<T> stage;
    try {
      stage = runner.attempt(target, attempt);
    } catch (RuntimeException | Error e) {
      stage = CompletableFuture.failedFuture(e);
    }
    if (policies.breaker == null) {
      return stage;
    }
    return stage.whenComplete((v, error) -> {
      Throwable e = error == null ? null : unwrap(error);
      if (e == null) {
        policies.breaker.record(null);
      } else if (e instanceof AiLibException ae) {
        policies.breaker.record(cancel.isCancelled() ? new CancelledException("cancelled") : ae);
      } else {
        policies.breaker.recordSuccess();
      }
    });
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
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
