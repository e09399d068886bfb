package dev.ailib.core.internal.resilience;

import static dev.ailib.core.internal.resilience.Fixtures.PRIMARY;
import static dev.ailib.core.internal.resilience.Fixtures.SECOND;
import static dev.ailib.core.internal.resilience.Fixtures.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.RemoteException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailsafeResilienceFallbackTest {
  private final ManualTime time = new ManualTime();
  private final Fixtures.Recorder recorder = new Fixtures.Recorder();


  @Test
  void afterThePrimaryExhaustsItsRetriesTheNextTargetServes() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxRetries(1).circuitBreakerThreshold(0)
        .retryBaseDelay(Duration.ofMillis(100)).build(), time);
    Fixtures.Script script = new Fixtures.Script().then(http(503)).then(http(503)).then("from m2");
    var outcome = r.run(List.of(PRIMARY, SECOND), script, Fixtures.deadline(time), new CancelToken(), recorder);
    assertThat(outcome.value()).isEqualTo("from m2");
    assertThat(outcome.target()).isEqualTo(SECOND);
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(script.calls).containsExactly("m1#1", "m1#2", "m2#3");
    assertThat(recorder.events).containsExactly("start m1 #1", "retry #2 after PT0.1S because overloaded",
        "start m1 #2", "retry #3 after PT0S because overloaded", "start m2 #3");
  }

  @Test
  void nonFallbackableFailuresEndTheCall() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxRetries(2).build(), time);
    RemoteException badRequest = http(400);
    Fixtures.Script script = new Fixtures.Script().then(badRequest).then("never");
    assertThatThrownBy(() -> r.run(List.of(PRIMARY, SECOND), script, Fixtures.deadline(time), new CancelToken(), recorder))
        .isSameAs(badRequest);
    assertThat(script.calls).containsExactly("m1#1");
  }

  @Test
  void fallbackableButNotRetryableGoesStraightToTheNextTarget() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxRetries(3).build(), time);
    Fixtures.Script script = new Fixtures.Script().then(http(401)).then("from m2");
    var outcome = r.run(List.of(PRIMARY, SECOND), script, Fixtures.deadline(time), new CancelToken(), recorder);
    assertThat(outcome.target()).isEqualTo(SECOND);
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void anOpenBreakerOnThePrimarySendsCallsToTheFallbackAtOnce() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxRetries(0).circuitBreakerThreshold(1)
        .build(), time);
    assertThatThrownBy(() -> r.run(List.of(PRIMARY), new Fixtures.Script().then(http(500)), Fixtures.deadline(time), new CancelToken(),
        recorder)).isInstanceOf(RemoteException.class);
    Fixtures.Script script = new Fixtures.Script().then("from m2");
    var outcome = r.run(List.of(PRIMARY, SECOND), script, Fixtures.deadline(time), new CancelToken(), recorder);
    assertThat(outcome.target()).isEqualTo(SECOND);
    assertThat(script.calls).containsExactly("m2#2");
  }

  @Test
  void whenEveryTargetFailsTheLastFailureIsThrownWithTheOthersSuppressed() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxRetries(0).circuitBreakerThreshold(0)
        .build(), time);
    RemoteException last = http(503);
    Fixtures.Script script = new Fixtures.Script().then(http(500)).then(last);
    assertThatThrownBy(() -> r.run(List.of(PRIMARY, SECOND), script, Fixtures.deadline(time), new CancelToken(), recorder))
        .isSameAs(last)
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
  }
}
