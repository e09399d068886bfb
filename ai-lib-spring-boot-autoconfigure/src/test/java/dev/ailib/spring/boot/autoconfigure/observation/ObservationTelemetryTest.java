package dev.ailib.spring.boot.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.CallStats;
import dev.ailib.api.Usage;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.CallOutcome;
import dev.ailib.core.spi.telemetry.TelemetryScope;
import dev.ailib.telemetry.otel.OtelTelemetry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bridge driven the way the engine drives a listener. */
class ObservationTelemetryTest {
  private static final AtomicLong IDS = new AtomicLong(5000);

  private static CallInfo call(String provider, String model) {
    return new CallInfo(IDS.incrementAndGet(), "chat", provider, model, null, false, "127.0.0.1", 8080);
  }

  private static CallOutcome outcome(String model) {
    return new CallOutcome(model, "r1", List.of("end_turn"), new Usage(12, 5, 17, 0, 0),
        new CallStats(17, 12, 5, 3, -1, model, "openai", 1));
  }

  @Test
  void providerNamesAreTheSameAsTheOtelAdapters() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
      OtelTelemetry otel = new OtelTelemetry(sdk);
      for (String provider : List.of("openai", "gemini", "google", "vertex", "mistral", "xai", "azure", "bedrock",
          "watsonx", "Anthropic", "deepseek")) {
        TestObservationRegistry registry = TestObservationRegistry.create();
        ObservationTelemetry bridge = new ObservationTelemetry(registry);
        CallInfo c = call(provider, "m");
        bridge.callStart(c);
        bridge.callEnd(c, outcome("m"));
        CallInfo o = call(provider, "m");
        otel.callStart(o);
        otel.callEnd(o, outcome("m"));
        String otelName = spans.getFinishedSpanItems().get(spans.getFinishedSpanItems().size() - 1).getAttributes()
            .get(AttributeKey.stringKey("gen_ai.provider.name"));
        TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
            .hasLowCardinalityKeyValue("gen_ai.provider.name", otelName);
      }
    }
  }

  @Test
  void theCallsObservationIsCurrentInsideActivateAndItsParentIsTheCallersObservation() {
    TestObservationRegistry registry = TestObservationRegistry.create();
    ObservationTelemetry bridge = new ObservationTelemetry(registry);
    Observation parent = Observation.start("handle request", registry);
    CallInfo c = call("openai", "gpt-4o");
    try (Observation.Scope ignored = parent.openScope()) {
      bridge.callStart(c);
    }
    try (TelemetryScope scope = bridge.activate(c)) {
      assertThat(registry.getCurrentObservation()).isNotNull();
      assertThat(registry.getCurrentObservation().getContext().getParentObservation()).isSameAs(parent);
    }
    assertThat(registry.getCurrentObservation()).isNull();
    bridge.callEnd(c, outcome("gpt-4o"));
    parent.stop();
    assertThat(bridge.callsInFlight()).isZero();
  }

  @Test
  void propagateContextRestoresTheCallersObservationOnAnotherThread() throws Exception {
    TestObservationRegistry registry = TestObservationRegistry.create();
    ObservationTelemetry bridge = new ObservationTelemetry(registry);
    Observation parent = Observation.start("handle request", registry);
    Runnable task;
    Observation[] seen = new Observation[1];
    try (Observation.Scope ignored = parent.openScope()) {
      task = bridge.propagateContext(() -> seen[0] = registry.getCurrentObservation());
    }
    Thread t = new Thread(task);
    t.start();
    t.join(10_000);
    assertThat(seen[0]).isSameAs(parent);
    parent.stop();
  }

  @Test
  void aNoopRegistryKeepsNothing() {
    ObservationTelemetry bridge = new ObservationTelemetry(ObservationRegistry.NOOP);
    CallInfo c = call("openai", "gpt-4o");
    bridge.callStart(c);
    assertThat(bridge.callsInFlight()).isZero();
    assertThat(bridge.activate(c)).isSameAs(TelemetryScope.NONE);
  }
}
