package dev.ailib.telemetry.otel;

import static dev.ailib.telemetry.otel.GenAiAttributes.*;

import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.EmbeddingRequest;
import dev.ailib.api.RerankRequest;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.Cost;
import dev.ailib.api.Usage;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.CallOutcome;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.core.spi.telemetry.TelemetryScope;
import dev.ailib.core.spi.transport.HttpHeaders;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every ai-lib call as OpenTelemetry data, following the GenAI semantic conventions: a {@link SpanKind#CLIENT}
 * span named {@code "{operation} {model}"} (such as {@code chat gpt-4o}) with the {@code gen_ai.*} request, response
 * and usage attributes, retries as span events, and the {@code gen_ai.client.*} histograms. Message content is not
 * recorded unless {@link OtelTelemetryBuilder#captureMessageContent(boolean)} turns it on.
 *
 * <p>Pass it to the client with {@code AiClient.builder().telemetry(new OtelTelemetry(openTelemetry))}, or let
 * {@link java.util.ServiceLoader} find {@link OtelTelemetryProvider}, which uses {@link GlobalOpenTelemetry}. An
 * instance passed to the builder replaces the discovered one (one span per call, never two), and an instance made with
 * an {@link OpenTelemetry} never looks at the global.
 *
 * <p>One recording to the global never registers it: {@link GlobalOpenTelemetry#get()} would install the no-op as the
 * global when none is set, and a later {@code buildAndRegisterGlobal()} (what an application, a framework or the
 * Java agent does at start-up) would then fail. So while no global is registered, calls are not recorded, and the
 * first call after one is registered binds to it. With opentelemetry-api older than 1.57, which cannot tell whether
 * a global is set without setting it, the global is resolved at the first call as before: there, register the
 * global before the first call or pass an instance.
 *
 * <p>The span's parent is {@link Context#current()} on the thread that starts the call (the engine sends
 * {@code callStart} there, before any hand-off to other threads), so async and streaming calls nest under the caller's
 * span. The engine makes the call's span current around its own work through {@link #activate}.
 *
 * <p>Per-call state is kept by call id and removed at the call's end, failure or cancellation. When the
 * OpenTelemetry in use is the API's no-op one (no SDK installed), no state is kept and every event returns at once.
 * Thread-safe.
 */
public final class OtelTelemetry implements TelemetryListener {
  /** The instrumentation scope name of the tracer and meter. */
  public static final String INSTRUMENTATION_NAME = "dev.ailib.telemetry.otel";

  private final OpenTelemetry openTelemetry;
  private final boolean captureMessageContent;
  private final boolean emitLegacySystemAttribute;
  /** Used while no global is registered: records nothing. */
  private static final Instruments UNBOUND = new Instruments(OpenTelemetry.noop());

  private final Map<Long, CallState> calls = new ConcurrentHashMap<>();
  private volatile Instruments instruments;

  /**
   * Records to {@link GlobalOpenTelemetry} once one is registered (nothing is recorded before; the global is never
   * registered by this listener); message content off.
   */
  public OtelTelemetry() {
    this(null, false, false);
  }

  /**
   * Records to the given OpenTelemetry; message content off.
   *
   * @param openTelemetry the OpenTelemetry instance, such as the application's SDK
   */
  public OtelTelemetry(OpenTelemetry openTelemetry) {
    this(Objects.requireNonNull(openTelemetry, "openTelemetry"), false, false);
  }

  OtelTelemetry(OpenTelemetry openTelemetry, boolean captureMessageContent, boolean emitLegacySystemAttribute) {
    this.openTelemetry = openTelemetry;
    this.captureMessageContent = captureMessageContent;
    this.emitLegacySystemAttribute = emitLegacySystemAttribute;
  }

  /**
   * A builder recording to the given OpenTelemetry.
   *
   * @param openTelemetry the OpenTelemetry instance
   * @return the builder
   */
  public static OtelTelemetryBuilder builder(OpenTelemetry openTelemetry) {
    return new OtelTelemetryBuilder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * A builder recording to {@link GlobalOpenTelemetry} once one is registered.
   *
   * @return the builder
   */
  public static OtelTelemetryBuilder builder() {
    return new OtelTelemetryBuilder(null);
  }

  /** Whether input and output messages are recorded on spans. */
  public boolean capturesMessageContent() {
    return captureMessageContent;
  }

  /** Number of calls whose end has not been seen yet (for tests and health checks). */
  public int callsInFlight() {
    return calls.size();
  }

  @Override
  public void callStart(CallInfo call) {
    Instruments in = instruments();
    if (in.noop) {
      return; // no SDK: keep nothing, so that every later event is a failed map lookup
    }
    String operation = call.operation() == null || call.operation().isEmpty() ? "chat" : call.operation();
    String providerName = ProviderNames.of(call.provider());
    AttributesBuilder common = Attributes.builder().put(OPERATION_NAME, operation).put(PROVIDER_NAME, providerName);
    if (emitLegacySystemAttribute) {
      common.put(SYSTEM, providerName);
    }
    if (call.model() != null) {
      common.put(REQUEST_MODEL, call.model());
    }
    if (call.serverAddress() != null && !call.serverAddress().isEmpty()) {
      common.put(SERVER_ADDRESS, call.serverAddress());
      if (call.serverPort() > 0) {
        common.put(SERVER_PORT, (long) call.serverPort());
      }
    }
    Attributes metricAttributes = common.build();

    Context parent = Context.current();
    SpanBuilder builder = in.tracer.spanBuilder(call.model() == null ? operation : operation + " " + call.model())
        .setSpanKind(SpanKind.CLIENT).setParent(parent).setAllAttributes(metricAttributes)
        .setAttribute(STREAMING, call.streaming());
    if (call.input() instanceof EmbeddingRequest e) {
      if (e.dimensions() != null) {
        builder.setAttribute(EMBEDDINGS_DIMENSION_COUNT, e.dimensions().longValue());
      }
      builder.setAttribute(EMBEDDINGS_INPUT_COUNT, (long) e.inputs().size());
    } else if (call.input() instanceof RerankRequest r) {
      builder.setAttribute(RERANK_DOCUMENT_COUNT, (long) r.documents().size());
      if (r.topN() != null) {
        builder.setAttribute(RERANK_TOP_N, r.topN().longValue());
      }
    }
    ChatRequest request = call.request();
    if (request != null) {
      if (request.temperature() != null) {
        builder.setAttribute(REQUEST_TEMPERATURE, request.temperature());
      }
      if (request.maxTokens() != null) {
        builder.setAttribute(REQUEST_MAX_TOKENS, request.maxTokens().longValue());
      }
      if (request.topP() != null) {
        builder.setAttribute(REQUEST_TOP_P, request.topP());
      }
      if (!request.stop().isEmpty()) {
        builder.setAttribute(REQUEST_STOP_SEQUENCES, request.stop());
      }
      if (request.tag() != null) {
        builder.setAttribute(REQUEST_TAG, request.tag());
      }
    }
    Span span = builder.startSpan();
    boolean recordContent = captureMessageContent && span.isRecording();
    if (recordContent && request != null) {
      span.setAttribute(INPUT_MESSAGES, MessageJson.inputMessages(request.messages()));
    }
    boolean outputTokens = !(call.input() instanceof EmbeddingRequest) && !(call.input() instanceof RerankRequest);
    calls.put(call.callId(), new CallState(span, parent.with(span), metricAttributes, System.nanoTime(),
        recordContent && call.streaming(), outputTokens));
  }

  @Override
  public void attemptStart(CallInfo call, int attempt, String provider, String model) {
    CallState state = calls.get(call.callId());
    if (state == null) {
      return;
    }
    state.attemptStarted(attempt);
    AttributesBuilder a = Attributes.builder().put(ATTEMPT, (long) attempt);
    if (provider != null) {
      a.put(PROVIDER_NAME, ProviderNames.of(provider));
    }
    if (model != null) {
      a.put(REQUEST_MODEL, model);
    }
    state.span.addEvent(EVENT_ATTEMPT, a.build());
  }

  @Override
  public void retryScheduled(CallInfo call, int nextAttempt, Duration delay, AiLibException reason) {
    CallState state = calls.get(call.callId());
    if (state == null) {
      return;
    }
    AttributesBuilder a = Attributes.builder().put(ATTEMPT, (long) nextAttempt);
    if (delay != null) {
      a.put(RETRY_DELAY, seconds(delay));
    }
    if (reason != null) {
      a.put(ERROR_TYPE, reason.errorType().wireName()).put(ERROR_CODE, reason.errorType().code());
      if (reason.statusCode() > 0) {
        a.put(HTTP_STATUS, (long) reason.statusCode());
      }
    }
    state.span.addEvent(EVENT_RETRY, a.build());
  }

  @Override
  public void responseHeaders(CallInfo call, int status, HttpHeaders headers) {
    CallState state = calls.get(call.callId());
    if (state == null) {
      return;
    }
    state.span.addEvent(EVENT_RESPONSE_HEADERS,
        Attributes.of(HTTP_STATUS, (long) status, ATTEMPT, (long) Math.max(1, state.attempts())));
  }

  @Override
  public void firstChunk(CallInfo call, Duration sinceStart) {
    CallState state = calls.get(call.callId());
    if (state == null || sinceStart == null) {
      return;
    }
    double s = seconds(sinceStart);
    state.span.setAttribute(RESPONSE_TIME_TO_FIRST_CHUNK, s);
    instruments().metrics.timeToFirstChunk.record(s, state.metricAttributes);
  }

  @Override
  public void outputChunk(CallInfo call, Duration sincePrevious) {
    CallState state = calls.get(call.callId());
    if (state == null || sincePrevious == null) {
      return;
    }
    instruments().metrics.timePerOutputChunk.record(seconds(sincePrevious), state.metricAttributes);
  }

  @Override
  public void usage(CallInfo call, Usage usage) {
    CallState state = calls.get(call.callId());
    if (state != null && usage != null) {
      state.usage(usage);
    }
  }

  @Override
  public void streamEvent(CallInfo call, StreamingEvent event) {
    CallState state = calls.get(call.callId());
    if (state != null && state.accumulatesOutput() && event != null) {
      state.streamEvent(event);
    }
  }

  @Override
  public void response(CallInfo call, ChatResponse response) {
    CallState state = calls.get(call.callId());
    if (state == null || response == null || !captureMessageContent || !state.span.isRecording()) {
      return;
    }
    state.span.setAttribute(OUTPUT_MESSAGES, MessageJson.outputMessage(response.content(), response.toolCalls(),
        response.finishReason().wireName()));
  }

  @Override
  public void callEnd(CallInfo call, CallOutcome outcome) {
    CallState state = calls.remove(call.callId());
    if (state == null) {
      return;
    }
    Span span = state.span;
    AttributesBuilder metricAttributes = state.metricAttributes.toBuilder();
    Usage usage = state.usage();
    int attempts = state.attempts();
    Duration duration = null;
    Cost cost = null;
    List<String> finishReasons = List.of();
    if (outcome != null) {
      if (outcome.responseModel() != null) {
        span.setAttribute(RESPONSE_MODEL, outcome.responseModel());
        metricAttributes.put(RESPONSE_MODEL, outcome.responseModel());
      }
      if (outcome.responseId() != null) {
        span.setAttribute(RESPONSE_ID, outcome.responseId());
      }
      if (outcome.finishReasons() != null && !outcome.finishReasons().isEmpty()) {
        finishReasons = outcome.finishReasons();
        span.setAttribute(RESPONSE_FINISH_REASONS, finishReasons);
      }
      if (outcome.usage() != null && !Usage.EMPTY.equals(outcome.usage())) {
        usage = outcome.usage();
      }
      if (outcome.stats() != null) {
        cost = outcome.stats().cost();
        attempts = Math.max(attempts, outcome.stats().attempts());
        if (outcome.stats().latencyMs() >= 0) {
          duration = Duration.ofMillis(outcome.stats().latencyMs());
        }
      }
    }
    if (state.accumulatesOutput()) {
      String json = state.streamedOutputJson(finishReasons.isEmpty() ? null : finishReasons.get(0));
      if (json != null) {
        span.setAttribute(OUTPUT_MESSAGES, json);
      }
    }
    finish(state, metricAttributes.build(), usage, cost, attempts, duration);
  }

  @Override
  public void callFailed(CallInfo call, AiLibException error, Duration duration) {
    CallState state = calls.remove(call.callId());
    if (state == null) {
      return;
    }
    StandardErrorCode code = error == null ? StandardErrorCode.UNKNOWN : error.errorType();
    Span span = state.span;
    span.setAttribute(ERROR_TYPE, code.wireName());
    span.setAttribute(ERROR_CODE, code.code());
    if (error != null) {
      if (error.statusCode() > 0) {
        span.setAttribute(HTTP_STATUS, (long) error.statusCode());
      }
      span.recordException(error);
    }
    span.setStatus(StatusCode.ERROR, error == null || error.getMessage() == null ? code.toString() : error.getMessage());
    Attributes metricAttributes = state.metricAttributes.toBuilder().put(ERROR_TYPE, code.wireName()).build();
    finish(state, metricAttributes, state.usage(), null, state.attempts(), duration);
  }

  @Override
  public void callCancelled(CallInfo call, Duration duration) {
    CallState state = calls.remove(call.callId());
    if (state == null) {
      return;
    }
    StandardErrorCode code = StandardErrorCode.CANCELLED;
    state.span.setAttribute(ERROR_TYPE, code.wireName());
    state.span.setAttribute(ERROR_CODE, code.code());
    state.span.setStatus(StatusCode.ERROR, "cancelled by the caller");
    Attributes metricAttributes = state.metricAttributes.toBuilder().put(ERROR_TYPE, code.wireName()).build();
    finish(state, metricAttributes, state.usage(), null, state.attempts(), duration);
  }

  @Override
  public TelemetryScope activate(CallInfo call) {
    CallState state = calls.get(call.callId());
    if (state == null) {
      return TelemetryScope.NONE;
    }
    Scope scope = state.context.makeCurrent();
    return scope::close;
  }

  /** Carries the caller's {@link Context} (its current span) to the thread that will run the call. */
  @Override
  public Runnable propagateContext(Runnable task) {
    Instruments in = instruments();
    return in.noop ? task : Context.current().wrap(task);
  }

  private void finish(CallState state, Attributes metricAttributes, Usage usage, Cost cost, int attempts,
      Duration duration) {
    Span span = state.span;
    if (attempts > 0) {
      span.setAttribute(ATTEMPTS, (long) attempts);
    }
    boolean usageKnown = usage != null && !Usage.EMPTY.equals(usage);
    if (usageKnown) {
      span.setAttribute(USAGE_INPUT_TOKENS, usage.promptTokens());
      if (state.outputTokens) {
        span.setAttribute(USAGE_OUTPUT_TOKENS, usage.completionTokens());
      }
      if (usage.cachedTokens() > 0) {
        span.setAttribute(USAGE_CACHE_READ_INPUT_TOKENS, usage.cachedTokens());
      }
      if (usage.cacheWriteTokens() > 0) {
        span.setAttribute(USAGE_CACHE_CREATION_INPUT_TOKENS, usage.cacheWriteTokens());
      }
      if (usage.reasoningTokens() > 0) {
        span.setAttribute(USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningTokens());
      }
    }
    boolean costKnown = cost != null && cost.known();
    if (costKnown) {
      span.setAttribute(USAGE_COST_AMOUNT, cost.total().doubleValue());
      span.setAttribute(USAGE_COST_CURRENCY, cost.currency());
    }
    span.end();
    GenAiMetrics metrics = instruments().metrics;
    double seconds = duration != null ? seconds(duration) : (System.nanoTime() - state.startNanos) / 1e9;
    metrics.duration.record(seconds, metricAttributes);
    if (usageKnown) {
      metrics.tokenUsage.record(usage.promptTokens(), metricAttributes.toBuilder().put(TOKEN_TYPE, "input").build());
      if (state.outputTokens) {
        metrics.tokenUsage.record(usage.completionTokens(),
            metricAttributes.toBuilder().put(TOKEN_TYPE, "output").build());
      }
      if (usage.cachedTokens() > 0) {
        metrics.cachedTokenUsage.record(usage.cachedTokens(),
            metricAttributes.toBuilder().put(TOKEN_TYPE, CACHE_READ).build());
      }
      if (usage.cacheWriteTokens() > 0) {
        metrics.cachedTokenUsage.record(usage.cacheWriteTokens(),
            metricAttributes.toBuilder().put(TOKEN_TYPE, CACHE_CREATION).build());
      }
    }
    if (costKnown) {
      metrics.cost.record(cost.total().doubleValue(),
          metricAttributes.toBuilder().put(USAGE_COST_CURRENCY, cost.currency()).build());
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private Instruments instruments() {
    Instruments in = instruments;
    if (in != null) {
      return in;
    }
    if (openTelemetry != null) {
      synchronized (this) {
        if (instruments == null) {
          instruments = new Instruments(openTelemetry);
        }
        return instruments;
      }
    }
    OpenTelemetry global = GlobalOtel.registered();
    if (global == null) {
      return UNBOUND; // not bound: the next call looks again
    }
    synchronized (this) {
      if (instruments == null) {
        instruments = new Instruments(global);
      }
      return instruments;
    }
  }

  @Override
  public String toString() {
    return "OtelTelemetry[captureMessageContent=" + captureMessageContent + ", emitLegacySystemAttribute="
        + emitLegacySystemAttribute + "]";
  }

  /** The tracer and metrics, created once per listener. */
  private static final class Instruments {
    final Tracer tracer;
    final GenAiMetrics metrics;
    /** Whether both the tracer and the meter are the API's no-op ones (no SDK installed). */
    final boolean noop;

    Instruments(OpenTelemetry otel) {
      String version = OtelTelemetry.class.getPackage().getImplementationVersion();
      var tb = otel.tracerBuilder(INSTRUMENTATION_NAME);
      var mb = otel.meterBuilder(INSTRUMENTATION_NAME);
      if (version != null) {
        tb.setInstrumentationVersion(version);
        mb.setInstrumentationVersion(version);
      }
      tracer = tb.build();
      Meter meter = mb.build();
      metrics = new GenAiMetrics(meter);
      noop = tracer == TracerProvider.noop().get(INSTRUMENTATION_NAME)
          && meter == MeterProvider.noop().get(INSTRUMENTATION_NAME);
    }
  }
}
