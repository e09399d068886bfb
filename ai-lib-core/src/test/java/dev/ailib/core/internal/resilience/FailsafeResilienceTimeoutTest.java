package dev.ailib.core.internal.resilience;

import static dev.ailib.core.internal.resilience.Fixtures.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.Timeouts;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The innermost policy: an attempt that outlives the call's time budget is cancelled and reported. */
class FailsafeResilienceTimeoutTest {

  @Test
  void anAttemptThatHangsIsCancelledWhenTheCallTimeoutExpires() {
    ResilienceSettings settings = ResilienceSettings.resolve(ResilientConfig.builder().maxRetries(3).build(),
        Timeouts.DEFAULTS.withCall(Duration.ofMillis(200)), Environment.of(Map.of()));
    FailsafeResilience r = new FailsafeResilience(settings, Clock.system(), Sleeper.system(), () -> 0.5);
    CountDownLatch aborted = new CountDownLatch(1);
    Resilience.CancellableAttemptRunner<String> hangs = (target, attempt, attemptCancel) -> {
      CountDownLatch done = new CountDownLatch(1);
      attemptCancel.onCancel(() -> {
        aborted.countDown();
        done.countDown();
      });
      try {
        done.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new CancelledException("exchange aborted");
    };
    assertThatThrownBy(() -> r.run(List.of(PRIMARY), hangs, new CancelToken(), new Fixtures.Recorder()))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("call timeout of PT0.2S")
        .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.CALL_TIMEOUT));
    assertThat(aborted.getCount()).isZero();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void cancellingTheCallCancelsTheRunningAttempt() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxRetries(3).build(), new ManualTime());
    CancelToken cancel = new CancelToken();
    Resilience.CancellableAttemptRunner<String> runner = (target, attempt, attemptCancel) -> {
      cancel.cancel();
      assertThat(attemptCancel.isCancelled()).isTrue();
      throw new CancelledException("exchange aborted");
    };
    assertThatThrownBy(() -> r.run(List.of(PRIMARY), runner, cancel, new Fixtures.Recorder()))
        .isInstanceOf(CancelledException.class);
  }
}
