package dev.ailib.it.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatStream;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.Timeouts;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportProvider;
import dev.ailib.testkit.fake.Reply;
import dev.ailib.transport.httpclient5.HttpClient5TransportProvider;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The per-endpoint circuit breaker through the public API, on the blocking, async and streaming paths. */
class ResilienceCircuitBreakerTest {
  private static final ResilientConfig BREAKER = ResilientConfig.builder().maxRetries(0)
      .circuitBreakerThreshold(2).circuitBreakerCooldown(Duration.ofSeconds(20)).build();
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private static Reply ok(Harness.Path3 path, String text) {
    return path == Harness.Path3.STREAM ? Reply.streamedText(text) : Reply.text(text);
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void opensAfterServerFaultsFailsFastThenProbesAfterTheCooldown(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(503), Reply.error(500), ok(path, "probe"));
    try (AiClient client = h.client(BREAKER)) {
      assertThatThrownBy(() -> path.call(client)).isInstanceOf(RemoteException.class);
      assertThatThrownBy(() -> path.call(client)).isInstanceOf(RemoteException.class);

      assertThatThrownBy(() -> path.call(client))
          .isInstanceOf(AiLibException.class)
          .hasMessageContaining("circuit breaker for")
          .hasMessageContaining("is open")
          .hasMessageContaining("until")
          .satisfies(e -> assertThat(((AiLibException) e).errorType()).isEqualTo(StandardErrorCode.OVERLOADED));
      assertThat(h.fake.requestCount()).as("no request while open").isEqualTo(2);

      h.time.advance(Duration.ofSeconds(20));
      assertThat(path.call(client).text()).isEqualTo("probe");
      assertThat(h.fake.requestCount()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void theCallersOwnErrorsNeverOpenIt(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(400), Reply.error(404), Reply.error(413), Reply.error(401), ok(path, "fine"));
    try (AiClient client = h.client(BREAKER)) {
      for (int i = 0; i < 4; i++) {
        assertThatThrownBy(() -> path.call(client)).isInstanceOf(RemoteException.class);
      }
      assertThat(path.call(client).text()).isEqualTo("fine");
    }
    assertThat(h.fake.requestCount()).isEqualTo(5);
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void aCallersErrorBetweenTwoServerFaultsStartsTheCountAgain(Harness.Path3 path) {
    // threshold 2: fault, the caller's 400, fault is not two faults in a row
    h.fake.enqueue(Reply.error(500), Reply.error(400), Reply.error(503), ok(path, "still closed"));
    try (AiClient client = h.client(BREAKER)) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> path.call(client)).isInstanceOf(RemoteException.class);
      }
      assertThat(path.call(client).text()).isEqualTo("still closed");
    }
    assertThat(h.fake.requestCount()).isEqualTo(4);
  }

  @Test
  void aHalfOpenProbeThatIsCancelledOpensTheBreakerAgain() throws Exception {
    h.fake.enqueue(Reply.error(503), Reply.error(500), Reply.text("probe").stallAfterEvents(0));
    try (AiClient client = h.client(BREAKER)) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> Harness.Path3.SYNC.call(client)).isInstanceOf(RemoteException.class);
      }
      h.time.advance(Duration.ofSeconds(20));
      CancelToken cancel = new CancelToken();
      CompletableFuture<Throwable> probe = CompletableFuture.supplyAsync(() -> {
        try {
          client.chat().user("hi").executeWithStats(cancel);
          return null;
        } catch (Throwable t) {
          return t;
        }
      });
      h.fake.awaitStalled(1, Duration.ofSeconds(10)); // the probe is out: its answer's body is held back
      cancel.cancel();
      assertThat(probe.get(10, TimeUnit.SECONDS)).isInstanceOf(CancelledException.class);

      // the probe proved nothing: the breaker is open again (not closed, not waiting for a probe forever)
      assertThatThrownBy(() -> Harness.Path3.SYNC.call(client)).isInstanceOf(AiLibException.class)
          .hasMessageContaining("is open");
      assertThat(h.fake.requestCount()).isEqualTo(3);
      h.fake.releaseStalls();

      h.time.advance(Duration.ofSeconds(20));
      h.fake.enqueue(Reply.text("second probe"), Reply.text("closed"));
      assertThat(Harness.Path3.SYNC.call(client).text()).isEqualTo("second probe");
      assertThat(Harness.Path3.SYNC.call(client).text()).isEqualTo("closed");
    }
  }

  /** Anthropic reports errors inside a 200 stream ({@code event: error}): no HTTP status, only the error's type. */
  private AiClient anthropic() {
    return h.builder(BREAKER).model("anthropic/claude-sonnet-4-5").baseUrl(h.fake.baseUrl()).build();
  }

  @Test
  void serverFaultsReportedInsideAStreamOpenIt() {
    h.fake.enqueue(Reply.streamedText("x").streamErrorAfterEvents(0, 529),
        Reply.streamedText("x").streamErrorAfterEvents(0, 500), Reply.streamedText("never sent"));
    try (AiClient client = anthropic()) {
      assertThatThrownBy(() -> Harness.Path3.STREAM.call(client)).isInstanceOf(RemoteException.class)
          .satisfies(e -> assertThat(((AiLibException) e).errorType()).isEqualTo(StandardErrorCode.OVERLOADED));
      assertThatThrownBy(() -> Harness.Path3.STREAM.call(client)).isInstanceOf(RemoteException.class)
          .satisfies(e -> assertThat(((AiLibException) e).errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR));
      assertThatThrownBy(() -> Harness.Path3.STREAM.call(client)).isInstanceOf(AiLibException.class)
          .hasMessageContaining("is open");
    }
    assertThat(h.fake.requestCount()).isEqualTo(2);
  }

  @Test
  void theCallersOwnErrorsReportedInsideAStreamNeverOpenIt() {
    h.fake.enqueue(Reply.streamedText("x").streamErrorAfterEvents(0, 400),
        Reply.streamedText("x").streamErrorAfterEvents(0, 429), Reply.streamedText("x").streamErrorAfterEvents(0, 401),
        Reply.streamedText("fine"));
    try (AiClient client = anthropic()) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> Harness.Path3.STREAM.call(client)).isInstanceOf(RemoteException.class)
            .satisfies(e -> assertThat(((AiLibException) e).errorType())
                .isIn(StandardErrorCode.INVALID_REQUEST, StandardErrorCode.RATE_LIMITED,
                    StandardErrorCode.AUTHENTICATION));
      }
      assertThat(Harness.Path3.STREAM.call(client).text()).isEqualTo("fine");
    }
    assertThat(h.fake.requestCount()).isEqualTo(4);
  }

  @Test
  void callsTheCallerCancelsAreNotFaultsOfTheEndpoint() throws Exception {
    h.fake.enqueue(Reply.text("a").stallAfterEvents(0), Reply.text("b").stallAfterEvents(0), Reply.text("fine"));
    try (AiClient client = h.client(BREAKER)) {
      for (int i = 0; i < 2; i++) {
        CancelToken cancel = new CancelToken();
        CompletableFuture<Throwable> call = CompletableFuture.supplyAsync(() -> {
          try {
            client.chat().user("hi").executeWithStats(cancel);
            return null;
          } catch (Throwable t) {
            return t;
          }
        });
        h.fake.awaitStalled(1, Duration.ofSeconds(10)); // the call is out: its answer's body is held back
        cancel.cancel();
        assertThat(call.get(10, TimeUnit.SECONDS)).isInstanceOf(CancelledException.class);
        h.fake.releaseStalls();
        for (long end = System.nanoTime() + 10_000_000_000L; h.fake.stalledStreams() > 0; ) {
          assertThat(System.nanoTime()).as("the released stall ends").isLessThan(end);
          Thread.sleep(10);
        }
      }
      // threshold 2, two cancelled calls: still closed
      assertThat(Harness.Path3.SYNC.call(client).text()).isEqualTo("fine");
    }
    assertThat(h.fake.requestCount()).isEqualTo(3);
  }

  @Test
  void theCooldownCountsFromTheMomentTheBreakerOpened() {
    h.fake.enqueue(Reply.error(503), Reply.error(500), Reply.text("probe"));
    try (AiClient client = h.client(BREAKER)) {
      h.time.advance(Duration.ofHours(1)); // the client has been up a while when the faults come
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> Harness.Path3.SYNC.call(client)).isInstanceOf(RemoteException.class);
      }
      h.time.advance(Duration.ofSeconds(19));
      assertThatThrownBy(() -> Harness.Path3.SYNC.call(client)).isInstanceOf(AiLibException.class)
          .hasMessageContaining("is open");
      assertThat(h.fake.requestCount()).isEqualTo(2);
      h.time.advance(Duration.ofSeconds(1));
      assertThat(Harness.Path3.SYNC.call(client).text()).isEqualTo("probe");
    }
    assertThat(h.fake.requestCount()).isEqualTo(3);
  }

  /**
   * A call that waited too long for one of the client's own pooled connections (httpclient5, pool of one, held by an
   * open stream) failed because of the client's limit, not the server: it never opens the breaker.
   */
  @Test
  void waitsForTheClientsOwnConnectionPoolDoNotOpenTheBreaker() throws Exception {
    TransportProvider onePooled = new TransportProvider() {
      @Override
      public String name() {
        return "httpclient5, one pooled connection";
      }

      @Override
      public int priority() {
        return 0;
      }

      @Override
      public Transport create(TransportConfig config) {
        return new HttpClient5TransportProvider().create(config.toBuilder().maxConnections(1).build());
      }
    };
    h.fake.enqueue(Reply.streamedText("a ", "b ", "c").stallAfterEvents(2)); // the role chunk, then "a "
    try (AiClient client = AiClient.builder().model(Harness.MODEL).baseUrl(h.fake.baseUrl() + "/v1")
        .apiKey("sk-test").resilience(BREAKER).transport(onePooled)
        .timeouts(new Timeouts(Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(30)))
        .component(Environment.of(Map.of())).build();
        ChatStream held = client.chat().user("hold the connection").stream()) {
      Iterator<StreamingEvent> events = held.iterator();
      assertThat(events.next().isContentDelta()).isTrue(); // the only connection is now in use
      for (int i = 0; i < 3; i++) { // more than the breaker's threshold of 2
        assertThatThrownBy(() -> client.chat().user("Hi").execute())
            .isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.POOL_TIMEOUT));
      }
      h.fake.releaseStalls();
      while (events.hasNext()) {
        events.next();
      }
      h.fake.enqueue(Reply.text("ok"));
      assertThat(client.chat().user("Hi").execute().content()).as("the breaker stayed closed").isEqualTo("ok");
    }
    assertThat(h.fake.requestCount()).isEqualTo(2);
  }
}
