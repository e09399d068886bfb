package dev.ailib.transport.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.CancelToken;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import dev.ailib.testkit.tck.TckHttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With every logger at its most verbose, HttpClient 5's own {@code org.apache.hc.client5.http.headers} and
 * {@code .wire} included (SLF4J routed to java.util.logging for the test), no key of a request appears in any log
 * line: not a header key, not a query-string key.
 */
class HttpClient5LoggingTest {
  private static final String HEADER_KEY = "sk-HEADERKEY-0123456789abcdef";
  private static final String OTHER_KEY = "ak-APIKEYHDR-0123456789abcdef";
  private static final String QUERY_KEY = "AIza-QUERYKEY-0123456789abcdef";
  private final Logger root = Logger.getLogger("");
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<String> loggers = new CopyOnWriteArrayList<>();
  private Level rootLevel;
  private Handler handler;

  @BeforeEach
  void everythingAtAll() {
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    SimpleFormatter format = new SimpleFormatter();
    handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        lines.add(format.format(r));
        loggers.add(r.getLoggerName());
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  @AfterEach
  void restore() {
    root.removeHandler(handler);
    root.setLevel(rootLevel);
  }

  @Test
  void debugLogsOfTheClientAndTheTransportNeverShowAKey() throws Exception {
    try (TckHttpServer server = new TckHttpServer();
        Transport t = new HttpClient5TransportProvider().create(TransportConfig.DEFAULTS)) {
      HttpHeaders h = HttpHeaders.of("Authorization", "Bearer " + HEADER_KEY, "x-api-key", OTHER_KEY,
          "Content-Type", "application/json", "X-Trace", "visible-trace-value");
      for (int i = 0; i < 2; i++) { // the second on a pooled connection
        try (TransportResponse r = t.send(new TransportRequest("POST", server.uri("/echo?alt=sse&key=" + QUERY_KEY), h,
            "{}".getBytes()), new CancelToken())) {
          assertThat(r.status()).isEqualTo(200);
          r.body().readAllBytes();
        }
      }
      for (int i = 0; i < 2; i++) { // pushed exchanges (push streams, publishers), on HttpCore's requester
        java.util.concurrent.CompletableFuture<Integer> done = new java.util.concurrent.CompletableFuture<>();
        t.exchange(new TransportRequest("POST", server.uri("/echo?alt=sse&key=" + QUERY_KEY), h, "{}".getBytes()),
            new CancelToken(), Runnable::run, new dev.ailib.core.spi.transport.ResponseReceiver() {
              private int status;

              @Override
              public void onResponse(int code, HttpHeaders headers, dev.ailib.core.spi.transport.BodySubscription b) {
                status = code;
                b.request(Long.MAX_VALUE);
              }

              @Override
              public void onBody(java.nio.ByteBuffer chunk) {
              }

              @Override
              public void onComplete() {
                done.complete(status);
              }

              @Override
              public void onFailure(dev.ailib.api.error.TransportException failure) {
                done.completeExceptionally(failure);
              }
            });
        assertThat(done.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(server.lastRequestHeaders().get("Authorization")).containsExactly("Bearer " + HEADER_KEY);
      }
      assertThat(server.lastRequestTarget()).as("the real key still goes on the wire").contains("key=" + QUERY_KEY);
      assertThat(server.lastRequestHeaders().get("Authorization")).containsExactly("Bearer " + HEADER_KEY);
    }
    assertThat(loggers).as("HttpClient 5's own loggers were on").anyMatch(n -> n.startsWith("org.apache.hc.client5"));
    assertThat(loggers).as("the transport's heads log").contains(GuardedConnection.HEADERS_LOGGER);
    assertThat(String.join("\n", lines)).as("the transport's heads log, masked")
        .contains("Authorization: [redacted]").contains("x-api-key: [redacted]").contains("visible-trace-value")
        .contains("key=[redacted]");
    for (String line : lines) {
      assertThat(line).doesNotContain(HEADER_KEY).doesNotContain(OTHER_KEY).doesNotContain(QUERY_KEY);
    }
  }
}
