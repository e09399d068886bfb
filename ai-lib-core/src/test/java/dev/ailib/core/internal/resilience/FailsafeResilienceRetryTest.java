package dev.ailib.core.internal.resilience;

import static dev.ailib.core.internal.resilience.Fixtures.PRIMARY;
import static dev.ailib.core.internal.resilience.Fixtures.http;
import static dev.ailib.core.internal.resilience.Fixtures.transport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.manifest.RetryPolicySpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailsafeResilienceRetryTest {
  private final ManualTime time = new ManualTime();
  private final Fixtures.Recorder recorder = new Fixtures.Recorder();

  private static ResilientConfig retries(int n) {
    return ResilientConfig.builder().maxRetries(n).circuitBreakerThreshold(0)
        .retryBaseDelay(Duration.ofMillis(100)).retryMaxDelay(Duration.ofMillis(1000)).build();
  }

  @Test
  void retriesA503ThenSucceedsAndReportsEveryAttemptAndDelay() {
    Fixtures.Script script = new Fixtures.Script().then(http(503)).then(http(503)).then("done");
    var outcome = Fixtures.resilience(retries(3), time).run(List.of(PRIMARY), script, Fixtures.deadline(time), new CancelToken(), recorder);

    assertThat(outcome.value()).isEqualTo("done");
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(outcome.target()).isEqualTo(PRIMARY);
    // random 0.5 -> halfway between the min delay 100 ms and the ceilings 100 ms and 200 ms
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
    assertThat(recorder.events).containsExactly(
        "start m1 #1", "retry #2 after PT0.1S because overloaded",
        "start m1 #2", "retry #3 after PT0.15S because overloaded",
        "start m1 #3");
  }

  @Test
  void doesNotRetryTheCallersOwnErrors() {
    for (int status : new int[] {400, 401, 403, 404, 413}) {
      Fixtures.Script script = new Fixtures.Script().then(http(status)).then("never");
      FailsafeResilience r = Fixtures.resilience(retries(3), time);
      assertThatThrownBy(() -> r.run(List.of(PRIMARY), script, Fixtures.deadline(time), new CancelToken(), recorder))
          .isInstanceOf(RemoteException.class)
          .satisfies(e -> assertThat(((AiLibException) e).statusCode()).isEqualTo(status));
      assertThat(script.calls).hasSize(1);
    }
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void givesUpAfterMaxRetriesWithTheLastFailureAndTheEarlierOnesSuppressed() {
    Fixtures.Script script = new Fixtures.Script().then(http(500)).then(http(500)).then(http(500)).then("never");
    assertThatThrownBy(() -> Fixtures.resilience(retries(2), time)
        .run(List.of(PRIMARY), script, Fixtures.deadline(time), new CancelToken(), recorder))
        .isInstanceOf(RemoteException.class)
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
    assertThat(script.calls).containsExactly("m1#1", "m1#2", "m1#3");
  }

  @Test
  void retriesTransportFailuresButNotCancellationOrWholeCallTimeout() {
    Fixtures.Script script = new Fixtures.Script()
        .then(transport(TransportException.Kind.CONNECT))
        .then(transport(TransportException.Kind.RESPONSE_HEADERS_TIMEOUT))
        .then(transport(TransportException.Kind.IO))
        .then(transport(TransportException.Kind.IDLE_TIMEOUT))
        .then("ok");
    var outcome = Fixtures.resilience(retries(5), time).run(List.of(PRIMARY), script, Fixtures.deadline(time), new CancelToken(), recorder);
    assertThat(outcome.attempts()).isEqualTo(5);

    Fixtures.Script timedOut = new Fixtures.Script().then(transport(TransportException.Kind.CALL_TIMEOUT));
    assertThatThrownBy(() -> Fixtures.resilience(retries(5), time)
        .run(List.of(PRIMARY), timedOut, Fixtures.deadline(time), new CancelToken(), recorder))
        .isInstanceOf(TransportException.class);
    assertThat(timedOut.calls).hasSize(1);
  }

  @Test
  void honoursRetryAfterAndCapsIt() {
    ResilientConfig config = ResilientConfig.builder().maxRetries(3).circuitBreakerThreshold(0)
        .retryAfterCap(Duration.ofSeconds(5)).build();
    Fixtures.Script script = new Fixtures.Script()
        .then(http(429, Duration.ofSeconds(2)))
        .then(http(503, Duration.ofSeconds(120)))
        .then("ok");
    var outcome = Fixtures.resilience(config, time).run(List.of(PRIMARY), script, Fixtures.deadline(time), new CancelToken(), recorder);
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
    assertThat(recorder.delays).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  @Test
  void backoffIsExponentialWithJitterBetweenMinAndMaxDelay() {
    RetrySettings settings = new RetrySettings(10, Duration.ofMillis(100), Duration.ofMillis(1000), true,
        Duration.ofSeconds(60), Set.of());
    double[] draw = {0.999999};
    java.util.function.DoubleSupplier top = () -> draw[0];
    AiLibException e = http(503);
    assertThat(RetryDecision.delay(settings, 0, e, top)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(RetryDecision.delay(settings, 1, e, top)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
    assertThat(RetryDecision.delay(settings, 3, e, top)).isBetween(Duration.ofMillis(799), Duration.ofMillis(800));
    assertThat(RetryDecision.delay(settings, 4, e, top)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1000));
    assertThat(RetryDecision.delay(settings, 60, e, top)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1000));
    draw[0] = 0.0; // the jitter never goes below the policy's min delay
    assertThat(RetryDecision.delay(settings, 3, e, top)).isEqualTo(Duration.ofMillis(100));
    draw[0] = 0.25; // 100 + (400 - 100) * 0.25
    assertThat(RetryDecision.delay(settings, 2, e, top)).isEqualTo(Duration.ofMillis(175));

    RetrySettings noJitter = new RetrySettings(10, Duration.ofMillis(100), Duration.ofMillis(1000), false,
        Duration.ofSeconds(60), Set.of());
    assertThat(RetryDecision.delay(noJitter, 2, e, () -> 0.0)).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void manifestStatusesAreRetriedExceptQuotaExhaustion() {
    RetryPolicySpec manifest = new RetryPolicySpec("exponential_backoff", 2, Duration.ofMillis(10),
        Duration.ofMillis(100), "full", Set.of(422, 429));
    Resilience.Target target = new Fixtures.TestTarget("p1", "m1", "http://one.test", manifest);
    ResilientConfig config = ResilientConfig.builder().circuitBreakerThreshold(0).build();

    Fixtures.Script script = new Fixtures.Script().then(http(422)).then("ok");
    var outcome = Fixtures.resilience(config, time).run(List.of(target), script, Fixtures.deadline(time), new CancelToken(), recorder);
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(10));

    RemoteException quota = new RemoteException(StandardErrorCode.QUOTA_EXHAUSTED, "no credit", 429, null, null,
        null);
    Fixtures.Script quotaScript = new Fixtures.Script().then(quota).then("never");
    assertThatThrownBy(() -> Fixtures.resilience(config, time)
        .run(List.of(target), quotaScript, Fixtures.deadline(time), new CancelToken(), recorder)).isSameAs(quota);
    assertThat(quotaScript.calls).hasSize(1);
  }

  @Test
  void manifestMaxRetriesApplyUnlessTheBuilderSetsThem() {
    RetryPolicySpec manifest = new RetryPolicySpec("exponential_backoff", 1, Duration.ofMillis(10),
        Duration.ofMillis(100), "full", Set.of());
    Resilience.Target target = new Fixtures.TestTarget("p1", "m1", "http://one.test", manifest);

    Fixtures.Script fromManifest = new Fixtures.Script().times(5, http(503));
    assertThatThrownBy(() -> Fixtures.resilience(ResilientConfig.builder().circuitBreakerThreshold(0).build(), time)
        .run(List.of(target), fromManifest, Fixtures.deadline(time), new CancelToken(), recorder)).isInstanceOf(RemoteException.class);
    assertThat(fromManifest.calls).hasSize(2);

    Fixtures.Script fromBuilder = new Fixtures.Script().times(5, http(503));
    assertThatThrownBy(() -> Fixtures.resilience(retries(3), time)
        .run(List.of(target), fromBuilder, Fixtures.deadline(time), new CancelToken(), recorder)).isInstanceOf(RemoteException.class);
    assertThat(fromBuilder.calls).hasSize(4);
  }

  @Test
  void cancellingDuringTheBackoffStopsTheRetries() {
    CancelToken cancel = new CancelToken();
    Fixtures.Script script = new Fixtures.Script().then(http(503)).then("never");
    Resilience.AttemptObserver<Resilience.Target> cancelOnRetry = new Resilience.AttemptObserver<>() {
      @Override
      public void retryScheduled(int nextAttempt, Duration delay, AiLibException reason) {
        cancel.cancel();
      }
    };
    assertThatThrownBy(() -> Fixtures.resilience(retries(3), time)
        .run(List.of(PRIMARY), script, Fixtures.deadline(time), cancel, cancelOnRetry))
        .isInstanceOf(CancelledException.class)
        .hasMessageContaining("cancelled while waiting")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    assertThat(script.calls).hasSize(1);
  }

  @Test
  void aCancelledTokenMakesNoAttempt() {
    CancelToken cancel = new CancelToken();
    cancel.cancel();
    Fixtures.Script script = new Fixtures.Script();
    assertThatThrownBy(() -> Fixtures.resilience(retries(3), time).run(List.of(PRIMARY), script, Fixtures.deadline(time), cancel, recorder))
        .isInstanceOf(CancelledException.class);
    assertThat(script.calls).isEmpty();
  }

  @Test
  void theSystemSleeperWakesUpAtOnceOnCancel() throws Exception {
    CancelToken cancel = new CancelToken();
    cancel.cancel();
    assertThat(dev.ailib.core.spi.Sleeper.system().sleep(Duration.ofHours(1), cancel)).isFalse();
  }

  @Test
  void noRetryIsScheduledBeyondTheCallTimeout() {
    FailsafeResilience r = Fixtures.resilience(
        ResilientConfig.builder().maxRetries(5).circuitBreakerThreshold(0).build(), time);
    Fixtures.Script script = new Fixtures.Script()
        .then(http(503, Duration.ofSeconds(6)))
        .then(http(503, Duration.ofSeconds(6)))
        .then("never");
    Deadline tenSeconds = Deadline.after(Duration.ofSeconds(10), time);
    assertThatThrownBy(() -> r.run(List.of(PRIMARY), script, tenSeconds, new CancelToken(), recorder))
        .isInstanceOf(RemoteException.class);
    assertThat(script.calls).hasSize(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(6));
  }

  @Test
  void mergedRetrySettingsAreReusedForTheSamePolicy() {
    RetryPolicySpec manifest = new RetryPolicySpec("exponential_backoff", 1, Duration.ofMillis(10),
        Duration.ofMillis(100), "full", Set.of(422));
    FailsafeResilience r = Fixtures.resilience(retries(3), time);
    RetrySettings first = r.retrySettings(manifest);
    assertThat(first.maxRetries()).isEqualTo(3); // the builder's
    assertThat(first.retryOnHttpStatus()).containsExactly(422); // the manifest's
    assertThat(r.retrySettings(new RetryPolicySpec("exponential_backoff", 1, Duration.ofMillis(10),
        Duration.ofMillis(100), "full", Set.of(422)))).isSameAs(first);
    assertThat(r.retrySettings(null)).isSameAs(r.retrySettings(null)).isNotEqualTo(first);
  }
}
