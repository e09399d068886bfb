package dev.ailib.it.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
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
  void givesUpAfterMaxRetriesWithTheLastError(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(502), Reply.error(502), Reply.error(503), Reply.text("never"));
    try (AiClient client = h.client(retries(2))) {
      assertThatThrownBy(() -> path.call(client))
          .isInstanceOf(RemoteException.class)
          .satisfies(e -> assertThat(((AiLibException) e).statusCode()).isEqualTo(503));
    }
    assertThat(h.fake.requestCount()).isEqualTo(3);
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
    h.fake.enqueue(Reply.streamedText("first", "second", "third").disconnectAfterEvents(2), Reply.text("never"));
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
    assertThat(h.fake.requestCount()).isEqualTo(1);
    assertThat(h.time.sleeps()).isEmpty();
  }

  @Test
  @Disabled("DefaultEngine ends a stream's attempt at the response headers, not at the first event: a stream cut "
      + "between its headers and its first event is not retried yet (reported to the lead)")
  void aStreamThatFailsBeforeItsFirstEventIsRetried() {
    h.fake.enqueue(Reply.streamedText("lost").disconnectAfterEvents(0), Reply.streamedText("fresh"));
    try (AiClient client = h.client(retries(2))) {
      Harness.Result r = Harness.Path3.STREAM.call(client);
      assertThat(r.text()).isEqualTo("fresh");
      assertThat(r.stats().attempts()).isEqualTo(2);
    }
  }
}
