package dev.ailib.transport.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.CancelToken;
import dev.ailib.api.Timeouts;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.transport.BodySubscription;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.ResponseReceiver;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import dev.ailib.testkit.tck.TckHttpServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the contract kit does not cover: httpclient5-specific choices. */
class HttpClient5TransportTest {

  @Test
  void providerNameAndPriority() {
    HttpClient5TransportProvider p = new HttpClient5TransportProvider();
    assertThat(p.name()).isEqualTo("httpclient5");
    assertThat(p.priority()).isEqualTo(200).isGreaterThan(100);
  }

  /**
   * With every pooled connection in use, a call waits for the pool and fails with {@code POOL_TIMEOUT} (the client's
   * own limit, which the circuit breaker does not count) rather than {@code CONNECT_TIMEOUT}; in both forms.
   */
  @Test
  void waitingTooLongForAPooledConnectionIsAPoolTimeoutNotAConnectTimeout() throws Exception {
    TransportConfig one = TransportConfig.builder().maxConnections(1).timeouts(new Timeouts(Duration.ofMillis(300),
        Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30))).build();
    try (TckHttpServer server = new TckHttpServer();
        Transport t = new HttpClient5TransportProvider().create(one)) {
      // blocking form: the stalled response holds the only connection
      try (TransportResponse held = t.send(new TransportRequest("GET", server.uri("/stall?bytes=8"),
          HttpHeaders.EMPTY, null), new CancelToken())) {
        assertThat(held.body().readNBytes(8)).hasSize(8);
        assertThatThrownBy(() -> t.send(new TransportRequest("GET", server.uri("/fixed?size=10"), HttpHeaders.EMPTY,
            null), new CancelToken())).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.POOL_TIMEOUT))
            .hasMessageContaining("no pooled connection became free").hasMessageContaining("pool size 1")
            .hasMessageContaining("ResilientConfig.maxInflight").hasMessageContaining("maxConnections");
      }
      // pushed form (its own pool): a held exchange, then one that waits for its connection
      Received held = new Received();
      t.exchange(new TransportRequest("GET", server.uri("/stall?bytes=8"), HttpHeaders.EMPTY, null),
          new CancelToken(), Runnable::run, held);
      assertThat(held.head.await(10, TimeUnit.SECONDS)).as("the first pushed exchange's head").isTrue();
      Received waiting = new Received();
      t.exchange(new TransportRequest("GET", server.uri("/fixed?size=10"), HttpHeaders.EMPTY, null),
          new CancelToken(), Runnable::run, waiting);
      assertThat(waiting.failed.await(10, TimeUnit.SECONDS)).as("the waiting exchange's failure").isTrue();
      assertThat(waiting.failure.kind()).isEqualTo(TransportException.Kind.POOL_TIMEOUT);
      assertThat(waiting.failure).hasMessageContaining("no pooled connection became free")
          .hasMessageContaining("ResilientConfig.maxInflight");
      held.body.cancel();
    }
  }

  /** A receiver that records the head and the failure. */
  private static final class Received implements ResponseReceiver {
    final CountDownLatch head = new CountDownLatch(1);
    final CountDownLatch failed = new CountDownLatch(1);
    volatile BodySubscription body;
    volatile TransportException failure;

    @Override
    public void onResponse(int status, HttpHeaders headers, BodySubscription subscription) {
      body = subscription;
      head.countDown();
    }

    @Override
    public void onBody(ByteBuffer chunk) {
      // the held exchange's bytes: not read
    }

    @Override
    public void onComplete() {
    }

    @Override
    public void onFailure(TransportException e) {
      failure = e;
      failed.countDown();
    }
  }

  @Test
  void theOnlyThreadIsTheSweeperAndNoCompressionOrUpgradeHeadersAreSent() throws Exception {
    try (TckHttpServer server = new TckHttpServer()) {
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      Set<Thread> created;
      try (Transport t = new HttpClient5TransportProvider().create(TransportConfig.DEFAULTS);
          TransportResponse r = t.send(new TransportRequest("POST", server.uri("/echo"),
              HttpHeaders.of("Content-Type", "application/json"), "{}".getBytes()), new CancelToken())) {
        assertThat(r.body().readAllBytes()).isEqualTo("{}".getBytes());
        created = Thread.getAllStackTraces().keySet().stream()
            .filter(th -> !before.contains(th) && !th.getName().startsWith(TckHttpServer.THREAD_PREFIX))
            .collect(Collectors.toSet());
        assertThat(created).as("threads started by the transport: its sweeper only")
            .allMatch(th -> th.getName().endsWith("-sweeper") && th.isDaemon()).hasSizeLessThanOrEqualTo(1);
        Set<String> sent = server.lastRequestHeaders().keySet().stream().map(String::toLowerCase)
            .collect(Collectors.toSet());
        assertThat(sent).doesNotContain("accept-encoding", "upgrade");
      }
      for (Thread th : created) {
        th.join(5000);
      }
      assertThat(created).as("the sweeper ends with close()").noneMatch(Thread::isAlive);
    }
  }
}
