package dev.ailib.telemetry.otel;

import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/** The GenAI client histograms, with the bucket boundaries the conventions advise. */
final class GenAiMetrics {
  static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
  static final String TOKEN_USAGE = "gen_ai.client.token.usage";
  static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
  static final String TIME_PER_OUTPUT_CHUNK = "gen_ai.client.operation.time_per_output_chunk";
  /** ai-lib's own: the conventions have no cost metric yet. */
  static final String COST = "ailib.client.cost";
  /** ai-lib's own: prompt-cache tokens, apart from {@link #TOKEN_USAGE} so that its input sums stay the input. */
  static final String CACHED_TOKEN_USAGE = "ailib.client.cached_token.usage";

  /** Cost buckets, in currency units: from a hundredth of a cent to 100. */
  private static final List<Double> COST_BUCKETS = List.of(0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0,
      5.0, 10.0, 50.0, 100.0);

  private static final List<Double> DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
      5.12, 10.24, 20.48, 40.96, 81.92);
  private static final List<Double> CHUNK_BUCKETS = List.of(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5,
      0.75, 1.0, 2.5);
  private static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L,
      262144L, 1048576L, 4194304L, 16777216L, 67108864L);

  final DoubleHistogram duration;
  final LongHistogram tokenUsage;
  final DoubleHistogram timeToFirstChunk;
  final DoubleHistogram timePerOutputChunk;
  final DoubleHistogram cost;
  final LongHistogram cachedTokenUsage;

  GenAiMetrics(Meter meter) {
    duration = meter.histogramBuilder(OPERATION_DURATION).setUnit("s")
        .setDescription("GenAI operation duration.").setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
    tokenUsage = meter.histogramBuilder(TOKEN_USAGE).ofLongs().setUnit("{token}")
        .setDescription("Number of input and output tokens used.").setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
        .build();
    timeToFirstChunk = meter.histogramBuilder(TIME_TO_FIRST_CHUNK).setUnit("s")
        .setDescription("Time to receive the first chunk of a streaming response.")
        .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
    timePerOutputChunk = meter.histogramBuilder(TIME_PER_OUTPUT_CHUNK).setUnit("s")
        .setDescription("Time between consecutive output chunks of a streaming response.")
        .setExplicitBucketBoundariesAdvice(CHUNK_BUCKETS).build();
    cost = meter.histogramBuilder(COST).setUnit("{currency_unit}")
        .setDescription("Cost of a GenAI operation from the provider manifest's prices, in the currency of "
            + "ailib.usage.cost.currency.").setExplicitBucketBoundariesAdvice(COST_BUCKETS).build();
    cachedTokenUsage = meter.histogramBuilder(CACHED_TOKEN_USAGE).ofLongs().setUnit("{token}")
        .setDescription("Number of input tokens read from or written to the provider's prompt cache.")
        .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS).build();
  }
}
