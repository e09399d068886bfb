package dev.ailib.spring.boot.autoconfigure.observation;

import dev.ailib.api.Usage;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.CallOutcome;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.core.spi.telemetry.TelemetryScope;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every ai-lib call as a Micrometer {@link Observation} named {@value #OBSERVATION_NAME}, with the GenAI
 * semantic conventions' names: the contextual name (a tracing span's name) is {@code "{operation} {model}"} such as
 * {@code chat gpt-4o}; the low-cardinality keys (timer tags) are {@code gen_ai.operation.name},
 * {@code gen_ai.provider.name}, {@code gen_ai.request.model}, {@code gen_ai.response.model}, {@code server.address},
 * {@code server.port} and {@code error.type} ({@code none} when absent, so that every timer has the same tags); the
 * high-cardinality keys (span attributes only) are {@code gen_ai.response.id},
 * {@code gen_ai.response.finish_reasons}, {@code gen_ai.usage.input_tokens} and {@code gen_ai.usage.output_tokens}.
 * With a {@link TokenUsageMeter}, token counts are also recorded as the {@code gen_ai.client.token.usage}
 * distribution. Message content is never recorded.
 *
 * <p>The observation's parent is the caller's current observation (the engine sends {@code callStart} on the
 * caller's thread); the engine makes the call's observation current around its own work through {@link #activate}.
 * Per-call state is kept by call id and removed at the call's end. Thread-safe.
 */
public final class ObservationTelemetry implements TelemetryListener {
  /** The observation's name (and so the Micrometer timer's). */
  public static final String OBSERVATION_NAME = "gen_ai.client.operation";
  /** The value of a low-cardinality key that is not known for this call. */
  static final String NONE = "none";

  private final ObservationRegistry registry;
  private final TokenUsageMeter tokens;
  private final Map<Long, CallState> calls = new ConcurrentHashMap<>();

  /**
   * Records to this registry, without token metrics.
   *
   * @param registry the application's registry
   */
  public ObservationTelemetry(ObservationRegistry registry) {
    this(registry, null);
  }

  /**
   * Records to this registry, and token counts to this meter.
   *
   * @param registry the application's registry
   * @param tokens where token counts go, or null for none
   */
  public ObservationTelemetry(ObservationRegistry registry, TokenUsageMeter tokens) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.tokens = tokens;
  }

  /** Number of calls whose end has not been seen yet. */
  public int callsInFlight() {
    return calls.size();
  }

  @Override
  public void callStart(CallInfo call) {
    if (registry.isNoop()) {
      return;
    }
    String operation = call.operation() == null || call.operation().isEmpty() ? "chat" : call.operation();
    String model = call.model() == null ? NONE : call.model();
    Observation o = Observation.createNotStarted(OBSERVATION_NAME, registry)
        .contextualName(call.model() == null ? operation : operation + " " + call.model())
        .lowCardinalityKeyValue(GenAiKeys.OPERATION_NAME, operation)
        .lowCardinalityKeyValue(GenAiKeys.PROVIDER_NAME, GenAiKeys.providerName(call.provider()))
        .lowCardinalityKeyValue(GenAiKeys.REQUEST_MODEL, model)
        .lowCardinalityKeyValue(GenAiKeys.SERVER_ADDRESS,
            call.serverAddress() == null || call.serverAddress().isEmpty() ? NONE : call.serverAddress())
        .lowCardinalityKeyValue(GenAiKeys.SERVER_PORT, call.serverPort() > 0 ? Integer.toString(call.serverPort()) : NONE)
        .highCardinalityKeyValue(GenAiKeys.STREAMING, Boolean.toString(call.streaming()));
    o.start();
    calls.put(call.callId(), new CallState(o, operation, model));
  }

  @Override
  public void attemptStart(CallInfo call, int attempt, String provider, String model) {
    CallState s = calls.get(call.callId());
    if (s != null && attempt > 1) {
      s.observation.event(Observation.Event.of("ailib.attempt", "attempt " + attempt + " to " + provider + "/" + model));
    }
  }

  @Override
  public void retryScheduled(CallInfo call, int nextAttempt, Duration delay, AiLibException reason) {
    CallState s = calls.get(call.callId());
    if (s != null) {
      String why = reason == null ? "" : " after " + reason.errorType().wireName();
      s.observation.event(Observation.Event.of("ailib.retry", "retry " + nextAttempt + " in " + delay.toMillis() + " ms"
          + why));
    }
  }

  @Override
  public void usage(CallInfo call, Usage usage) {
    CallState s = calls.get(call.callId());
    if (s != null) {
      s.usage(usage);
    }
  }

  @Override
  public void callEnd(CallInfo call, CallOutcome outcome) {
    CallState s = calls.remove(call.callId());
    if (s == null) {
      return;
    }
    Observation o = s.observation;
    Usage usage = s.usage();
    String responseModel = NONE;
    if (outcome != null) {
      if (outcome.responseModel() != null) {
        responseModel = outcome.responseModel();
      }
      if (outcome.responseId() != null) {
        o.highCardinalityKeyValue(GenAiKeys.RESPONSE_ID, outcome.responseId());
      }
      if (outcome.finishReasons() != null && !outcome.finishReasons().isEmpty()) {
        o.highCardinalityKeyValue(GenAiKeys.FINISH_REASONS, String.join(",", outcome.finishReasons()));
      }
      if (outcome.usage() != null && !Usage.EMPTY.equals(outcome.usage())) {
        usage = outcome.usage();
      }
    }
    o.lowCardinalityKeyValue(GenAiKeys.RESPONSE_MODEL, responseModel);
    o.lowCardinalityKeyValue(GenAiKeys.ERROR_TYPE, NONE);
    if (usage != null && !Usage.EMPTY.equals(usage)) {
      o.highCardinalityKeyValue(GenAiKeys.INPUT_TOKENS, Long.toString(usage.promptTokens()));
      o.highCardinalityKeyValue(GenAiKeys.OUTPUT_TOKENS, Long.toString(usage.completionTokens()));
      if (tokens != null) {
        tokens.record(s.operation, GenAiKeys.providerName(call.provider()), s.model, responseModel, usage);
      }
    }
    o.stop();
  }

  @Override
  public void callFailed(CallInfo call, AiLibException error, Duration duration) {
    CallState s = calls.remove(call.callId());
    if (s == null) {
      return;
    }
    StandardErrorCode code = error == null ? StandardErrorCode.UNKNOWN : error.errorType();
    s.observation.lowCardinalityKeyValue(GenAiKeys.RESPONSE_MODEL, NONE)
        .lowCardinalityKeyValue(GenAiKeys.ERROR_TYPE, code.wireName().toLowerCase(Locale.ROOT))
        .highCardinalityKeyValue(KeyValue.of(GenAiKeys.ERROR_CODE, code.code()));
    if (error != null) {
      s.observation.error(error);
    }
    s.observation.stop();
  }

  @Override
  public void callCancelled(CallInfo call, Duration duration) {
    CallState s = calls.remove(call.callId());
    if (s == null) {
      return;
    }
    s.observation.lowCardinalityKeyValue(GenAiKeys.RESPONSE_MODEL, NONE)
        .lowCardinalityKeyValue(GenAiKeys.ERROR_TYPE, StandardErrorCode.CANCELLED.wireName())
        .highCardinalityKeyValue(GenAiKeys.ERROR_CODE, StandardErrorCode.CANCELLED.code());
    s.observation.stop();
  }

  @Override
  public TelemetryScope activate(CallInfo call) {
    CallState s = calls.get(call.callId());
    if (s == null) {
      return TelemetryScope.NONE;
    }
    Observation.Scope scope = s.observation.openScope();
    return scope::close;
  }

  /** Makes the caller's current observation current again on the thread that runs the call. */
  @Override
  public Runnable propagateContext(Runnable task) {
    Observation current = registry.getCurrentObservation();
    if (current == null) {
      return task;
    }
    return () -> {
      try (Observation.Scope ignored = current.openScope()) {
        task.run();
      }
    };
  }

  @Override
  public String toString() {
    return "ObservationTelemetry[" + OBSERVATION_NAME + (tokens == null ? "" : ", token usage") + "]";
  }

  /** One call in flight. */
  private static final class CallState {
    final Observation observation;
    final String operation;
    final String model;
    private Usage usage;

    CallState(Observation observation, String operation, String model) {
      this.observation = observation;
      this.operation = operation;
      this.model = model;
    }

    synchronized void usage(Usage value) {
      usage = value;
    }

    synchronized Usage usage() {
      return usage;
    }
  }
}
