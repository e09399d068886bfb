package dev.ailib.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.internal.codec.TestManifests;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The call's one deadline through the public API: made once from the client's clock, carried by every attempt's
 * request, checked by the engine before attempts and waits, enforced on I/O by the transport (here a fake that
 * honours {@link TransportRequest#remaining()} the way the transports do), and reported as {@code CALL_TIMEOUT}.
 */
class CallDeadlineTest {
  private static final String OK = "{\"id\":\"c1\",\"model\":\"m1\",\"choices\":[{\"message\":{\"content\":\"Hi\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1,\"total_tokens\":3}}";
  private final TestTime time = new TestTime();

  /** Answers each request with the next step (a function of the request), and records requests. */
  static final class StepTransport implements Transport {
    final Deque<Function<TransportRequest, TransportResponse>> steps = new ArrayDeque<>();
    final List<TransportRequest> requests = Collections.synchronizedList(new ArrayList<>());

    StepTransport then(Function<TransportRequest, TransportResponse> step) {
      steps.add(step);
      return this;
    }

    @Override
    public TransportResponse send(TransportRequest request, CancelToken cancel) {
      requests.add(request);
      Function<TransportRequest, TransportResponse> step = steps.poll();
      if (step == null) {
        throw new AssertionError("no scripted step");
      }
      return step.apply(request);
    }
  }

  static TransportResponse response(int status, InputStream body, String... headers) {
    return new TransportResponse() {
      @Override
      public int status() {
        return status;
      }

      @Override
      public HttpHeaders headers() {
        return HttpHeaders.of(headers);
      }

      @Override
      public InputStream body() {
        return body;
      }

      @Override
      public void close() {
        try {
          body.close();
        } catch (IOException ignored) {
          // in memory
        }
      }
    };
  }

  static TransportResponse text(int status, String body, String... headers) {
    return response(status, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), headers);
  }

  /**
   * A body that, once its bytes are read, blocks the way a stalled server does: each read waits at most what is
   * left of the request's deadline and then fails with CALL_TIMEOUT, as the transports do.
   */
  static InputStream stallsUntilTheDeadline(TransportRequest request, String first) {
    InputStream stall = new InputStream() {
      @Override
      public int read() throws IOException {
        Duration left = request.remaining();
        try {
          Thread.sleep(Math.max(1, left.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        }
        throw new TransportException(TransportException.Kind.CALL_TIMEOUT, "no byte before the call's deadline",
            null);
      }
    };
    return new SequenceInputStream(new ByteArrayInputStream(first.getBytes(StandardCharsets.UTF_8)), stall);
  }

  private AiClient client(Transport transport, Duration timeout, int retries) {
    return AiClient.builder().model("acme/m1").apiKey("sk-unit-000111")
        .timeout(timeout)
        .resilience(ResilientConfig.builder().maxRetries(retries).circuitBreakerThreshold(0)
            .retryBaseDelay(Duration.ofSeconds(1)).retryMaxDelay(Duration.ofSeconds(1)).build())
        .component(new StaticSource(TestManifests.chat("https://api.acme.test/v1")))
        .component(Environment.of(Map.of()))
        .component(time)
        .transport(transport)
        .build();
  }

  @Test
  void everyAttemptCarriesTheTimeLeftOfTheOneDeadline() {
    StepTransport transport = new StepTransport().then(r -> text(503, "{}")).then(r -> text(200, OK));
    long before = System.nanoTime();
    try (AiClient client = client(transport, Duration.ofSeconds(30), 1)) {
      assertThat(client.chat().user("x").execute().content()).isEqualTo("Hi");
    }
    long after = System.nanoTime();
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1));
    TransportRequest first = transport.requests.get(0);
    TransportRequest second = transport.requests.get(1);
    // the first attempt had the whole 30 s; the second what was left after the 1 s retry wait (on the test clock)
    assertThat(first.deadlineNanos() - before).isGreaterThanOrEqualTo(Duration.ofSeconds(30).toNanos());
    assertThat(first.deadlineNanos() - after).isLessThanOrEqualTo(Duration.ofSeconds(30).toNanos());
    assertThat(second.deadlineNanos() - before).isGreaterThanOrEqualTo(Duration.ofSeconds(29).toNanos());
    assertThat(second.deadlineNanos() - after).isLessThanOrEqualTo(Duration.ofSeconds(29).toNanos());
  }

  @Test
  void aDeadlinePassedDuringAnAttemptEndsTheCallWithCallTimeoutAndNoRetry() {
    StepTransport transport = new StepTransport().then(r -> {
      time.advance(Duration.ofSeconds(31)); // a slow server: the test clock passes the deadline
      throw new TransportException(TransportException.Kind.IO, "connection reset", null);
    });
    try (AiClient client = client(transport, Duration.ofSeconds(30), 3)) {
      assertThatThrownBy(() -> client.chat().user("x").execute())
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CALL_TIMEOUT))
          .hasMessageContaining("whole-call timeout of PT30S")
          .hasRootCauseMessage("connection reset");
    }
    assertThat(transport.requests).hasSize(1);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void theTransportsCallTimeoutIsReportedAsItIs() {
    TransportException fromTransport = new TransportException(TransportException.Kind.CALL_TIMEOUT,
        "deadline reached while waiting for the response headers", null);
    StepTransport transport = new StepTransport().then(r -> {
      throw fromTransport;
    });
    try (AiClient client = client(transport, Duration.ofSeconds(30), 3)) {
      assertThatThrownBy(() -> client.chat().user("x").execute()).isSameAs(fromTransport);
    }
    assertThat(transport.requests).hasSize(1);
  }

  @Test
  void aRetryWaitLongerThanTheTimeLeftIsNotStarted() {
    StepTransport transport = new StepTransport().then(r -> text(429, "{}", "Retry-After", "20"));
    try (AiClient client = client(transport, Duration.ofSeconds(10), 3)) {
      assertThatThrownBy(() -> client.chat().user("x").execute()).isInstanceOf(AiLibException.class)
          .satisfies(e -> assertThat(((AiLibException) e).statusCode()).isEqualTo(429));
    }
    assertThat(transport.requests).hasSize(1);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void aStalledStreamEndsWithCallTimeoutAtTheDeadline() {
    String firstEvent = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"He\"}}]}\n\n";
    StepTransport transport = new StepTransport().then(r -> response(200, stallsUntilTheDeadline(r, firstEvent)));
    List<StreamingEvent> seen = new ArrayList<>();
    // the real clock here: the fake transport waits on the request's deadline like a transport does
    try (AiClient client = AiClient.builder().model("acme/m1").apiKey("sk-unit-000111")
        .timeout(Duration.ofMillis(300)).resilience(ResilientConfig.builder().maxRetries(0).build())
        .component(new StaticSource(TestManifests.chat("https://api.acme.test/v1")))
        .component(Environment.of(Map.of())).transport(transport).build();
        ChatStream stream = client.chat().user("x").stream()) {
      Iterator<StreamingEvent> it = stream.iterator();
      assertThatThrownBy(() -> {
        while (it.hasNext()) {
          seen.add(it.next());
        }
      }).isInstanceOfSatisfying(TransportException.class,
          e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CALL_TIMEOUT));
    }
    assertThat(seen.get(0)).isEqualTo(new StreamingEvent.ContentDelta("He", 0));
    assertThat(seen.get(seen.size() - 1).isStreamError()).isTrue();
    assertThat(transport.requests.get(0).deadlineNanos()).isNotEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aBlockingCallStartsNoThread() {
    StepTransport transport = new StepTransport().then(r -> text(200, OK)).then(r -> text(200, OK));
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    try (AiClient client = client(transport, Duration.ofSeconds(30), 0)) {
      client.chat().user("x").execute();
      client.chat().user("y").execute();
      List<String> started = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
          .map(Thread::getName).filter(n -> n.startsWith("ailib-")).toList();
      assertThat(started).as("threads started by blocking calls (no timer per call)").isEmpty();
    }
  }

  @Test
  void anInterceptorsRequestWithoutDeadlineGetsTheCallsDeadline() {
    StepTransport transport = new StepTransport().then(r -> text(200, OK));
    try (AiClient client = AiClient.builder().model("acme/m1").apiKey("sk-unit-000111")
        .timeout(Duration.ofSeconds(30)).component(time)
        .component(new StaticSource(TestManifests.chat("https://api.acme.test/v1")))
        .component(Environment.of(Map.of())).transport(transport)
        .interceptor((dev.ailib.core.spi.Interceptor) chain -> chain.proceed(new TransportRequest(
            chain.request().method(), chain.request().uri(), chain.request().headers().with("x-trace", "t1"),
            chain.request().body())))
        .build()) {
      client.chat().user("x").execute();
    }
    TransportRequest sent = transport.requests.get(0);
    assertThat(sent.headers().first("x-trace")).contains("t1");
    assertThat(sent.remaining()).isLessThanOrEqualTo(Duration.ofSeconds(30)).isGreaterThan(Duration.ofSeconds(20));
  }
}
