package dev.ailib.it.operations;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.Sleeper;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.CallOutcome;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.OperationFormat;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shared set-up of the embeddings and rerank tests: the bundled manifests plus the fixtures in this package's
 * resources (the Cohere v2 operations, two small-batch providers), a FakeProvider, a sleeper that records waits
 * instead of waiting, a recording telemetry listener.
 */
final class OperationFixtures {
  static final String KEY = "sk-ops-7c1d";

  private OperationFixtures() {
  }

  /** One embeddings wire style, through a model the bundled manifests or the fixtures declare. */
  enum Style {
    OPENAI("openai/text-embedding-3-small", "/v1", 2048, "dimensions", OperationFormat.OPENAI_EMBEDDINGS),
    MISTRAL("mistral/mistral-embed", "/v1", 128, "output_dimension", OperationFormat.OPENAI_EMBEDDINGS),
    QWEN("qwen/text-embedding-v4", "/compatible-mode/v1", 10, "dimensions", OperationFormat.OPENAI_EMBEDDINGS),
    JINA("jina/jina-embeddings-v3", "", 2048, "dimensions", OperationFormat.OPENAI_EMBEDDINGS),
    GEMINI("gemini/gemini-embedding-001", "/v1beta", 100, "outputDimensionality",
        OperationFormat.GEMINI_BATCH_EMBED_CONTENTS),
    COHERE("cohere/embed-v4.0", "/v2", 96, "output_dimension", OperationFormat.COHERE_EMBED);

    final String model;
    final String prefix;
    final int batchLimit;
    final String dimensionsField;
    final OperationFormat batchFormat;

    Style(String model, String prefix, int batchLimit, String dimensionsField, OperationFormat batchFormat) {
      this.model = model;
      this.prefix = prefix;
      this.batchLimit = batchLimit;
      this.dimensionsField = dimensionsField;
      this.batchFormat = batchFormat;
    }

    /** Where a batch request of this style holds the requested dimensions. */
    String dimensionsPath() {
      return this == GEMINI ? "requests[0]." + dimensionsField : dimensionsField;
    }

    /** The inputs of a recorded batch request. */
    List<?> inputsOf(dev.ailib.testkit.fake.RecordedRequest r) {
      Object v = switch (this) {
        case GEMINI -> r.jsonAt("requests");
        case COHERE -> r.jsonAt("texts");
        default -> r.jsonAt("input");
      };
      return v instanceof List<?> l ? l : List.of(v);
    }
  }

  static Path fixtures() {
    try {
      return Path.of(OperationFixtures.class.getResource("cohere2.yaml").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client of a model at the fake, retries as given, waits recorded by {@code sleeper}. */
  static AiClientBuilder builder(FakeProvider fake, String model, String prefix, int retries, Sleeper sleeper) {
    return AiClient.builder()
        .model(model)
        .baseUrl(fake.baseUrl() + prefix)
        .apiKey(KEY)
        .protocolDir(fixtures())
        .resilience(ResilientConfig.builder().maxRetries(retries).build())
        .component(sleeper)
        .component(Environment.of(Map.of("FAKE_URL", fake.baseUrl(), "OTHERBATCH_API_KEY", KEY)));
  }

  static AiClientBuilder builder(FakeProvider fake, Style style, int retries, Sleeper sleeper) {
    return builder(fake, style.model, style.prefix, retries, sleeper);
  }

  /** Records each wait and returns at once. */
  static final class Waits implements Sleeper {
    final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized boolean sleep(Duration duration, CancelToken cancel) {
      waits.add(duration);
      return !cancel.isCancelled();
    }

    synchronized List<Duration> snapshot() {
      return List.copyOf(waits);
    }
  }

  /** Records the calls and attempts telemetry sees. */
  static final class Recorder implements TelemetryListener {
    final List<String> events = new ArrayList<>();
    final List<CallInfo> calls = new ArrayList<>();
    final List<CallOutcome> outcomes = new ArrayList<>();

    @Override
    public synchronized void callStart(CallInfo call) {
      calls.add(call);
      events.add("start " + call.operation() + " " + call.provider() + "/" + call.model());
    }

    @Override
    public synchronized void attemptStart(CallInfo call, int attempt, String provider, String model) {
      events.add("attempt " + attempt + " " + provider + "/" + model);
    }

    @Override
    public synchronized void retryScheduled(CallInfo call, int nextAttempt, Duration delay,
        dev.ailib.api.error.AiLibException reason) {
      events.add("retry " + nextAttempt + " after " + delay);
    }

    @Override
    public synchronized void callEnd(CallInfo call, CallOutcome outcome) {
      outcomes.add(outcome);
      events.add("end " + call.operation());
    }

    @Override
    public synchronized void callFailed(CallInfo call, dev.ailib.api.error.AiLibException error, Duration d) {
      events.add("failed " + call.operation() + " " + error.errorType().code());
    }

    synchronized List<String> snapshot() {
      return List.copyOf(events);
    }
  }
}
