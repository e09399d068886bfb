package dev.ailib.core.internal.resilience;

import static dev.ailib.core.internal.resilience.Fixtures.PRIMARY;
import static dev.ailib.core.internal.resilience.Fixtures.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.StandardErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FailsafeResilienceBulkheadTest {
  private final ManualTime time = new ManualTime();
  private final Fixtures.Recorder recorder = new Fixtures.Recorder();

  @Test
  void rejectsACallWhenAllSlotsStayBusyAndServesItOnceOneIsFree() throws Exception {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxInflight(1)
        .maxInflightWait(Duration.ZERO).build(), time);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> r.run(List.of(PRIMARY),
        (target, attempt) -> {
          inside.countDown();
          await(release);
          return "first";
        }, Fixtures.deadline(time), new CancelToken(), recorder).value());
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    Fixtures.Script second = new Fixtures.Script().then("never");
    assertThatThrownBy(() -> r.run(List.of(SECOND), second, Fixtures.deadline(time), new CancelToken(), recorder))
        .isInstanceOf(ResilienceRejectedException.class)
        .hasMessageContaining("too many calls in flight: all 1 slots")
        .satisfies(e -> assertThat(((ResilienceRejectedException) e).errorType())
            .isEqualTo(StandardErrorCode.OVERLOADED));
    assertThat(second.calls).isEmpty();

    release.countDown();
    assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("first");
    assertThat(r.run(List.of(SECOND), new Fixtures.Script().then("second"), Fixtures.deadline(time), new CancelToken(), recorder).value())
        .isEqualTo("second");
  }

  @Test
  void aWaitingCallGetsTheSlotWhenItIsReleased() throws Exception {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxInflight(1)
        .maxInflightWait(Duration.ofSeconds(30)).build(), time);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> r.run(List.of(PRIMARY),
        (target, attempt) -> {
          inside.countDown();
          await(release);
          return "first";
        }, Fixtures.deadline(time), new CancelToken(), recorder).value());
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> r.run(List.of(PRIMARY),
        new Fixtures.Script().then("second"), Fixtures.deadline(time), new CancelToken(), recorder).value());
    release.countDown();
    assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("first");
    assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo("second");
  }

  @Test
  void theSlotIsFreedWhenTheAttemptFails() {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxInflight(1).maxRetries(0)
        .maxInflightWait(Duration.ZERO).build(), time);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> r.run(List.of(PRIMARY), new Fixtures.Script().then(Fixtures.http(400)),
          Fixtures.deadline(time), new CancelToken(), recorder)).isInstanceOf(dev.ailib.api.error.RemoteException.class)
          .isNotInstanceOf(ResilienceRejectedException.class);
    }
    assertThat(r.run(List.of(PRIMARY), new Fixtures.Script().then("ok"), Fixtures.deadline(time), new CancelToken(), recorder).value())
        .isEqualTo("ok");
  }

  @Test
  void noSlotIsLostUnderConcurrentFaultsRejectionsAndRetries() throws Exception {
    FailsafeResilience r = Fixtures.resilience(ResilientConfig.builder().maxInflight(3).maxRetries(2)
        .maxInflightWait(Duration.ZERO).circuitBreakerThreshold(0).build(), time);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger rejected = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
    try {
      List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 600; i++) {
        java.util.Random random = new java.util.Random(i);
        futures.add(pool.submit(() -> {
          try {
            r.run(List.of(PRIMARY), (target, attempt) -> {
              Thread.yield();
              int draw = random.nextInt(100);
              if (draw < 30) {
                throw Fixtures.http(503, Duration.ofMillis(10));
              }
              if (draw < 35) {
                throw Fixtures.transport(dev.ailib.api.error.TransportException.Kind.IO);
              }
              return "ok";
            }, Fixtures.deadline(time), new CancelToken(), recorder);
            ok.incrementAndGet();
          } catch (ResilienceRejectedException e) {
            rejected.incrementAndGet();
          } catch (dev.ailib.api.error.AiLibException e) {
            failed.incrementAndGet();
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : futures) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ok.get() + rejected.get() + failed.get()).isEqualTo(600);
    assertThat(ok.get()).isPositive();
    // every slot came back: a fresh call gets one at once
    assertThat(r.run(List.of(PRIMARY), new Fixtures.Script().then("after"), Fixtures.deadline(time), new CancelToken(), recorder).value())
        .isEqualTo("after");
  }

  @Test
  void inflightLimitGivesBackEverySlot() {
    InflightLimit limit = new InflightLimit(2);
    CancelToken cancel = new CancelToken();
    assertThat(limit.acquire(Duration.ZERO, cancel)).isTrue();
    assertThat(limit.acquire(Duration.ZERO, cancel)).isTrue();
    for (int i = 0; i < 5; i++) {
      assertThat(limit.acquire(Duration.ZERO, cancel)).isFalse();
    }
    limit.release();
    limit.release();
    assertThat(limit.available()).isEqualTo(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("not released within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
