package dev.ailib.core.internal.resilience;

import static dev.ailib.core.internal.resilience.Fixtures.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The call's one deadline: no attempt starts once it passed, and every wait of the policies ends at it. (The
 * attempt's own I/O is bounded by the transport, which reads the same deadline from the request.)
 */
class FailsafeResilienceTimeoutTest {
  private final ManualTime time = new ManualTime();
  private final Fixtures.Recorder recorder = new Fixtures.Recorder();

  @Test
  void noAttemptStartsOnceTheDeadlinePassed() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxRetries(3).build(), time);
    Deadline deadline = Deadline.after(Duration.ofSeconds(1), time);
    time.advance(Duration.ofSeconds(1));
    Fixtures.Script script = new Fixtures.Script().then("never");
    assertThatThrownBy(() -> r.run(List.of(PRIMARY), script, deadline, new CancelToken(), recorder))
        .isInstanceOfSatisfying(TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CALL_TIMEOUT))
        .hasMessageContaining("whole-call timeout of PT1S")
        .hasMessageContaining("before attempt 1 against p1/m1");
    assertThat(script.calls).isEmpty();
  }

  @Test
  void anAttemptThatUsedUpTheDeadlineIsNotRetried() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxRetries(3).build(), time);
    Deadline deadline = Deadline.after(Duration.ofSeconds(2), time);
    Fixtures.Script script = new Fixtures.Script().then((java.util.function.Supplier<Object>) () -> {
      time.advance(Duration.ofSeconds(2)); // the transport read until the deadline and gave up
      return new TransportException(TransportException.Kind.CALL_TIMEOUT, "deadline reached while reading", null);
    }).then("never");
    assertThatThrownBy(() -> r.run(List.of(PRIMARY), script, deadline, new CancelToken(), recorder))
        .isInstanceOfSatisfying(TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CALL_TIMEOUT));
    assertThat(script.calls).hasSize(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void theWaitForAnInFlightSlotEndsAtTheDeadline() throws Exception {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxInflight(1)
        .maxInflightWait(Duration.ofSeconds(30)).build(), time);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> r.run(List.of(PRIMARY),
        (target, attempt) -> {
          inside.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "first";
        }, Fixtures.deadline(time), new CancelToken(), recorder).value());
    try {
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      Fixtures.Script second = new Fixtures.Script().then("never");
      Deadline shortCall = Deadline.after(Duration.ofMillis(20), time);
      assertThatThrownBy(() -> r.run(List.of(PRIMARY), second, shortCall, new CancelToken(), recorder))
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CALL_TIMEOUT))
          .hasMessageContaining("waited for an in-flight slot");
      assertThat(second.calls).isEmpty();
    } finally {
      release.countDown();
    }
    assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("first");
  }

  @Test
  void cancellingTheCallDuringAnAttemptEndsItWithoutRetry() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxRetries(3).build(), time);
    CancelToken cancel = new CancelToken();
    Fixtures.Script script = new Fixtures.Script().then((java.util.function.Supplier<Object>) () -> {
      cancel.cancel(); // the caller cancels; the transport aborts the exchange
      return new TransportException(TransportException.Kind.IO, "exchange aborted", null);
    }).then("never");
    assertThatThrownBy(() -> r.run(List.of(PRIMARY), script, Fixtures.deadline(time), cancel, recorder))
        .isInstanceOf(TransportException.class);
    assertThat(script.calls).hasSize(1);
  }

  @Test
  void theDeadlineOnTheRequestIsTheTimeLeftOnTheClientsClock() {
    Deadline deadline = Deadline.after(Duration.ofSeconds(30), time);
    time.advance(Duration.ofSeconds(10));
    long before = System.nanoTime();
    long at = deadline.systemNanoTime();
    long after = System.nanoTime();
    assertThat(at - before).isGreaterThanOrEqualTo(Duration.ofSeconds(20).toNanos());
    assertThat(at - after).isLessThanOrEqualTo(Duration.ofSeconds(20).toNanos());
    time.advance(Duration.ofSeconds(25));
    assertThat(deadline.systemNanoTime() - System.nanoTime()).isLessThanOrEqualTo(0);
    assertThat(deadline.remaining()).isZero();
    assertThat(Deadline.after(Duration.ofDays(365L * 1000), time).systemNanoTime()).isLessThan(Long.MAX_VALUE);
  }

  @Test
  void aCancelledExceptionFromTheAttemptIsTheCallsAnswer() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxRetries(3).build(), time);
    Fixtures.Script script = new Fixtures.Script().then(new CancelledException("exchange aborted")).then("never");
    assertThatThrownBy(() -> r.run(List.of(PRIMARY), script, Fixtures.deadline(time), new CancelToken(), recorder))
        .isInstanceOf(CancelledException.class);
    assertThat(script.calls).hasSize(1);
  }
}
