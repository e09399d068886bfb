package dev.ailib.telemetry.otel;

import static dev.ailib.telemetry.otel.OtelHarness.point;
import static dev.ailib.telemetry.otel.OtelHarness.points;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ailib.api.FinishReason;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.Usage;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.transport.HttpHeaders;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtelTelemetryTest {
  private final OtelHarness otel = new OtelHarness();
  private final OtelTelemetry telemetry = new OtelTelemetry(otel.sdk);

  @AfterEach
  void noCallLeftBehind() {
    assertThat(telemetry.callsInFlight()).as("per-call state removed at the call's end").isZero();
    otel.close();
  }

  @Test
  void cacheAndReasoningTokensAreSpanAttributes() {
    CallInfo call = Calls.call("anthropic", "claude", false);
    telemetry.callStart(call);
    dev.ailib.api.Usage usage = new dev.ailib.api.Usage(127, 30, 157, 4, 100, 7);
    telemetry.usage(call, usage);
    telemetry.callEnd(call, Calls.outcome("claude-1", "msg_1", "end_turn", usage, 10, 1));
    Attributes a = otel.onlySpan().getAttributes();
    assertThat(a.get(GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS)).isEqualTo(100L);
    assertThat(a.get(GenAiAttributes.USAGE_CACHE_CREATION_INPUT_TOKENS)).isEqualTo(7L);
    assertThat(a.get(GenAiAttributes.USAGE_REASONING_OUTPUT_TOKENS)).isEqualTo(4L);
  }

  @Test
  void costAndCacheTokensAreSpanAttributesAndMetricsOfTheirOwn() {
    CallInfo call = Calls.call("anthropic", "claude", false);
    telemetry.callStart(call);
    Usage usage = new Usage(3_550, 10, 3_560, 0, 2_000, 1_500, 1_500);
    dev.ailib.api.Cost cost = dev.ailib.api.Cost.of(new java.math.BigDecimal("0.00015"),
        new java.math.BigDecimal("0.0006"), new java.math.BigDecimal("0.009"), new java.math.BigDecimal("0.00015"),
        java.math.BigDecimal.ZERO, "USD", java.time.LocalDate.of(2026, 12, 1));
    dev.ailib.core.spi.telemetry.CallOutcome o = Calls.outcome("claude-1", "msg_1", "end_turn", usage, 10, 1);
    telemetry.callEnd(call, new dev.ailib.core.spi.telemetry.CallOutcome(o.responseModel(), o.responseId(),
        o.finishReasons(), usage, o.stats().withCost(cost)));
    Attributes a = otel.onlySpan().getAttributes();
    assertThat(a.get(GenAiAttributes.USAGE_COST_AMOUNT)).isEqualTo(0.0099, within(1e-12));
    assertThat(a.get(GenAiAttributes.USAGE_COST_CURRENCY)).isEqualTo("USD");
    Collection<MetricData> metrics = otel.collect();
    HistogramPointData costPoint = points(metrics, GenAiMetrics.COST).get(0);
    assertThat(costPoint.getSum()).isEqualTo(0.0099, within(1e-12));
    assertThat(costPoint.getAttributes().get(GenAiAttributes.USAGE_COST_CURRENCY)).isEqualTo("USD");
    assertThat(points(metrics, GenAiMetrics.CACHED_TOKEN_USAGE)).extracting(
        p -> p.getAttributes().get(GenAiAttributes.TOKEN_TYPE), HistogramPointData::getSum)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("cache_read", 2_000.0),
            org.assertj.core.groups.Tuple.tuple("cache_creation", 1_500.0));
  }

  @Test
  void anUnknownCostWritesNoCostAttributeOrPoint() {
    CallInfo call = Calls.call("moonshot", "m", false);
    telemetry.callStart(call);
    telemetry.callEnd(call, Calls.outcome("m", "1", "end_turn", Calls.USAGE, 10, 1)); // figures without a cost
    assertThat(otel.onlySpan().getAttributes().get(GenAiAttributes.USAGE_COST_AMOUNT)).isNull();
    assertThat(points(otel.collect(), GenAiMetrics.COST)).isEmpty();
  }

  @Test
  void successfulCallIsOneClientSpanWithGenAiAttributesAndMetrics() {
    CallInfo call = Calls.call("openai", "gpt-4o", false);
    telemetry.callStart(call);
    telemetry.attemptStart(call, 1, "openai", "gpt-4o");
    telemetry.responseHeaders(call, 200, HttpHeaders.of("x-request-id", "req-1"));
    telemetry.usage(call, Calls.USAGE);
    telemetry.callEnd(call, Calls.outcome("gpt-4o-2024-08-06", "chatcmpl-1", "end_turn", Calls.USAGE, 1500, 1));

    SpanData span = otel.onlySpan();
    assertThat(span.getName()).isEqualTo("chat gpt-4o");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    Attributes a = span.getAttributes();
    assertThat(a.get(GenAiAttributes.OPERATION_NAME)).isEqualTo("chat");
    assertThat(a.get(GenAiAttributes.PROVIDER_NAME)).isEqualTo("openai");
    assertThat(a.get(GenAiAttributes.SYSTEM)).as("legacy attribute off by default").isNull();
    assertThat(a.get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("gpt-4o");
    assertThat(a.get(GenAiAttributes.REQUEST_TEMPERATURE)).isEqualTo(0.2);
    assertThat(a.get(GenAiAttributes.REQUEST_MAX_TOKENS)).isEqualTo(128L);
    assertThat(a.get(GenAiAttributes.REQUEST_TOP_P)).isEqualTo(0.9);
    assertThat(a.get(GenAiAttributes.REQUEST_STOP_SEQUENCES)).containsExactly("END");
    assertThat(a.get(GenAiAttributes.RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
    assertThat(a.get(GenAiAttributes.RESPONSE_ID)).isEqualTo("chatcmpl-1");
    assertThat(a.get(GenAiAttributes.RESPONSE_FINISH_REASONS)).containsExactly("end_turn");
    assertThat(a.get(GenAiAttributes.USAGE_INPUT_TOKENS)).isEqualTo(12L);
    assertThat(a.get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(5L);
    assertThat(a.get(GenAiAttributes.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(a.get(GenAiAttributes.SERVER_PORT)).isEqualTo(8080L);
    assertThat(a.get(GenAiAttributes.ATTEMPTS)).isEqualTo(1L);
    assertThat(a.get(GenAiAttributes.ERROR_TYPE)).isNull();
    assertThat(a.get(GenAiAttributes.INPUT_MESSAGES)).as("content off by default").isNull();
    assertThat(a.get(GenAiAttributes.OUTPUT_MESSAGES)).isNull();
    assertThat(span.getEvents()).extracting(EventData::getName)
        .containsExactly(GenAiAttributes.EVENT_ATTEMPT, GenAiAttributes.EVENT_RESPONSE_HEADERS);
    assertThat(span.getEvents().get(1).getAttributes().get(GenAiAttributes.HTTP_STATUS)).isEqualTo(200L);

    Collection<MetricData> metrics = otel.collect();
    HistogramPointData duration = points(metrics, GenAiMetrics.OPERATION_DURATION).get(0);
    assertThat(points(metrics, GenAiMetrics.OPERATION_DURATION)).hasSize(1);
    assertThat(duration.getCount()).isEqualTo(1);
    assertThat(duration.getSum()).as("the engine's latency, in seconds").isCloseTo(1.5, within(1e-9));
    assertThat(duration.getBoundaries()).as("advised buckets").startsWith(0.01, 0.02, 0.04).endsWith(81.92);
    assertThat(duration.getAttributes().get(GenAiAttributes.OPERATION_NAME)).isEqualTo("chat");
    assertThat(duration.getAttributes().get(GenAiAttributes.PROVIDER_NAME)).isEqualTo("openai");
    assertThat(duration.getAttributes().get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("gpt-4o");
    assertThat(duration.getAttributes().get(GenAiAttributes.RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
    assertThat(duration.getAttributes().get(GenAiAttributes.SERVER_PORT)).isEqualTo(8080L);
    assertThat(duration.getAttributes().get(GenAiAttributes.ERROR_TYPE)).isNull();
    assertThat(point(metrics, GenAiMetrics.TOKEN_USAGE, GenAiAttributes.TOKEN_TYPE, "input").getSum()).isEqualTo(12.0);
    assertThat(point(metrics, GenAiMetrics.TOKEN_USAGE, GenAiAttributes.TOKEN_TYPE, "output").getSum()).isEqualTo(5.0);
    assertThat(OtelHarness.metric(metrics, GenAiMetrics.TOKEN_USAGE).orElseThrow().getUnit()).isEqualTo("{token}");
    assertThat(OtelHarness.metric(metrics, GenAiMetrics.OPERATION_DURATION).orElseThrow().getUnit()).isEqualTo("s");
    assertThat(points(metrics, GenAiMetrics.TIME_TO_FIRST_CHUNK)).as("not a stream").isEmpty();
    assertThat(points(metrics, GenAiMetrics.TIME_PER_OUTPUT_CHUNK)).isEmpty();
  }

  @Test
  void failedCallHasErrorTypeErrorStatusAndExceptionEvent() {
    CallInfo call = Calls.call("anthropic", "claude-3-5-sonnet", false);
    telemetry.callStart(call);
    telemetry.attemptStart(call, 1, "anthropic", "claude-3-5-sonnet");
    telemetry.responseHeaders(call, 401, HttpHeaders.EMPTY);
    RemoteException error = new RemoteException(StandardErrorCode.AUTHENTICATION, "invalid x-api-key (HTTP 401)",
        401, "authentication_error", "req-9", null);
    telemetry.callFailed(call, error, Duration.ofMillis(250));

    SpanData span = otel.onlySpan();
    assertThat(span.getName()).isEqualTo("chat claude-3-5-sonnet");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).contains("invalid x-api-key");
    assertThat(span.getAttributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo("authentication");
    assertThat(span.getAttributes().get(GenAiAttributes.ERROR_CODE)).isEqualTo("E1002");
    assertThat(span.getAttributes().get(GenAiAttributes.HTTP_STATUS)).isEqualTo(401L);
    assertThat(span.getAttributes().get(GenAiAttributes.USAGE_INPUT_TOKENS)).isNull();
    assertThat(span.getEvents()).extracting(EventData::getName).contains("exception");
    EventData exception = span.getEvents().stream().filter(e -> e.getName().equals("exception")).findFirst()
        .orElseThrow();
    assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(RemoteException.class.getName());

    Collection<MetricData> metrics = otel.collect();
    HistogramPointData duration = point(metrics, GenAiMetrics.OPERATION_DURATION, GenAiAttributes.ERROR_TYPE,
        "authentication");
    assertThat(duration.getSum()).isCloseTo(0.25, within(1e-9));
    assertThat(duration.getAttributes().get(GenAiAttributes.PROVIDER_NAME)).isEqualTo("anthropic");
    assertThat(points(metrics, GenAiMetrics.TOKEN_USAGE)).as("no usage reported, none recorded").isEmpty();
  }

  @Test
  void streamRecordsTimeToFirstChunkAndTimePerOutputChunk() {
    CallInfo call = Calls.call("openai", "gpt-4o", true);
    telemetry.callStart(call);
    telemetry.attemptStart(call, 1, "openai", "gpt-4o");
    telemetry.responseHeaders(call, 200, HttpHeaders.EMPTY);
    telemetry.firstChunk(call, Duration.ofMillis(300));
    telemetry.streamEvent(call, new StreamingEvent.ContentDelta("Fo", 0));
    telemetry.outputChunk(call, Duration.ofMillis(20));
    telemetry.streamEvent(call, new StreamingEvent.ContentDelta("ur", 0));
    telemetry.outputChunk(call, Duration.ofMillis(40));
    telemetry.streamEvent(call, new StreamingEvent.ContentDelta(".", 0));
    telemetry.usage(call, Calls.USAGE);
    telemetry.callEnd(call, Calls.outcome("gpt-4o", "chatcmpl-2", "end_turn", Calls.USAGE, 900, 1));

    SpanData span = otel.onlySpan();
    assertThat(span.getName()).isEqualTo("chat gpt-4o");
    assertThat(span.getAttributes().get(GenAiAttributes.STREAMING)).isTrue();
    assertThat(span.getAttributes().get(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK)).isCloseTo(0.3, within(1e-9));
    assertThat(span.getAttributes().get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(5L);
    assertThat(span.getAttributes().get(GenAiAttributes.OUTPUT_MESSAGES)).as("content off by default").isNull();

    Collection<MetricData> metrics = otel.collect();
    List<HistogramPointData> ttfc = points(metrics, GenAiMetrics.TIME_TO_FIRST_CHUNK);
    assertThat(ttfc).hasSize(1);
    assertThat(ttfc.get(0).getCount()).isEqualTo(1);
    assertThat(ttfc.get(0).getSum()).isCloseTo(0.3, within(1e-9));
    assertThat(ttfc.get(0).getAttributes().get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("gpt-4o");
    List<HistogramPointData> perChunk = points(metrics, GenAiMetrics.TIME_PER_OUTPUT_CHUNK);
    assertThat(perChunk).hasSize(1);
    assertThat(perChunk.get(0).getCount()).isEqualTo(2);
    assertThat(perChunk.get(0).getSum()).isCloseTo(0.06, within(1e-9));
    assertThat(perChunk.get(0).getBoundaries()).startsWith(0.01, 0.025).endsWith(2.5);
    assertThat(points(metrics, GenAiMetrics.OPERATION_DURATION).get(0).getSum()).isCloseTo(0.9, within(1e-9));
  }

  @Test
  void cancelledStreamEndsTheSpanAsCancelled() {
    CallInfo call = Calls.call("openai", "gpt-4o", true);
    telemetry.callStart(call);
    telemetry.attemptStart(call, 1, "openai", "gpt-4o");
    telemetry.responseHeaders(call, 200, HttpHeaders.EMPTY);
    telemetry.firstChunk(call, Duration.ofMillis(100));
    telemetry.outputChunk(call, Duration.ofMillis(10));
    telemetry.callCancelled(call, Duration.ofMillis(120));

    SpanData span = otel.onlySpan();
    assertThat(span.hasEnded()).isTrue();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("cancelled by the caller");
    assertThat(span.getAttributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo("cancelled");
    assertThat(span.getAttributes().get(GenAiAttributes.ERROR_CODE)).isEqualTo("E4002");
    assertThat(span.getAttributes().get(GenAiAttributes.RESPONSE_FINISH_REASONS)).isNull();

    Collection<MetricData> metrics = otel.collect();
    HistogramPointData duration = point(metrics, GenAiMetrics.OPERATION_DURATION, GenAiAttributes.ERROR_TYPE,
        "cancelled");
    assertThat(duration.getSum()).isCloseTo(0.12, within(1e-9));
    assertThat(points(metrics, GenAiMetrics.TIME_TO_FIRST_CHUNK).get(0).getCount()).isEqualTo(1);
    assertThat(points(metrics, GenAiMetrics.TIME_PER_OUTPUT_CHUNK).get(0).getCount()).isEqualTo(1);
  }

  @Test
  void retriedCallShowsEachAttemptAndRetryOnTheSpan() {
    CallInfo call = Calls.call("openai", "gpt-4o", false);
    telemetry.callStart(call);
    telemetry.attemptStart(call, 1, "openai", "gpt-4o");
    telemetry.responseHeaders(call, 429, HttpHeaders.of("retry-after", "2"));
    telemetry.retryScheduled(call, 2, Duration.ofMillis(2000), new RemoteException(StandardErrorCode.RATE_LIMITED,
        "rate limited (HTTP 429)", 429, "rate_limit_exceeded", null, Duration.ofSeconds(2)));
    telemetry.attemptStart(call, 2, "openai", "gpt-4o");
    telemetry.responseHeaders(call, 503, HttpHeaders.EMPTY);
    telemetry.retryScheduled(call, 3, Duration.ofMillis(400), new TransportException(TransportException.Kind.IO,
        "connection reset", null));
    telemetry.attemptStart(call, 3, "openai", "gpt-4o");
    telemetry.responseHeaders(call, 200, HttpHeaders.EMPTY);
    telemetry.callEnd(call, Calls.outcome("gpt-4o", "chatcmpl-3", "end_turn", Calls.USAGE, 2600, 3));

    SpanData span = otel.onlySpan();
    assertThat(span.getStatus().getStatusCode()).as("the call succeeded in the end").isEqualTo(StatusCode.UNSET);
    assertThat(span.getAttributes().get(GenAiAttributes.ATTEMPTS)).isEqualTo(3L);
    assertThat(span.getAttributes().get(GenAiAttributes.ERROR_TYPE)).isNull();
    assertThat(span.getEvents()).extracting(EventData::getName).containsExactly(
        "ailib.attempt", "ailib.response_headers", "ailib.retry",
        "ailib.attempt", "ailib.response_headers", "ailib.retry",
        "ailib.attempt", "ailib.response_headers");
    Attributes firstRetry = span.getEvents().get(2).getAttributes();
    assertThat(firstRetry.get(GenAiAttributes.ATTEMPT)).isEqualTo(2L);
    assertThat(firstRetry.get(GenAiAttributes.RETRY_DELAY)).isCloseTo(2.0, within(1e-9));
    assertThat(firstRetry.get(GenAiAttributes.ERROR_TYPE)).isEqualTo("rate_limited");
    assertThat(firstRetry.get(GenAiAttributes.ERROR_CODE)).isEqualTo("E2001");
    assertThat(firstRetry.get(GenAiAttributes.HTTP_STATUS)).isEqualTo(429L);
    Attributes secondRetry = span.getEvents().get(5).getAttributes();
    assertThat(secondRetry.get(GenAiAttributes.ATTEMPT)).isEqualTo(3L);
    assertThat(secondRetry.get(GenAiAttributes.RETRY_DELAY)).isCloseTo(0.4, within(1e-9));
    assertThat(secondRetry.get(GenAiAttributes.ERROR_TYPE)).isEqualTo("server_error");
    assertThat(secondRetry.get(GenAiAttributes.HTTP_STATUS)).as("no status on a transport failure").isNull();
    assertThat(span.getEvents().get(6).getAttributes().get(GenAiAttributes.ATTEMPT)).isEqualTo(3L);
    assertThat(span.getEvents().get(4).getAttributes().get(GenAiAttributes.HTTP_STATUS)).isEqualTo(503L);

    Collection<MetricData> metrics = otel.collect();
    assertThat(points(metrics, GenAiMetrics.OPERATION_DURATION)).as("one call, one duration point").hasSize(1);
    assertThat(points(metrics, GenAiMetrics.OPERATION_DURATION).get(0).getCount()).isEqualTo(1);
    assertThat(points(metrics, GenAiMetrics.OPERATION_DURATION).get(0).getSum()).isCloseTo(2.6, within(1e-9));
  }

  @Test
  void fallbackAttemptNamesTheProviderAndModelItWentTo() {
    CallInfo call = Calls.call("gemini", "gemini-2.0-flash", false);
    telemetry.callStart(call);
    telemetry.attemptStart(call, 1, "gemini", "gemini-2.0-flash");
    telemetry.retryScheduled(call, 2, Duration.ZERO, new RemoteException(StandardErrorCode.OVERLOADED, "overloaded",
        503, null, null, null));
    telemetry.attemptStart(call, 2, "mistral", "mistral-large");
    telemetry.callEnd(call, Calls.outcome("mistral-large", "x", "end_turn", Usage.EMPTY, 10, 2));

    SpanData span = otel.onlySpan();
    assertThat(span.getAttributes().get(GenAiAttributes.PROVIDER_NAME)).as("the conventions' name").isEqualTo(
        "gcp.gemini");
    Attributes second = span.getEvents().get(2).getAttributes();
    assertThat(second.get(GenAiAttributes.PROVIDER_NAME)).isEqualTo("mistral_ai");
    assertThat(second.get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("mistral-large");
    assertThat(span.getAttributes().get(GenAiAttributes.USAGE_INPUT_TOKENS)).as("empty usage not reported").isNull();
    assertThat(points(otel.collect(), GenAiMetrics.TOKEN_USAGE)).isEmpty();
  }

  @Test
  void eventsOfAnUnknownCallAreIgnored() {
    CallInfo call = Calls.call("openai", "gpt-4o", true);
    telemetry.attemptStart(call, 1, "openai", "gpt-4o");
    telemetry.firstChunk(call, Duration.ofMillis(1));
    telemetry.callEnd(call, Calls.outcome("gpt-4o", "x", "end_turn", Calls.USAGE, 1, 1));
    telemetry.callFailed(call, new RemoteException(StandardErrorCode.SERVER_ERROR, "x", 500, null, null, null),
        Duration.ZERO);
    telemetry.callCancelled(call, Duration.ZERO);
    assertThat(telemetry.activate(call)).isSameAs(dev.ailib.core.spi.telemetry.TelemetryScope.NONE);
    assertThat(otel.spans.getFinishedSpanItems()).isEmpty();
    assertThat(points(otel.collect(), GenAiMetrics.OPERATION_DURATION)).isEmpty();
  }

  @Test
  void streamEndedWithMaxTokensKeepsTheCanonicalFinishReason() {
    CallInfo call = Calls.call("deepseek", "deepseek-chat", true);
    telemetry.callStart(call);
    telemetry.streamEvent(call, new StreamingEvent.StreamEnd(FinishReason.MAX_TOKENS, "length", 0));
    telemetry.callEnd(call, Calls.outcome("deepseek-chat", "d-1", "max_tokens", Calls.USAGE, 5, 1));
    assertThat(otel.onlySpan().getAttributes().get(GenAiAttributes.RESPONSE_FINISH_REASONS))
        .containsExactly("max_tokens");
    assertThat(otel.onlySpan().getAttributes().get(GenAiAttributes.PROVIDER_NAME)).isEqualTo("deepseek");
  }
}
