package dev.ailib.it.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fault-injection load run (off by default): 1,000 calls (a third each blocking, async and streaming) on 16
 * threads against a FakeProvider that answers 30% of requests with 503 + {@code Retry-After: 1} and cuts 5% of
 * responses (streams after their first frame, before any event; JSON before the headers); besides, 5% of the
 * scripted replies cut the stream after its first content event (a mid-stream disconnect the caller sees). The {@code Retry-After} cap is set to
 * 20 ms so the run is fast. Prints success rate, attempts per call and latency percentiles; asserts that no call
 * hangs (each is bounded) and none is lost (each ends with a response or a classified {@link AiLibException}).
 *
 * <pre>
 * mvn -B -q -pl ai-lib-integration-tests -am test -Dtest=ResilienceFaultInjectionLoadTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dailib.load=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "ailib.load", matches = "true")
class ResilienceFaultInjectionLoadTest {
  private static final int CALLS = 1000;
  private static final int THREADS = 16;
  private static final Duration CALL_BOUND = Duration.ofSeconds(30);
  private static final Reply REPLY = Reply.streamedText("Hello", ", ", "world");

  @Test
  void thousandCallsAgainstFaultsEndEachWithAResponseOrAClassifiedError() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger retries = new AtomicInteger();
    TelemetryListener counter = new TelemetryListener() {
      @Override
      public void attemptStart(CallInfo call, int attempt, String provider, String model) {
        attempts.incrementAndGet();
      }

      @Override
      public void retryScheduled(CallInfo call, int nextAttempt, Duration delay, AiLibException reason) {
        retries.incrementAndGet();
      }
    };
    ResilientConfig config = ResilientConfig.builder()
        .maxRetries(3)
        .retryBaseDelay(Duration.ofMillis(5))
        .retryMaxDelay(Duration.ofMillis(50))
        .retryAfterCap(Duration.ofMillis(20))
        .circuitBreakerThreshold(10)
        .circuitBreakerCooldown(Duration.ofMillis(200))
        .build();
    long[] latencyNanos = new long[CALLS];
    String[] outcome = new String[CALLS];
    long start = System.nanoTime();
    try (FakeProvider fake = FakeProvider.builder()
        .failureRate(0.30, Reply.error(503).retryAfterSeconds(1))
        .disconnectRate(0.05)
        .defaultReply(REPLY)
        .maxConnections(4 * THREADS)
        .seed(7)
        .start();
        AiClient client = AiClient.builder()
            .model(Harness.MODEL)
            .baseUrl(fake.baseUrl() + "/v1")
            .apiKey("sk-test")
            .timeout(Duration.ofSeconds(10))
            .resilience(config)
            .telemetry(counter)
            // a fixed environment: the host's AI_LIB_* and AI_PROTOCOL_PATH must not change this run
            .component(dev.ailib.core.spi.Environment.of(Map.of()))
            .build()) {
      // besides the fake's own cuts (after the first SSE frame, before any event), 5% of the scripted replies
      // cut the stream after its first content event: those reach the caller and must never be retried
      java.util.Random draw = new java.util.Random(11);
      for (int i = 0; i < 2 * CALLS; i++) {
        fake.enqueue(draw.nextInt(100) < 5 ? REPLY.disconnectAfterEvents(2) : REPLY);
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
          int n = i;
          Harness.Path3 path = Harness.Path3.values()[n % 3];
          futures.add(pool.submit(() -> {
            long t0 = System.nanoTime();
            try {
              Harness.Result r = path.call(client);
              outcome[n] = r.text().equals("Hello, world") ? "ok" : "wrong text: " + r.text();
            } catch (AiLibException e) {
              outcome[n] = path + " " + e.errorType().code() + " " + e.errorType().wireName();
            } catch (RuntimeException e) {
              outcome[n] = "UNCLASSIFIED " + e;
            } finally {
              latencyNanos[n] = System.nanoTime() - t0;
            }
          }));
        }
        int hung = 0;
        long deadline = System.nanoTime() + CALL_BOUND.toNanos();
        for (Future<?> f : futures) {
          try {
            f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          } catch (TimeoutException e) {
            hung++;
          }
        }
        long wall = System.nanoTime() - start;
        Map<String, Integer> byOutcome = new TreeMap<>();
        for (String o : outcome) {
          byOutcome.merge(o == null ? "LOST" : o, 1, Integer::sum);
        }
        int ok = byOutcome.getOrDefault("ok", 0);
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        System.out.printf("fault-injection run: %d calls in %.1f s, %d requests seen by the fake%n", CALLS,
            wall / 1e9, fake.requestCount());
        System.out.printf("success rate %.1f%% (%d/%d); attempts per call %.3f; retries/fallbacks scheduled %d%n",
            100.0 * ok / CALLS, ok, CALLS, attempts.get() / (double) CALLS, retries.get());
        System.out.printf("latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", pct(sorted, 50),
            pct(sorted, 95), pct(sorted, 99), sorted[CALLS - 1] / 1e6);
        System.out.println("outcomes: " + byOutcome);

        assertThat(hung).as("calls still running after " + CALL_BOUND).isZero();
        assertThat(byOutcome).doesNotContainKey("LOST");
        assertThat(byOutcome.keySet()).noneMatch(k -> k.startsWith("UNCLASSIFIED") || k.startsWith("wrong text"));
        assertThat(ok).as("successes").isGreaterThan(CALLS * 9 / 10);
        assertThat(wall).as("run time").isLessThan(Duration.ofSeconds(60).toNanos());
      } finally {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  private static double pct(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }
}
