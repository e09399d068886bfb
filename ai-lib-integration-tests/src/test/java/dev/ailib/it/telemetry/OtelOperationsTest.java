package dev.ailib.it.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.EmbeddingInputType;
import dev.ailib.api.ResilientConfig;
import dev.ailib.core.spi.Environment;
import dev.ailib.telemetry.otel.OtelTelemetry;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Embeddings and rerank calls as OpenTelemetry GenAI data: one span per call (over all its batches), operation name
 * {@code embeddings} (the conventions') or {@code rerank} (ai-lib's own), input tokens only.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OtelOperationsTest {
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  private static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  private static final AttributeKey<Long> DIMENSIONS = AttributeKey.longKey("gen_ai.embeddings.dimension.count");
  private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  private static final AttributeKey<Long> INPUT_COUNT = AttributeKey.longKey("ailib.embeddings.input_count");
  private static final AttributeKey<Long> DOCUMENTS = AttributeKey.longKey("ailib.rerank.document_count");
  private static final AttributeKey<Long> TOP_N = AttributeKey.longKey("ailib.rerank.top_n");
  private static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("ailib.attempts");
  private static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .build();
  private final FakeProvider fake = FakeProvider.builder().defaultReply(Reply.computed()).start();

  @AfterEach
  void close() {
    fake.close();
    sdk.close();
  }

  private AiClient client(String model, String prefix) {
    return AiClient.builder().model(model).baseUrl(fake.baseUrl() + prefix).apiKey("sk-test")
        .telemetry(new OtelTelemetry(sdk)).resilience(ResilientConfig.builder().maxRetries(0).build())
        .component(Environment.of(Map.of())).build();
  }

  private static List<HistogramPointData> points(Collection<MetricData> all, String name) {
    return all.stream().filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getHistogramData().getPoints().stream()).map(p -> (HistogramPointData) p).toList();
  }

  @Test
  void anEmbeddingsCallInBatchesIsOneSpanWithTheConventionsAttributes() {
    List<String> inputs = IntStream.range(0, 25).mapToObj(i -> "two words" + i).toList(); // 3 batches of 10
    try (AiClient client = client("qwen/text-embedding-v4", "/v1")) {
      client.embeddings().inputs(inputs).dimensions(64).inputType(EmbeddingInputType.DOCUMENT).execute();
    }
    assertThat(fake.requestCount()).isEqualTo(3);
    List<SpanData> all = spans.getFinishedSpanItems();
    assertThat(all).hasSize(1);
    SpanData span = all.get(0);
    assertThat(span.getName()).isEqualTo("embeddings text-embedding-v4");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    Attributes a = span.getAttributes();
    assertThat(a.get(OPERATION)).isEqualTo("embeddings");
    assertThat(a.get(PROVIDER)).isEqualTo("qwen");
    assertThat(a.get(REQUEST_MODEL)).isEqualTo("text-embedding-v4");
    assertThat(a.get(RESPONSE_MODEL)).isEqualTo("text-embedding-v4");
    assertThat(a.get(DIMENSIONS)).isEqualTo(64L);
    assertThat(a.get(INPUT_COUNT)).isEqualTo(25L);
    assertThat(a.get(INPUT_TOKENS)).isEqualTo(50L);
    assertThat(a.get(OUTPUT_TOKENS)).as("embeddings have input tokens only").isNull();
    assertThat(a.get(ATTEMPTS)).isEqualTo(3L);
    Collection<MetricData> m = metrics.collectAllMetrics();
    assertThat(points(m, "gen_ai.client.operation.duration")).singleElement()
        .satisfies(p -> assertThat(p.getAttributes().get(OPERATION)).isEqualTo("embeddings"));
    assertThat(points(m, "gen_ai.client.token.usage")).singleElement().satisfies(p -> {
      assertThat(p.getAttributes().get(TOKEN_TYPE)).isEqualTo("input");
      assertThat(p.getSum()).isEqualTo(50.0);
    });
  }

  @Test
  void aRerankCallIsASpanNamedRerank() {
    try (AiClient client = client("jina/jina-reranker-v2-base-multilingual", "")) {
      client.rerank().query("q w").documents(List.of("q", "w", "e")).topN(2).execute();
    }
    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(span.getName()).isEqualTo("rerank jina-reranker-v2-base-multilingual");
    assertThat(span.getAttributes().get(OPERATION)).isEqualTo("rerank");
    assertThat(span.getAttributes().get(DOCUMENTS)).isEqualTo(3L);
    assertThat(span.getAttributes().get(TOP_N)).isEqualTo(2L);
    assertThat(span.getAttributes().get(INPUT_TOKENS)).isEqualTo(5L);
  }
}
