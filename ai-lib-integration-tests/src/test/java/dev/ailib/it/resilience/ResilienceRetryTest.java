package dev.ailib.it.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.testkit.fake.Reply;
import dev.ailib.it.Manifests;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retry through the public API against FakeProvider, on the blocking, async and streaming paths. */
class ResilienceRetryTest {
  private final Harness h = new Harness();

  private static ResilientConfig retries(int n) {
    return ResilientConfig.builder().maxRetries(n).circuitBreakerThreshold(0)
        .retryBaseDelay(Duration.ofMillis(200)).retryMaxDelay(Duration.ofSeconds(2))
        .retryAfterCap(Duration.ofSeconds(10)).build();
  }

  @AfterEach
  void close() {
    h.close();
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void retries503And500ThenSucceedsHonouringRetryAfter(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(503).retryAfterSeconds(3), Reply.error(500),
        path == Harness.Path3.STREAM ? Reply.streamedText("Hel", "lo") : Reply.text("Hello"));
    try (AiClient client = h.client(retries(3))) {
      Harness.Result result = path.call(client);
      assertThat(result.text()).isEqualTo("Hello");
      assertThat(result.stats().attempts()).isEqualTo(3);
    }
    assertThat(h.fake.requestCount()).isEqualTo(3);
    assertThat(h.time.sleeps()).hasSize(2);
    assertThat(h.time.sleeps().get(0)).isEqualTo(Duration.ofSeconds(3));
    assertThat(h.time.sleeps().get(1)).isBetween(Duration.ZERO, Duration.ofMillis(400));
    List<String> events = h.telemetry.snapshot();
    assertThat(events).hasSize(5);
    assertThat(events.get(0)).isEqualTo("attempt 1 openai/gpt-4o");
    assertThat(events.get(1)).startsWith("retry 2 after PT3S (");
    assertThat(events.get(2)).isEqualTo("attempt 2 openai/gpt-4o");
    assertThat(events.get(3)).startsWith("retry 3 after PT0.");
    assertThat(events.get(4)).isEqualTo("attempt 3 openai/gpt-4o");
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void theCallersOwnErrorsAreNotRetried(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(400), Reply.text("never"));
    try (AiClient client = h.client(retries(3))) {
      assertThatThrownBy(() -> path.call(client))
          .isInstanceOf(RemoteException.class)
          .satisfies(e -> assertThat(((AiLibException) e).statusCode()).isEqualTo(400));
    }
    assertThat(h.fake.requestCount()).isEqualTo(1);
    assertThat(h.time.sleeps()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void retryAfterIsCappedAndRetryAfterMsIsHonoured(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(429).retryAfterSeconds(600), Reply.error(503).retryAfterMillis(1500),
        path == Harness.Path3.STREAM ? Reply.streamedText("ok") : Reply.text("ok"));
    try (AiClient client = h.client(retries(3))) {
      assertThat(path.call(client).text()).isEqualTo("ok");
    }
    assertThat(h.time.sleeps()).containsExactly(Duration.ofSeconds(10), Duration.ofMillis(1500));
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void retryAfterAsAnHttpDateIsHonouredAndCapped(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(503).retryAfterDate(java.time.Instant.now().plusSeconds(120)),
        path == Harness.Path3.STREAM ? Reply.streamedText("ok") : Reply.text("ok"));
    try (AiClient client = h.client(retries(3))) {
      assertThat(path.call(client).text()).isEqualTo("ok");
    }
    assertThat(h.time.sleeps()).containsExactly(Duration.ofSeconds(10));
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void givesUpAfterMaxRetriesWithTheLastError(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(502), Reply.error(502), Reply.error(503), Reply.text("never"));
    try (AiClient client = h.client(retries(2))) {
      assertThatThrownBy(() -> path.call(client))
          .isInstanceOf(RemoteException.class)
          .satisfies(e -> assertThat(((AiLibException) e).statusCode()).isEqualTo(503));
    }
    assertThat(h.fake.requestCount()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void cancellingDuringTheBackoffEndsTheCallWithoutAnotherRequest(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(503).retryAfterSeconds(5), Reply.text("never"));
    CancelToken cancel = new CancelToken();
    h.time.onSleep(cancel::cancel);
    try (AiClient client = h.client(retries(3))) {
      assertThatThrownBy(() -> {
        switch (path) {
          case SYNC -> client.chat().user("hi").executeWithStats(cancel);
          case ASYNC -> {
            var pending = new java.util.concurrent.CompletableFuture<java.util.concurrent.Future<?>>();
            h.time.onSleep(() -> pending.getNow(null).cancel(true));
            var future = client.chat().user("hi").executeAsync();
            pending.complete(future);
            future.get(30, java.util.concurrent.TimeUnit.SECONDS);
          }
          default -> {
            try (ChatStream stream = client.chat().user("hi").stream(cancel)) {
              stream.iterator().forEachRemaining(e -> { });
            }
          }
        }
      }).satisfies(e -> assertThat(e instanceof CancelledException
          || e.getCause() instanceof CancelledException
          || e instanceof java.util.concurrent.CancellationException).as(e.toString()).isTrue());
    }
    assertThat(h.fake.requestCount()).isLessThanOrEqualTo(1);
  }

  @Test
  void aDroppedConnectionIsRetried() {
    h.fake.enqueue(Reply.dropConnection(), Reply.text("after drop"));
    try (AiClient client = h.client(retries(2))) {
      Harness.Result r = Harness.Path3.SYNC.call(client);
      assertThat(r.text()).isEqualTo("after drop");
      assertThat(r.stats().attempts()).isEqualTo(2);
    }
  }

  @Test
  void aStreamIsNeverRetriedAfterItsFirstEventReachedTheCaller() {
    // the stream stalls after its first content event; once the caller has that event, the server goes away
    h.fake.enqueue(Reply.streamedText("first", "second").stallAfterEvents(2), Reply.text("never"));
    try (AiClient client = h.client(retries(3)); ChatStream stream = client.chat().user("hi").stream()) {
      Iterator<StreamingEvent> events = stream.iterator();
      StringBuilder text = new StringBuilder();
      AiLibException failure = null;
      for (int i = 0; i < 100 && failure == null; i++) {
        try {
          if (!events.hasNext()) {
            break;
          }
          StreamingEvent event = events.next();
          if (event instanceof StreamingEvent.ContentDelta d) {
            text.append(d.text());
            h.fake.close();
          } else if (event instanceof StreamingEvent.StreamError e) {
            failure = e.error();
          }
        } catch (AiLibException e) {
          failure = e;
        }
      }
      assertThat(text.toString()).isEqualTo("first");
      assertThat(failure).as("the disconnect ends the stream with a classified error").isNotNull();
    }
    assertThat(h.telemetry.snapshot()).containsExactly("attempt 1 openai/gpt-4o");
    assertThat(h.time.sleeps()).isEmpty();
  }

  @Test
  void aStreamThatFailsBeforeItsFirstEventIsRetried() {
    h.fake.enqueue(Reply.streamedText("lost").disconnectAfterEvents(0), Reply.streamedText("fresh"));
    try (AiClient client = h.client(retries(2))) {
      Harness.Result r = Harness.Path3.STREAM.call(client);
      assertThat(r.text()).isEqualTo("fresh");
      assertThat(r.stats().attempts()).isEqualTo(2);
    }
  }

  @Test
  void aManifestWithoutJitterWaitsExactlyTheDoublingBackoff(@TempDir Path dir) {
    Manifests.write(dir, Manifests.OPENAI_STREAMING, Manifests.NO_ERROR_MAPPING, "retry_policy: {strategy: "
        + "exponential_backoff, max_retries: 4, min_delay_ms: 100, max_delay_ms: 350, jitter: none, "
        + "retry_on_http_status: [500]}");
    h.fake.enqueue(Reply.error(500), Reply.error(500), Reply.error(500), Reply.error(500), Reply.text("done"));
    // nothing set in the builder: the manifest's policy decides
    try (AiClient client = AiClient.builder().model(Manifests.MODEL).protocolDir(dir).baseUrl(h.fake.baseUrl())
        .apiKey("sk-test").component(h.time).component(dev.ailib.core.spi.Environment.of(java.util.Map.of()))
        .build()) {
      assertThat(client.chat().user("hi").execute().content()).isEqualTo("done");
    }
    assertThat(h.time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(350), Duration.ofMillis(350));
  }
}
