package dev.ailib.core.internal.resilience;

import static dev.ailib.core.internal.resilience.Fixtures.PRIMARY;
import static dev.ailib.core.internal.resilience.Fixtures.SECOND;
import static dev.ailib.core.internal.resilience.Fixtures.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Resilience#runAsync}: the decisions of {@link Resilience#run} (retries, delays, fallback, history,
 * cancellation, deadline) for attempts that complete later, with waits that hold no thread.
 */
class FailsafeResilienceAsyncTest {
  private static final Executor INLINE = Runnable::run;
  private final ManualTime time = new ManualTime();
  private final Fixtures.Recorder recorder = new Fixtures.Recorder();

  private static ResilientConfig retries(int n) {
    return ResilientConfig.builder().maxRetries(n).circuitBreakerThreshold(0)
        .retryBaseDelay(Duration.ofMillis(100)).retryMaxDelay(Duration.ofMillis(1000)).build();
  }

  /** The script's answers, completed later on another thread. */
  private static Resilience.AsyncAttemptRunner<String, Resilience.Target> later(Fixtures.Script script) {
    return (target, attempt) -> CompletableFuture.supplyAsync(() -> script.attempt(target, attempt));
  }

  @Test
  void retriesAndReportsEveryAttemptAndDelayAsTheBlockingPathDoes() throws Exception {
    Fixtures.Script script = new Fixtures.Script().then(http(503)).then(http(503)).then("done");
    var outcome = Fixtures.resilience(retries(3), time).runAsync(List.of(PRIMARY), later(script),
        Fixtures.deadline(time), new CancelToken(), recorder, INLINE).get(10, TimeUnit.SECONDS);
    assertThat(outcome.value()).isEqualTo("done");
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
    assertThat(recorder.events).containsExactly(
        "start m1 #1", "retry #2 after PT0.1S because overloaded",
        "start m1 #2", "retry #3 after PT0.15S because overloaded",
        "start m1 #3");
  }

  @Test
  void fallsBackAfterThePrimaryExhaustsItsRetries() throws Exception {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxRetries(1).circuitBreakerThreshold(0)
        .retryBaseDelay(Duration.ofMillis(100)).build(), time);
    Fixtures.Script script = new Fixtures.Script().then(http(503)).then(http(503)).then("from m2");
    var outcome = r.runAsync(List.of(PRIMARY, SECOND), later(script), Fixtures.deadline(time), new CancelToken(),
        recorder, INLINE).get(10, TimeUnit.SECONDS);
    assertThat(outcome.target()).isEqualTo(SECOND);
    assertThat(script.calls).containsExactly("m1#1", "m1#2", "m2#3");
    assertThat(recorder.events).containsExactly("start m1 #1", "retry #2 after PT0.1S because overloaded",
        "start m1 #2", "retry #3 after PT0S because overloaded", "start m2 #3");
  }

  @Test
  void theLastFailureEndsTheCallWithTheEarlierOnesSuppressed() {
    Fixtures.Script script = new Fixtures.Script().then(http(500)).then(http(500)).then(http(500)).then("never");
    CompletableFuture<?> f = Fixtures.resilience(retries(2), time).runAsync(List.of(PRIMARY), later(script),
        Fixtures.deadline(time), new CancelToken(), recorder, INLINE);
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
        .isInstanceOf(RemoteException.class).satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
    assertThat(script.calls).containsExactly("m1#1", "m1#2", "m1#3");
  }

  @Test
  void aFailureThrownAtOnceCountsAsTheAttemptsFailure() throws Exception {
    Fixtures.Script script = new Fixtures.Script().then(http(503)).then("ok");
    Resilience.AsyncAttemptRunner<String, Resilience.Target> atOnce = (t, n) -> {
      String v = script.attempt(t, n); // throws the scripted failure right away
      return CompletableFuture.completedFuture(v);
    };
    var outcome = Fixtures.resilience(retries(1), time).runAsync(List.of(PRIMARY), atOnce, Fixtures.deadline(time),
        new CancelToken(), recorder, INLINE).get(10, TimeUnit.SECONDS);
    assertThat(outcome.attempts()).isEqualTo(2);
  }

  @Test
  void aWaitThatWouldOutlastTheDeadlineIsNotStarted() {
    Fixtures.Script script = new Fixtures.Script().then(http(503, Duration.ofSeconds(30))).then("never");
    CompletableFuture<?> f = Fixtures.resilience(retries(3), time).runAsync(List.of(PRIMARY), later(script),
        Deadline.after(Duration.ofSeconds(5), time), new CancelToken(), recorder, INLINE);
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(RemoteException.class);
    assertThat(script.calls).containsExactly("m1#1");
    assertThat(time.sleeps()).isEmpty();
  }

  /** With the system sleeper the wait holds no thread, and a cancel ends it at once. */
  @Test
  void cancellingDuringARealRetryWaitEndsTheCallAtOnce() throws Exception {
    ResilienceSettings settings = ResilienceSettings.resolve(ResilientConfig.builder().maxRetries(3)
        .circuitBreakerThreshold(0).retryBaseDelay(Duration.ofSeconds(60)).retryMaxDelay(Duration.ofSeconds(60))
        .build(), null, Environment.of(Map.of()));
    FailsafeResilience r = new FailsafeResilience(settings, Clock.system(), Sleeper.system(), () -> 0.99);
    CancelToken cancel = new CancelToken();
    CompletableFuture<String> firstFailed = new CompletableFuture<>();
    Resilience.AsyncAttemptRunner<String, Resilience.Target> runner = (t, n) -> {
      firstFailed.complete("attempt " + n);
      return CompletableFuture.failedFuture(Fixtures.transport(TransportException.Kind.IO));
    };
    CompletableFuture<?> f = r.runAsync(List.of(PRIMARY), runner, Deadline.after(Duration.ofMinutes(10),
        Clock.system()), cancel, recorder, task -> {
          throw new AssertionError("the system sleeper needs no thread of the call's");
        });
    assertThat(firstFailed.get(10, TimeUnit.SECONDS)).isEqualTo("attempt 1");
    assertThat(f).isNotDone();
    cancel.cancel();
    // the wait is 60 s: only the cancel can end it within the bounded get
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(CancelledException.class)
        .hasMessageContaining("waiting");
    assertThat(recorder.events).hasSize(2); // the attempt and the retry it scheduled; no second attempt
  }

  @Test
  void aCancelledCallMakesNoAttempt() {
    CancelToken cancel = new CancelToken();
    cancel.cancel();
    Fixtures.Script script = new Fixtures.Script().then("never");
    CompletableFuture<?> f = Fixtures.resilience(retries(3), time).runAsync(List.of(PRIMARY), later(script),
        Fixtures.deadline(time), cancel, recorder, INLINE);
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(CancelledException.class);
    assertThat(script.calls).isEmpty();
  }

  @Test
  void anOpenBreakerRejectsWithoutAnAttempt() throws Exception {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxRetries(0).circuitBreakerThreshold(1)
        .build(), time);
    CompletableFuture<?> first = r.runAsync(List.of(PRIMARY), later(new Fixtures.Script().then(http(500))),
        Fixtures.deadline(time), new CancelToken(), recorder, INLINE);
    assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(RemoteException.class);
    Fixtures.Script second = new Fixtures.Script().then("never");
    CompletableFuture<?> f = r.runAsync(List.of(PRIMARY), later(second), Fixtures.deadline(time),
        new CancelToken(), recorder, INLINE);
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(AiLibException.class)
        .hasMessageContaining("open");
    assertThat(second.calls).isEmpty();
  }
}
