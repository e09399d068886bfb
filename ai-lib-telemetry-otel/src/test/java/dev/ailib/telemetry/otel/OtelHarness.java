package dev.ailib.telemetry.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** An OpenTelemetry SDK that keeps spans and metrics in memory, for assertions. */
final class OtelHarness implements AutoCloseable {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .build();

  /** The one finished span; fails when there is not exactly one. */
  SpanData onlySpan() {
    List<SpanData> finished = spans.getFinishedSpanItems();
    if (finished.size() != 1) {
      throw new AssertionError("expected exactly one finished span, got " + finished.size() + ": " + finished);
    }
    return finished.get(0);
  }

  /** Collects all metrics once (a cumulative reader: later collections include earlier points). */
  Collection<MetricData> collect() {
    return metrics.collectAllMetrics();
  }

  static Optional<MetricData> metric(Collection<MetricData> all, String name) {
    return all.stream().filter(m -> m.getName().equals(name)).findFirst();
  }

  static List<HistogramPointData> points(Collection<MetricData> all, String name) {
    return metric(all, name).map(m -> new ArrayList<HistogramPointData>(m.getHistogramData().getPoints()))
        .orElseGet(ArrayList::new);
  }

  static <T> HistogramPointData point(Collection<MetricData> all, String name, AttributeKey<T> key, T value) {
    return points(all, name).stream().filter(p -> value.equals(p.getAttributes().get(key))).findFirst()
        .orElseThrow(() -> new AssertionError("no point of " + name + " with " + key + "=" + value + " in "
            + points(all, name)));
  }

  @Override
  public void close() {
    sdk.close();
  }
}
