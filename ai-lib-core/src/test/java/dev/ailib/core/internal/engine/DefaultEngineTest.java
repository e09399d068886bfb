package dev.ailib.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.Usage;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.codec.TestManifests;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.Interceptor;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.CallOutcome;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine over an in-memory transport: data flow, telemetry order, interceptors, errors, lifecycle. */
class DefaultEngineTest {

  /** Answers scripted responses and records requests. */
  static final class ScriptedTransport implements Transport {
    final Deque<TransportResponse> replies = new ArrayDeque<>();
    final List<TransportRequest> requests = Collections.synchronizedList(new ArrayList<>());

    ScriptedTransport reply(int status, String body, String... headers) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      replies.add(new TransportResponse() {
        final InputStream in = new ByteArrayInputStream(bytes);

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
          return in;
        }

        @Override
        public void close() {
        }
      });
      return this;
    }

    @Override
    public TransportResponse send(TransportRequest request, CancelToken cancel) {
      requests.add(request);
      TransportResponse r = replies.poll();
      if (r == null) {
        throw new AssertionError("no scripted reply");
      }
      return r;
    }
  }

  /** Records event names in order. */
  static final class Recorder implements TelemetryListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void callStart(CallInfo call) {
      events.add("callStart");
    }

    @Override
    public void attemptStart(CallInfo call, int attempt, String provider, String model) {
      events.add("attemptStart " + attempt + " " + provider + "/" + model);
    }

    @Override
    public void responseHeaders(CallInfo call, int status, HttpHeaders headers) {
      events.add("responseHeaders " + status);
    }

    @Override
    public void firstChunk(CallInfo call, Duration sinceStart) {
      events.add("firstChunk");
    }

    @Override
    public void outputChunk(CallInfo call, Duration sincePrevious) {
      events.add("outputChunk");
    }

    @Override
    public void usage(CallInfo call, Usage usage) {
      events.add("usage " + usage.totalTokens());
    }

    @Override
    public void response(CallInfo call, ChatResponse response) {
      events.add("response");
    }

    @Override
    public void callEnd(CallInfo call, CallOutcome outcome) {
      events.add("callEnd " + outcome.finishReasons());
    }

    @Override
    public void callFailed(CallInfo call, AiLibException error, Duration duration) {
      events.add("callFailed " + error.errorType().wireName());
    }

    @Override
    public void callCancelled(CallInfo call, Duration duration) {
      events.add("callCancelled");
    }
  }

  private static final String OK = "{\"id\":\"c1\",\"model\":\"m1\",\"choices\":[{\"message\":{\"content\":\"Hi\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1,\"total_tokens\":3}}";

  private final ScriptedTransport transport = new ScriptedTransport();
  private final Recorder recorder = new Recorder();

  private AiClient client(Interceptor... interceptors) {
    var b = AiClient.builder().model("acme/m1").apiKey("sk-unit-000111")
        .resilience(ResilientConfig.builder().maxRetries(0).build())
        .component(new StaticSource(TestManifests.chat("https://api.acme.test/v1")))
        .component(Environment.of(Map.of()))
        .transport(transport)
        .telemetry(recorder);
    for (Interceptor i : interceptors) {
      b.interceptor(i);
    }
    return b.build();
  }

  @Test
  void executeRunsTheDataFlowAndReportsInOrder() {
    transport.reply(200, OK, "x-request-id", "r-1");
    List<String> seenByInterceptor = new ArrayList<>();
    Interceptor first = chain -> {
      seenByInterceptor.add("first " + chain.call().provider() + "/" + chain.call().model());
      return chain.proceed(new TransportRequest(chain.request().method(), chain.request().uri(),
          chain.request().headers().with("x-trace", "t1"), chain.request().body()));
    };
    Interceptor second = chain -> {
      seenByInterceptor.add("second " + chain.request().headers().first("x-trace").orElse("-"));
      return chain.proceed(chain.request());
    };
    try (AiClient client = client(first, second)) {
      ChatResult r = client.chat().user("hello").maxTokens(10).executeWithStats();
      assertThat(r.response().content()).isEqualTo("Hi");
      assertThat(r.response().requestId()).isEqualTo("r-1");
      assertThat(r.stats().attempts()).isEqualTo(1);
      assertThat(r.stats().provider()).isEqualTo("acme");
      assertThat(r.stats().model()).isEqualTo("m1");
      assertThat(r.stats().totalTokens()).isEqualTo(3);
    }
    assertThat(seenByInterceptor).containsExactly("first acme/m1", "second t1");
    TransportRequest sent = transport.requests.get(0);
    assertThat(sent.uri().toString()).isEqualTo("https://api.acme.test/v1/chat/completions");
    assertThat(sent.headers().first("Authorization")).contains("Bearer sk-unit-000111");
    assertThat(new String(sent.body(), StandardCharsets.UTF_8)).contains("\"max_completion_tokens\":10")
        .contains("\"model\":\"m1\"");
    assertThat(recorder.events).containsExactly("callStart", "attemptStart 1 acme/m1", "responseHeaders 200",
        "usage 3", "response", "callEnd [end_turn]");
  }

  @Test
  void errorStatusIsClassifiedAndReportedAsFailed() {
    transport.reply(429, "{\"error\":{\"message\":\"no money\",\"code\":\"insufficient_quota\"}}", "Retry-After", "2");
    try (AiClient client = client()) {
      assertThatThrownBy(() -> client.chat().user("x").execute())
          .isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.errorType()).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
          });
    }
    assertThat(recorder.events).containsExactly("callStart", "attemptStart 1 acme/m1", "responseHeaders 429",
        "callFailed quota_exhausted");
  }

  @Test
  void badParameterFailsBeforeAnyAttemptAndCapabilitiesAreChecked() {
    try (AiClient client = client()) {
      assertThatThrownBy(() -> client.chat().user("x").topP(1.5).execute()).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("top_p").hasMessageContaining("1.5");
      assertThatThrownBy(() -> client.chat().message(dev.ailib.api.Message.user(List.of(
          dev.ailib.api.ContentBlock.text("hear"), new dev.ailib.api.ContentBlock.Audio("AAAA", "wav")))).execute())
          .isInstanceOf(ProtocolException.class).hasMessageContaining("'audio'");
    }
    assertThat(transport.requests).isEmpty();
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void aThrowingListenerIsIgnored() {
    transport.reply(200, OK);
    TelemetryListener broken = new TelemetryListener() {
      @Override
      public void callStart(CallInfo call) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void callEnd(CallInfo call, CallOutcome outcome) {
        throw new IllegalStateException("listener bug");
      }
    };
    try (AiClient client = AiClient.builder().model("acme/m1").apiKey("sk-unit-000111")
        .component(new StaticSource(TestManifests.chat("https://api.acme.test/v1")))
        .transport(transport).telemetry(broken).telemetry(recorder).build()) {
      assertThat(client.chat().user("x").execute().content()).isEqualTo("Hi");
    }
    assertThat(recorder.events).contains("callStart", "callEnd [end_turn]");
  }

  @Test
  void streamReportsChunksUsageAndEnd() {
    transport.reply(200, """
        data: {"choices":[{"index":0,"delta":{"role":"assistant"}}]}

        data: {"choices":[{"index":0,"delta":{"content":"He"}}]}

        data: {"choices":[{"index":0,"delta":{"content":"llo"}}]}

        data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

        data: {"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}

        data: [DONE]

        """);
    StringBuilder text = new StringBuilder();
    try (AiClient client = client(); ChatStream stream = client.chat().user("x").stream()) {
      for (StreamingEvent e : stream) {
        if (e instanceof StreamingEvent.ContentDelta d) {
          text.append(d.text());
        }
      }
      assertThat(stream.stats()).hasValueSatisfying(s -> {
        assertThat(s.totalTokens()).isEqualTo(3);
        assertThat(s.timeToFirstTokenMs()).isGreaterThanOrEqualTo(0);
      });
    }
    assertThat(text.toString()).isEqualTo("Hello");
    String body = new String(transport.requests.get(0).body(), StandardCharsets.UTF_8);
    assertThat(body).contains("\"stream\":true").contains("\"include_usage\":true");
    assertThat(recorder.events).containsExactly("callStart", "attemptStart 1 acme/m1", "responseHeaders 200",
        "firstChunk", "outputChunk", "usage 3", "callEnd [end_turn]");
  }

  private static final String SSE_HELLO = """
      data: {"choices":[{"index":0,"delta":{"role":"assistant"}}]}

      data: {"choices":[{"index":0,"delta":{"content":"He"}}]}

      data: {"choices":[{"index":0,"delta":{"content":"llo"}}]}

      data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

      data: {"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}

      data: [DONE]

      """;

  @Test
  void pushStreamReportsInTheSameOrderAsAPullStream() throws Exception {
    transport.reply(200, SSE_HELLO);
    List<StreamingEvent> events = Collections.synchronizedList(new ArrayList<>());
    try (AiClient client = client()) {
      dev.ailib.api.CallStats stats = client.chat().user("x").stream(events::add).completion()
          .get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(stats.totalTokens()).isEqualTo(3);
    }
    assertThat(events.stream().filter(StreamingEvent::isContentDelta).map(e -> e.asContentDelta().text()))
        .containsExactly("He", "llo");
    assertThat(events.get(events.size() - 1).isStreamEnd()).isTrue();
    assertThat(recorder.events).containsExactly("callStart", "attemptStart 1 acme/m1", "responseHeaders 200",
        "firstChunk", "outputChunk", "usage 3", "callEnd [end_turn]");
  }

  @Test
  void publisherReportsInTheSameOrderAsAPullStream() throws Exception {
    transport.reply(200, SSE_HELLO);
    List<StreamingEvent> events = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    try (AiClient client = client()) {
      client.chat().user("x").publisher().subscribe(new java.util.concurrent.Flow.Subscriber<>() {
        private java.util.concurrent.Flow.Subscription s;

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
          this.s = s;
          s.request(1);
        }

        @Override
        public void onNext(StreamingEvent item) {
          events.add(item);
          s.request(1);
        }

        @Override
        public void onError(Throwable t) {
          done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
          done.complete(null);
        }
      });
      done.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(events.get(events.size() - 1).isStreamEnd()).isTrue();
    assertThat(recorder.events).containsExactly("callStart", "attemptStart 1 acme/m1", "responseHeaders 200",
        "firstChunk", "outputChunk", "usage 3", "callEnd [end_turn]");
  }

  @Test
  void aPushLambdaGetsAnErrorBeforeAnyOutputAsAStreamErrorEvent() {
    transport.reply(401, "{\"error\":{\"message\":\"Incorrect API key\",\"code\":\"invalid_api_key\"}}");
    List<StreamingEvent> events = Collections.synchronizedList(new ArrayList<>());
    try (AiClient client = client()) {
      java.util.concurrent.CompletableFuture<dev.ailib.api.CallStats> completion =
          client.chat().user("x").stream(events::add).completion();
      assertThatThrownBy(() -> completion.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .cause().isInstanceOfSatisfying(RemoteException.class,
              e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION));
    }
    assertThat(events).hasSize(1);
    assertThat(events.get(0).isStreamError()).isTrue();
    assertThat(events.get(0).asStreamError().error().errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION);
    assertThat(recorder.events).containsExactly("callStart", "attemptStart 1 acme/m1", "responseHeaders 401",
        "callFailed authentication");
  }

  @Test
  void unknownProviderFailsAtBuildListingWhatExists() {
    assertThatThrownBy(() -> AiClient.builder().model("nope/m1").apiKey("k")
        .component(new StaticSource(TestManifests.chat("https://x"))).transport(transport).build())
        .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown provider 'nope'").hasMessageContaining("acme");
  }

  @Test
  void missingKeyNamesTheVariables() {
    assertThatThrownBy(() -> AiClient.builder().model("acme/m1")
        .component(new StaticSource(TestManifests.chat("https://x"))).component(Environment.of(Map.of()))
        .transport(transport).build())
        .isInstanceOf(AiLibException.class).hasMessageContaining("ACME_API_KEY");
  }

  @Test
  void callsAfterCloseAreRejected() {
    AiClient client = client();
    client.close();
    client.close();
    assertThatThrownBy(() -> client.chat().user("x").execute()).isInstanceOf(CancelledException.class)
        .hasMessageContaining("closed");
    assertThat(client.toString()).contains("acme/m1").doesNotContain("sk-unit-000111");
  }

  @Test
  void aPathUnsafeModelIdFailsTheBuildBeforeAnyRequest() {
    assertThatThrownBy(() -> AiClient.builder().model("gen/../../admin/delete").apiKey("k-unit-000222")
        .component(new StaticSource(TestManifests.generate("https://gen.test/v1beta")))
        .component(Environment.of(Map.of())).transport(transport).build())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("model id '../../admin/delete'")
        .hasMessageContaining("'..' segment")
        .hasMessageNotContaining("k-unit-000222");
    assertThat(transport.requests).isEmpty();
  }

  /** A source whose manifest can be replaced, as a reload does. */
  static final class ReloadingSource implements dev.ailib.core.spi.protocol.ProtocolSource {
    volatile dev.ailib.core.spi.manifest.ProviderManifest manifest;

    ReloadingSource(dev.ailib.core.spi.manifest.ProviderManifest manifest) {
      this.manifest = manifest;
    }

    @Override
    public java.util.Optional<dev.ailib.core.spi.manifest.ProviderManifest> manifest(String providerId) {
      return providerId.equals(manifest.id()) ? java.util.Optional.of(manifest) : java.util.Optional.empty();
    }

    @Override
    public java.util.Set<String> providerIds() {
      return java.util.Set.of(manifest.id());
    }
  }

  @Test
  void requestUrlAndHeadersAreBuiltOncePerManifestAndAgainAfterAReload() {
    ReloadingSource source = new ReloadingSource(TestManifests.chat("https://api.acme.test/v1"));
    transport.reply(200, OK).reply(200, OK).reply(200, OK);
    try (AiClient client = AiClient.builder().model("acme/m1").apiKey("sk-unit-000111")
        .resilience(ResilientConfig.builder().maxRetries(0).build()).component(source)
        .component(Environment.of(Map.of())).transport(transport).build()) {
      client.chat().user("a").execute();
      client.chat().user("b").execute();
      source.manifest = TestManifests.chat("https://reloaded.acme.test/v2");
      client.chat().user("c").execute();
    }
    TransportRequest a = transport.requests.get(0);
    TransportRequest b = transport.requests.get(1);
    TransportRequest c = transport.requests.get(2);
    assertThat(b.uri()).isSameAs(a.uri());
    assertThat(b.headers()).isSameAs(a.headers());
    assertThat(c.uri().toString()).isEqualTo("https://reloaded.acme.test/v2/chat/completions");
    assertThat(c.headers()).isNotSameAs(a.headers());
    assertThat(c.headers().first("Authorization")).contains("Bearer sk-unit-000111");
  }
}
