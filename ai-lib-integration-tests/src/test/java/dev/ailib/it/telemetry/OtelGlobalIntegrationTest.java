package dev.ailib.it.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.ResilientConfig;
import dev.ailib.telemetry.otel.OtelTelemetry;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OTel adapter is on the class path here, so ServiceLoader gives every client a listener on
 * {@link GlobalOpenTelemetry}. It must never register the global itself, and a listener passed to the builder must
 * replace it (one span per call).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OtelGlobalIntegrationTest {
  private final FakeProvider fake = FakeProvider.builder().defaultReply(Reply.text("Hi")).start();
  private final InMemorySpanExporter globalSpans = InMemorySpanExporter.create();
  private final InMemorySpanExporter ownSpans = InMemorySpanExporter.create();

  @BeforeEach
  @AfterEach
  void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  @AfterEach
  void close() {
    fake.close();
  }

  private static OpenTelemetrySdk sdk(InMemorySpanExporter exporter) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .build();
  }

  private AiClientBuilder builder() {
    return AiClient.builder().model("openai/gpt-4o").baseUrl(fake.baseUrl() + "/v1").apiKey("sk-test")
        .resilience(ResilientConfig.builder().maxRetries(0).build());
  }

  @Test
  void aCallBeforeTheApplicationRegistersItsSdkLeavesTheGlobalFreeAndLaterCallsUseIt() {
    try (AiClient client = builder().build()) {
      assertThat(client.chat().user("first").execute().content()).isEqualTo("Hi");
      assertThat(GlobalOpenTelemetry.isSet()).as("the first call did not register the no-op global").isFalse();

      try (OpenTelemetrySdk sdk = sdk(globalSpans)) {
        assertThatCode(() -> GlobalOpenTelemetry.set(sdk)).as("what buildAndRegisterGlobal() does")
            .doesNotThrowAnyException();
        client.chat().user("second").execute();
        assertThat(globalSpans.getFinishedSpanItems()).extracting(s -> s.getName()).containsExactly("chat gpt-4o");
      }
    }
  }

  @Test
  void aListenerPassedToTheBuilderReplacesTheDiscoveredOneEvenWhenAGlobalIsRegistered() {
    try (OpenTelemetrySdk global = sdk(globalSpans); OpenTelemetrySdk own = sdk(ownSpans)) {
      GlobalOpenTelemetry.set(global);
      try (AiClient client = builder().telemetry(new OtelTelemetry(own)).build()) {
        client.chat().user("one").execute();
        client.chat().user("two").execute();
      }
      assertThat(ownSpans.getFinishedSpanItems()).as("one span per call, on the instance passed").hasSize(2);
      assertThat(globalSpans.getFinishedSpanItems()).as("nothing on the global").isEmpty();
    }
  }

  @Test
  void aListenerPassedToTheBuilderNeverTouchesAnUnsetGlobal() {
    try (OpenTelemetrySdk own = sdk(ownSpans);
        AiClient client = builder().telemetry(new OtelTelemetry(own)).build()) {
      client.chat().user("one").execute();
      assertThat(ownSpans.getFinishedSpanItems()).hasSize(1);
      assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    }
  }
}
