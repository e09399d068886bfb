package dev.ailib.transport.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.CancelToken;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import dev.ailib.testkit.tck.TckHttpServer;
import java.util.Set;
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
