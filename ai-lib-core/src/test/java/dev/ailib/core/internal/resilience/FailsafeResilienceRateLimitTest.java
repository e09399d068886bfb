package dev.ailib.core.internal.resilience;

import static dev.ailib.core.internal.resilience.Fixtures.PRIMARY;
import static dev.ailib.core.internal.resilience.Fixtures.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.Timeouts;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Environment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailsafeResilienceRateLimitTest {
  private final ManualTime time = new ManualTime();
  private final Fixtures.Recorder recorder = new Fixtures.Recorder();

  @Test
  void pacesRequestsToOneEndpointEvenly() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().rateLimitRps(4).build(), time);
    for (int i = 0; i < 4; i++) {
      r.run(List.of(PRIMARY), new Fixtures.Script(), Fixtures.deadline(time), new CancelToken(), recorder);
    }
    // the manual sleeper moves the clock, so each call waits exactly one interval after the previous one
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250), Duration.ofMillis(250));
  }

  @Test
  void concurrentReservationsQueueUpOneIntervalApart() {
    SmoothRateLimiter limiter = new SmoothRateLimiter(10, time);
    Duration budget = Duration.ofSeconds(10);
    assertThat(limiter.tryReserve(budget)).isZero();
    assertThat(limiter.tryReserve(budget)).isEqualTo(Duration.ofMillis(100));
    assertThat(limiter.tryReserve(budget)).isEqualTo(Duration.ofMillis(200));
    time.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryReserve(budget)).as("idle time gives no burst credit").isZero();
    assertThat(limiter.tryReserve(budget)).isEqualTo(Duration.ofMillis(100));
    assertThat(limiter.tryReserve(Duration.ofMillis(150))).as("over budget: nothing reserved").isNull();
    assertThat(limiter.tryReserve(budget)).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void endpointsAreLimitedSeparately() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().rateLimitRps(1).build(), time);
    r.run(List.of(PRIMARY), new Fixtures.Script(), Fixtures.deadline(time), new CancelToken(), recorder);
    r.run(List.of(SECOND), new Fixtures.Script(), Fixtures.deadline(time), new CancelToken(), recorder);
    assertThat(time.sleeps()).isEmpty();
    r.run(List.of(PRIMARY), new Fixtures.Script(), Fixtures.deadline(time), new CancelToken(), recorder);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aWaitBeyondTheCallTimeoutIsRejectedWithAClearError() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().rateLimitRps(0.1).build(), time);
    r.run(List.of(PRIMARY), new Fixtures.Script(), Fixtures.deadline(time), new CancelToken(), recorder);
    Fixtures.Script script = new Fixtures.Script().then("never");
    Deadline fiveSeconds = Deadline.after(Duration.ofSeconds(5), time);
    assertThatThrownBy(() -> r.run(List.of(PRIMARY), script, fiveSeconds, new CancelToken(), recorder))
        .isInstanceOf(ResilienceRejectedException.class)
        .hasMessageContaining("client rate limit for http://one.test (0.1 requests/s")
        .satisfies(e -> assertThat(((ResilienceRejectedException) e).errorType())
            .isEqualTo(StandardErrorCode.RATE_LIMITED));
    assertThat(script.calls).isEmpty();
  }

  @Test
  void zeroDisablesIt() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().rateLimitRps(0).build(), time);
    for (int i = 0; i < 20; i++) {
      r.run(List.of(PRIMARY), new Fixtures.Script(), Fixtures.deadline(time), new CancelToken(), recorder);
    }
    assertThat(time.sleeps()).isEmpty();
  }
}
