package dev.ailib.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.CancelToken;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import dev.ailib.testkit.tck.TckHttpServer;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the contract kit does not cover: jdk-specific choices. */
class JdkTransportTest {

  @Test
  void providerNameAndPriority() {
    JdkTransportProvider p = new JdkTransportProvider();
    assertThat(p.name()).isEqualTo("jdk");
    assertThat(p.priority()).isEqualTo(100);
  }

  @Test
  void cleartextRequestsAreHttp11WithoutAnUpgradeAttempt() throws Exception {
    try (TckHttpServer server = new TckHttpServer();
        Transport t = new JdkTransportProvider().create(TransportConfig.DEFAULTS);
        TransportResponse r = t.send(new TransportRequest("POST", server.uri("/echo"),
            HttpHeaders.of("Content-Type", "application/json"), "{}".getBytes()), new CancelToken())) {
      assertThat(r.status()).isEqualTo(200);
      r.body().readAllBytes();
      Set<String> names = server.lastRequestHeaders().keySet().stream()
          .map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
      assertThat(names).doesNotContain("upgrade", "http2-settings");
    }
  }

  @Test
  void aCallStartsNoThreadOfTheTransportsOwn() throws Exception {
    // the client's tasks run where they are handed over (on its selector thread): no worker pool; the only thread
    // of the adapter's own is the sweeper of pushed exchanges, started by the first one
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (TckHttpServer server = new TckHttpServer();
        Transport t = new JdkTransportProvider().create(TransportConfig.DEFAULTS);
        TransportResponse r = t.send(new TransportRequest("GET", server.uri("/fixed?size=10"), HttpHeaders.EMPTY,
            null), new CancelToken())) {
      assertThat(r.body().readAllBytes()).hasSize(10);
      Set<Thread> own = Thread.getAllStackTraces().keySet().stream()
          .filter(th -> !before.contains(th) && th.getName().startsWith("ailib-jdk-http-"))
          .collect(Collectors.toSet());
      assertThat(own).as("threads of the adapter's own after a call").isEmpty();
    }
  }
}
