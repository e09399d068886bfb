package dev.ailib.it.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Interceptor;
import dev.ailib.telemetry.otel.OtelTelemetry;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * End to end: AiClient against FakeProvider over local HTTP, with OtelTelemetry on an in-memory OpenTelemetry SDK.
 * The span and metrics must come from the engine's real event sequence.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OtelTelemetryIntegrationTest {
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  private static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  private static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  private static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  private static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  private static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("ailib.attempts");
  private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("ailib.attempt");
  private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  private static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
  private static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .build();
  private final FakeProvider fake = FakeProvider.start();
  private final List<AiClient> clients = new ArrayList<>();

  @AfterEach
  void close() {
    clients.forEach(AiClient::close);
    fake.close();
    sdk.close();
  }

  private AiClient client(OtelTelemetry telemetry, ResilientConfig resilience, Interceptor... interceptors) {
    var b = AiClient.builder().model("openai/gpt-4o").baseUrl(fake.baseUrl() + "/v1").apiKey("sk-test")
        .telemetry(telemetry).resilience(resilience);
    for (Interceptor i : interceptors) {
      b.interceptor(i);
    }
    AiClient c = b.build();
    clients.add(c);
    return c;
  }

  private static ResilientConfig noRetries() {
    return ResilientConfig.builder().maxRetries(0).build();
  }

  private SpanData chatSpan() {
    List<SpanData> chat = spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("chat "))
        .toList();
    assertThat(chat).as("exactly one chat span").hasSize(1);
    return chat.get(0);
  }

  private static List<HistogramPointData> points(Collection<MetricData> all, String name) {
    return all.stream().filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getHistogramData().getPoints().stream()).map(p -> (HistogramPointData) p).toList();
  }

  @Test
  void successfulCall() {
    OtelTelemetry telemetry = new OtelTelemetry(sdk);
    List<SpanContext> seenByInterceptor = new CopyOnWriteArrayList<>();
    AiClient client = client(telemetry, noRetries(), chain -> {
      seenByInterceptor.add(Span.current().getSpanContext());
      return chain.proceed(chain.request());
    });
    fake.enqueue(Reply.text("4").usage(Reply.Usage.of(12, 1)).model("gpt-4o-2024-08-06").id("chatcmpl-it1"));

    ChatResult result = client.chat().user("What is 2+2?").temperature(0.2).maxTokens(50).executeWithStats();
    assertThat(result.response().content()).isEqualTo("4");

    SpanData span = chatSpan();
    assertThat(span.getName()).isEqualTo("chat gpt-4o");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    Attributes a = span.getAttributes();
    assertThat(a.get(OPERATION)).isEqualTo("chat");
    assertThat(a.get(PROVIDER)).isEqualTo("openai");
    assertThat(a.get(REQUEST_MODEL)).isEqualTo("gpt-4o");
    assertThat(a.get(TEMPERATURE)).isEqualTo(0.2);
    assertThat(a.get(MAX_TOKENS)).isEqualTo(50L);
    assertThat(a.get(RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
    assertThat(a.get(RESPONSE_ID)).isEqualTo("chatcmpl-it1");
    assertThat(a.get(FINISH_REASONS)).containsExactly("end_turn");
    assertThat(a.get(INPUT_TOKENS)).isEqualTo(12L);
    assertThat(a.get(OUTPUT_TOKENS)).isEqualTo(1L);
    assertThat(a.get(SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(a.get(SERVER_PORT)).isEqualTo((long) fake.port());
    assertThat(a.get(ATTEMPTS)).isEqualTo(1L);
    assertThat(a.get(INPUT_MESSAGES)).as("content off by default").isNull();
    assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("ailib.attempt",
        "ailib.response_headers");
    assertThat(seenByInterceptor).as("the call's span is current while the engine sends").hasSize(1);
    assertThat(seenByInterceptor.get(0).getSpanId()).isEqualTo(span.getSpanId());

    Collection<MetricData> m = metrics.collectAllMetrics();
    List<HistogramPointData> duration = points(m, "gen_ai.client.operation.duration");
    assertThat(duration).hasSize(1);
    assertThat(duration.get(0).getCount()).isEqualTo(1);
    assertThat(duration.get(0).getSum()).isCloseTo(result.stats().latencyMs() / 1000.0,
        org.assertj.core.api.Assertions.within(0.0015));
    assertThat(duration.get(0).getAttributes().get(ERROR_TYPE)).isNull();
    assertThat(points(m, "gen_ai.client.token.usage")).extracting(p -> p.getAttributes().get(TOKEN_TYPE) + "=" +
        (long) p.getSum()).containsExactlyInAnyOrder("input=12", "output=1");
    assertThat(points(m, "gen_ai.client.operation.time_to_first_chunk")).isEmpty();
    assertThat(telemetry.callsInFlight()).isZero();
  }

  @Test
  void failedCall() {
    OtelTelemetry telemetry = new OtelTelemetry(sdk);
    AiClient client = client(telemetry, noRetries());
    fake.enqueue(Reply.error(401));

    assertThatThrownBy(() -> client.chat().user("hi").execute()).isInstanceOf(AiLibException.class);

    SpanData span = chatSpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("authentication");
    assertThat(span.getAttributes().get(HTTP_STATUS)).isEqualTo(401L);
    assertThat(span.getEvents()).extracting(EventData::getName).contains("exception");
    assertThat(span.getEvents().toString()).doesNotContain("sk-test");
    List<HistogramPointData> duration = points(metrics.collectAllMetrics(), "gen_ai.client.operation.duration");
    assertThat(duration).hasSize(1);
    assertThat(duration.get(0).getAttributes().get(ERROR_TYPE)).isEqualTo("authentication");
    assertThat(telemetry.callsInFlight()).isZero();
  }

  @Test
  void stream() {
    OtelTelemetry telemetry = OtelTelemetry.builder(sdk).captureMessageContent(true).build();
    AiClient client = client(telemetry, noRetries());
    fake.enqueue(Reply.streamedText("Fo", "ur", ".").usage(Reply.Usage.of(9, 3)));

    StringBuilder text = new StringBuilder();
    try (ChatStream stream = client.chat().user("What is 2+2?").stream()) {
      for (StreamingEvent e : stream) {
        if (e instanceof StreamingEvent.ContentDelta d) {
          text.append(d.text());
        }
      }
    }
    assertThat(text).hasToString("Four.");

    SpanData span = chatSpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getAttributes().get(FINISH_REASONS)).containsExactly("end_turn");
    assertThat(span.getAttributes().get(INPUT_TOKENS)).isEqualTo(9L);
    assertThat(span.getAttributes().get(OUTPUT_TOKENS)).isEqualTo(3L);
    assertThat(span.getAttributes().get(AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk"))).isPositive();
    assertThat(span.getAttributes().get(INPUT_MESSAGES)).contains("What is 2+2?");
    assertThat(span.getAttributes().get(OUTPUT_MESSAGES)).contains("\"content\":\"Four.\"");

    Collection<MetricData> m = metrics.collectAllMetrics();
    assertThat(points(m, "gen_ai.client.operation.time_to_first_chunk")).singleElement()
        .satisfies(p -> assertThat(p.getCount()).isEqualTo(1));
    assertThat(points(m, "gen_ai.client.operation.time_per_output_chunk")).singleElement()
        .satisfies(p -> assertThat(p.getCount()).isEqualTo(2));
    assertThat(points(m, "gen_ai.client.operation.duration")).singleElement()
        .satisfies(p -> assertThat(p.getAttributes().get(ERROR_TYPE)).isNull());
    assertThat(telemetry.callsInFlight()).isZero();
  }

  @Test
  void cancelledStream() {
    OtelTelemetry telemetry = new OtelTelemetry(sdk);
    AiClient client = client(telemetry, noRetries());
    fake.enqueue(Reply.streamedText("a", "b", "c", "d").stallAfterEvents(2));

    ChatStream stream = client.chat().user("count").stream();
    Iterator<StreamingEvent> it = stream.iterator();
    assertThat(it.next()).isInstanceOf(StreamingEvent.ContentDelta.class);
    stream.close();

    SpanData span = chatSpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("cancelled");
    assertThat(span.getAttributes().get(FINISH_REASONS)).isNull();
    Collection<MetricData> m = metrics.collectAllMetrics();
    assertThat(points(m, "gen_ai.client.operation.duration")).singleElement()
        .satisfies(p -> assertThat(p.getAttributes().get(ERROR_TYPE)).isEqualTo("cancelled"));
    assertThat(points(m, "gen_ai.client.operation.time_to_first_chunk")).singleElement()
        .satisfies(p -> assertThat(p.getCount()).isEqualTo(1));
    assertThat(telemetry.callsInFlight()).isZero();
  }

  @Test
  void retriedCall() {
    OtelTelemetry telemetry = new OtelTelemetry(sdk);
    AiClient client = client(telemetry, ResilientConfig.builder().maxRetries(2).retryBaseDelay(Duration.ofMillis(1))
        .retryMaxDelay(Duration.ofMillis(5)).build());
    fake.enqueue(Reply.error(503), Reply.error(429).retryAfterMillis(1), Reply.text("ok"));

    assertThat(client.chat().user("hi").execute().content()).isEqualTo("ok");

    SpanData span = chatSpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getAttributes().get(ATTEMPTS)).isEqualTo(3L);
    assertThat(span.getEvents()).extracting(EventData::getName).containsExactly(
        "ailib.attempt", "ailib.response_headers", "ailib.retry",
        "ailib.attempt", "ailib.response_headers", "ailib.retry",
        "ailib.attempt", "ailib.response_headers");
    List<EventData> retries = span.getEvents().stream().filter(e -> e.getName().equals("ailib.retry")).toList();
    assertThat(retries.get(0).getAttributes().get(ATTEMPT)).isEqualTo(2L);
    String firstReason = retries.get(0).getAttributes().get(ERROR_TYPE);
    assertThat(firstReason).as("a 503 is classified by the manifest as one of these").isIn("overloaded",
        "server_error");
    assertThat(retries.get(0).getAttributes().get(AttributeKey.stringKey("ailib.error.code")))
        .isEqualTo(StandardErrorCode.find(firstReason).orElseThrow().code());
    assertThat(retries.get(0).getAttributes().get(HTTP_STATUS)).isEqualTo(503L);
    assertThat(retries.get(0).getAttributes().get(AttributeKey.doubleKey("ailib.retry.delay"))).isNotNull();
    assertThat(retries.get(1).getAttributes().get(ATTEMPT)).isEqualTo(3L);
    assertThat(retries.get(1).getAttributes().get(ERROR_TYPE)).isEqualTo("rate_limited");
    assertThat(points(metrics.collectAllMetrics(), "gen_ai.client.operation.duration")).singleElement()
        .satisfies(p -> assertThat(p.getCount()).isEqualTo(1));
    assertThat(fake.requestCount()).isEqualTo(3);
    assertThat(telemetry.callsInFlight()).isZero();
  }

  @Test
  void asyncPullAndPushCallsNestUnderTheCallersSpan() throws Exception {
    OtelTelemetry telemetry = new OtelTelemetry(sdk);
    AiClient client = client(telemetry, noRetries());
    fake.enqueue(Reply.text("one"), Reply.streamedText("t", "wo"), Reply.streamedText("th", "ree"));
    Span parent = sdk.getTracer("test").spanBuilder("handle request").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      client.chat().user("1").executeAsync().get(10, TimeUnit.SECONDS);
      try (ChatStream stream = client.chat().user("2").stream()) {
        stream.forEach(e -> { });
      }
      // push form: the stream is opened on the engine's pool
      client.chat().user("3").stream(e -> { }).completion().get(10, TimeUnit.SECONDS);
    }
    parent.end();
    List<SpanData> chat = spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("chat ")).toList();
    assertThat(chat).hasSize(3);
    assertThat(chat).allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId()));
    assertThat(telemetry.callsInFlight()).isZero();
  }
}
