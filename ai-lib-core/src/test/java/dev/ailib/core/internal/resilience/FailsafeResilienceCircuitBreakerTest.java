package dev.ailib.core.internal.resilience;

import static dev.ailib.core.internal.resilience.Fixtures.PRIMARY;
import static dev.ailib.core.internal.resilience.Fixtures.SECOND;
import static dev.ailib.core.internal.resilience.Fixtures.http;
import static dev.ailib.core.internal.resilience.Fixtures.transport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailsafeResilienceCircuitBreakerTest {
  private final ManualTime time = new ManualTime();
  private final Fixtures.Recorder recorder = new Fixtures.Recorder();
  private final FailsafeResilience resilience = Fixtures.resilience(ResilientConfig.builder().maxRetries(0)
      .circuitBreakerThreshold(3).circuitBreakerCooldown(Duration.ofSeconds(30)).build(), time);

  private void failOnce(Resilience.Target target, AiLibException failure) {
    Fixtures.Script script = new Fixtures.Script().then(failure);
    assertThatThrownBy(() -> resilience.run(List.of(target), script, Fixtures.deadline(time), new CancelToken(), recorder)).isSameAs(failure);
  }

  @Test
  void opensAfterConsecutiveServerFaultsAndThenFailsAtOnceWithAClearError() {
    failOnce(PRIMARY, http(503));
    failOnce(PRIMARY, http(500));
    failOnce(PRIMARY, transport(TransportException.Kind.RESPONSE_HEADERS_TIMEOUT));
    assertThat(resilience.breaker(PRIMARY.endpointKey()).isOpen()).isTrue();

    Fixtures.Script script = new Fixtures.Script().then("never");
    assertThatThrownBy(() -> resilience.run(List.of(PRIMARY), script, Fixtures.deadline(time), new CancelToken(), recorder))
        .isInstanceOf(ResilienceRejectedException.class)
        .hasMessageContaining("circuit breaker for http://one.test is open")
        .hasMessageContaining("until " + time.instant().plus(Duration.ofSeconds(30)))
        .satisfies(e -> assertThat(((AiLibException) e).errorType()).isEqualTo(StandardErrorCode.OVERLOADED));
    assertThat(script.calls).isEmpty();
  }

  @Test
  void theCallersOwnErrorsNeverOpenIt() {
    for (int i = 0; i < 3; i++) {
      for (int status : new int[] {400, 401, 404, 413, 429}) {
        failOnce(PRIMARY, http(status));
      }
    }
    assertThat(resilience.breaker(PRIMARY.endpointKey()).isClosed()).isTrue();
  }

  @Test
  void aSuccessBetweenFaultsResetsTheCount() {
    failOnce(PRIMARY, http(503));
    failOnce(PRIMARY, http(503));
    resilience.run(List.of(PRIMARY), new Fixtures.Script().then("ok"), Fixtures.deadline(time), new CancelToken(), recorder);
    failOnce(PRIMARY, http(503));
    failOnce(PRIMARY, http(503));
    assertThat(resilience.breaker(PRIMARY.endpointKey()).isClosed()).isTrue();
  }

  @Test
  void afterTheCooldownOneProbeGoesThroughAndItsSuccessClosesTheBreaker() {
    for (int i = 0; i < 3; i++) {
      failOnce(PRIMARY, http(502));
    }
    time.advance(Duration.ofSeconds(29));
    assertThatThrownBy(() -> resilience.run(List.of(PRIMARY), new Fixtures.Script(), Fixtures.deadline(time), new CancelToken(), recorder))
        .isInstanceOf(ResilienceRejectedException.class);
    time.advance(Duration.ofSeconds(1));

    var outcome = resilience.run(List.of(PRIMARY), new Fixtures.Script().then("probe ok"), Fixtures.deadline(time), new CancelToken(),
        recorder);
    assertThat(outcome.value()).isEqualTo("probe ok");
    assertThat(resilience.breaker(PRIMARY.endpointKey()).isClosed()).isTrue();
  }

  @Test
  void aFailedProbeOpensItAgainForAnotherCooldown() {
    for (int i = 0; i < 3; i++) {
      failOnce(PRIMARY, http(503));
    }
    time.advance(Duration.ofSeconds(30));
    failOnce(PRIMARY, http(503));
    assertThat(resilience.breaker(PRIMARY.endpointKey()).isOpen()).isTrue();
    assertThatThrownBy(() -> resilience.run(List.of(PRIMARY), new Fixtures.Script(), Fixtures.deadline(time), new CancelToken(), recorder))
        .hasMessageContaining("until " + time.instant().plus(Duration.ofSeconds(30)));
  }

  @Test
  void whileTheProbeRunsOtherCallsFailAtOnce() {
    for (int i = 0; i < 3; i++) {
      failOnce(PRIMARY, http(503));
    }
    time.advance(Duration.ofSeconds(30));
    Resilience.AttemptRunner<String, Resilience.Target> probe = (target, attempt) -> {
      Fixtures.Script other = new Fixtures.Script().then("never");
      assertThatThrownBy(() -> resilience.run(List.of(PRIMARY), other, Fixtures.deadline(time), new CancelToken(), recorder))
          .isInstanceOf(ResilienceRejectedException.class)
          .hasMessageContaining("half-open");
      assertThat(other.calls).isEmpty();
      return "probe ok";
    };
    assertThat(resilience.run(List.of(PRIMARY), probe, Fixtures.deadline(time), new CancelToken(), recorder).value()).isEqualTo("probe ok");
  }

  @Test
  void eachEndpointHasItsOwnBreaker() {
    for (int i = 0; i < 3; i++) {
      failOnce(PRIMARY, http(503));
    }
    var outcome = resilience.run(List.of(SECOND), new Fixtures.Script().then("ok"), Fixtures.deadline(time), new CancelToken(), recorder);
    assertThat(outcome.value()).isEqualTo("ok");
    assertThat(resilience.breaker(SECOND.endpointKey()).isClosed()).isTrue();
  }

  @Test
  void anOpenBreakerStopsRetriesOfTheSameCall() {
    FailsafeResilience retrying = Fixtures.resilience(ResilientConfig.builder().maxRetries(5)
        .circuitBreakerThreshold(2).build(), time);
    Fixtures.Script script = new Fixtures.Script().then(http(503)).then(http(503)).then("never");
    assertThatThrownBy(() -> retrying.run(List.of(PRIMARY), script, Fixtures.deadline(time), new CancelToken(), recorder))
        .isInstanceOf(ResilienceRejectedException.class)
        .satisfies(e -> assertThat(e.getSuppressed()).hasAtLeastOneElementOfType(RemoteException.class));
    assertThat(script.calls).hasSize(2);
  }

  @Test
  void thresholdZeroDisablesIt() {
    FailsafeResilience none = Fixtures.resilience(ResilientConfig.builder().maxRetries(0)
        .circuitBreakerThreshold(0).build(), time);
    for (int i = 0; i < 10; i++) {
      RemoteException e = http(503);
      assertThatThrownBy(() -> none.run(List.of(PRIMARY), new Fixtures.Script().then(e), Fixtures.deadline(time), new CancelToken(),
          recorder)).isSameAs(e);
    }
    assertThat(none.breaker(PRIMARY.endpointKey())).isNull();
  }
}
