package dev.ailib.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.core.internal.codec.TestManifests;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * R4: a pull stream the caller drops while it is open (never closed, never read to its end) gives its exchange back
 * once it is unreachable, is reported as cancelled, and is logged: the first one of a client at WARNING.
 */
class AbandonedStreamTest {
  private static final String FIRST = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"He\"}}]}\n\n";

  /** Streams that never end; records when each response is closed. */
  static final class OpenEndedTransport implements Transport {
    final CountDownLatch closed;
    final List<Integer> closedResponses = Collections.synchronizedList(new ArrayList<>());
    private int next;

    OpenEndedTransport(int streams) {
      closed = new CountDownLatch(streams);
    }

    @Override
    public synchronized TransportResponse send(TransportRequest request, CancelToken cancel) {
      int id = next++;
      InputStream body = new ByteArrayInputStream(FIRST.getBytes(StandardCharsets.UTF_8));
      return new TransportResponse() {
        @Override
        public int status() {
          return 200;
        }

        @Override
        public HttpHeaders headers() {
          return HttpHeaders.EMPTY;
        }

        @Override
        public InputStream body() {
          return body;
        }

        @Override
        public void close() {
          if (!closedResponses.contains(id)) {
            closedResponses.add(id);
            closed.countDown();
          }
        }
      };
    }
  }

  /** Opens a stream, reads nothing past its first event and lets go of it. */
  private static void openAndDrop(AiClient client) {
    ChatStream stream = client.chat().user("x").stream();
    assertThat(stream.toString()).contains("open");
  }

  /** Runs the garbage collector until the latch opens: bounded to 100 rounds of at most 50 ms. */
  private static boolean collectUntil(CountDownLatch latch) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      System.gc();
      if (latch.await(50, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aDroppedOpenStreamIsClosedOnceUnreachableAndReportedAsCancelled() throws Exception {
    OpenEndedTransport transport = new OpenEndedTransport(2);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch cancelled = new CountDownLatch(2);
    TelemetryListener listener = new TelemetryListener() {
      @Override
      public void callCancelled(CallInfo call, Duration duration) {
        events.add("callCancelled " + call.callId());
        cancelled.countDown();
      }

      @Override
      public void callFailed(CallInfo call, AiLibException error, Duration duration) {
        events.add("callFailed " + error.errorType().wireName());
      }
    };
    List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    Logger jul = Logger.getLogger(AbandonedStreams.class.getName());
    Level level = jul.getLevel();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    jul.setLevel(Level.ALL);
    jul.addHandler(capture);
    try (AiClient client = AiClient.builder().model("acme/m1").apiKey("sk-unit-000111")
        .resilience(ResilientConfig.builder().maxRetries(0).build())
        .component(new StaticSource(TestManifests.chat("https://api.acme.test/v1")))
        .component(Environment.of(Map.of())).transport(transport).telemetry(listener).build()) {
      openAndDrop(client);
      openAndDrop(client);
      assertThat(collectUntil(transport.closed)).as("both exchanges closed after the streams became unreachable")
          .isTrue();
      assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      jul.removeHandler(capture);
      jul.setLevel(level);
    }
    assertThat(transport.closedResponses).containsExactlyInAnyOrder(0, 1);
    assertThat(events).hasSize(2).allMatch(e -> e.startsWith("callCancelled"));
    List<LogRecord> mine = records.stream().filter(r -> r.getMessage().contains("neither closed nor read")).toList();
    assertThat(mine).hasSize(2);
    assertThat(mine).filteredOn(r -> r.getLevel() == Level.WARNING).hasSize(1)
        .allSatisfy(r -> assertThat(r.getMessage()).contains("acme/m1").contains("try-with-resources")
            .doesNotContain("sk-unit-000111"));
    assertThat(mine).filteredOn(r -> r.getLevel() == Level.FINE).hasSize(1);
  }

  @Test
  void aClosedStreamIsNotReportedWhenCollected() throws Exception {
    OpenEndedTransport transport = new OpenEndedTransport(1);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    TelemetryListener listener = new TelemetryListener() {
      @Override
      public void callCancelled(CallInfo call, Duration duration) {
        events.add("callCancelled");
      }
    };
    try (AiClient client = AiClient.builder().model("acme/m1").apiKey("sk-unit-000111")
        .resilience(ResilientConfig.builder().maxRetries(0).build())
        .component(new StaticSource(TestManifests.chat("https://api.acme.test/v1")))
        .component(Environment.of(Map.of())).transport(transport).telemetry(listener).build()) {
      client.chat().user("x").stream().close();
      assertThat(transport.closed.await(1, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 5; i++) {
        System.gc();
        Thread.sleep(20);
      }
    }
    assertThat(events).containsExactly("callCancelled"); // once, by close(), not again by the cleaner
  }
}
