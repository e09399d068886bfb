package dev.ailib.transport.jdk;

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
 * With every java.util.logging logger at its most verbose (the JDK client's {@code jdk.internal.httpclient.debug}
 * included), no header key of a request appears in any log line. (A key in the query string does: the JDK's debug
 * logger prints request URLs at DEBUG; docs/transports.md says which loggers must stay off.)
 */
class JdkTransportLoggingTest {
  private static final String HEADER_KEY = "sk-HEADERKEY-0123456789abcdef";
  private static final String OTHER_KEY = "ak-APIKEYHDR-0123456789abcdef";
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
  void debugLogsOfTheClientAndTheTransportNeverShowAHeaderKey() throws Exception {
    try (TckHttpServer server = new TckHttpServer();
        Transport t = new JdkTransportProvider().create(TransportConfig.DEFAULTS)) {
      HttpHeaders h = HttpHeaders.of("Authorization", "Bearer " + HEADER_KEY, "x-api-key", OTHER_KEY,
          "Content-Type", "application/json", "X-Trace", "visible-trace-value");
      for (int i = 0; i < 2; i++) { // the second on a pooled connection
        try (TransportResponse r = t.send(new TransportRequest("POST", server.uri("/echo?alt=sse"), h,
            "{}".getBytes()), new CancelToken())) {
          assertThat(r.status()).isEqualTo(200);
          r.body().readAllBytes();
        }
      }
      assertThat(server.lastRequestHeaders().get("Authorization")).containsExactly("Bearer " + HEADER_KEY);
    }
    assertThat(loggers).as("the JDK client's debug logger was on").contains("jdk.internal.httpclient.debug");
    for (String line : lines) {
      assertThat(line).doesNotContain(HEADER_KEY).doesNotContain(OTHER_KEY);
    }
  }
}
