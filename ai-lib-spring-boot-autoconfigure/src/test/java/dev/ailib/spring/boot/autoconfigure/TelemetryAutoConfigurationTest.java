package dev.ailib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ailib.api.AiClient;
import dev.ailib.core.spi.Environment;
import dev.ailib.spring.boot.autoconfigure.observation.ObservationTelemetry;
import dev.ailib.spring.boot.autoconfigure.observation.TokenUsageMeter;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Telemetry goes to the context's OpenTelemetry bean (one span per call), else its ObservationRegistry, else
 * nowhere, and never to {@link GlobalOpenTelemetry}, which the ServiceLoader-discovered OTel adapter (on this test
 * class path) would otherwise use.
 */
class TelemetryAutoConfigurationTest {
  private final FakeProvider fake = FakeProvider.builder().defaultReply(Reply.text("Hi")).start();
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .build();

  @BeforeEach
  @AfterEach
  void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  @AfterEach
  void close() {
    sdk.close();
    fake.close();
  }

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AiLibAutoConfiguration.class))
        .withBean("noEnvironment", AiClientBuilderCustomizer.class,
            () -> (name, b) -> b.component(Environment.of(Map.of())))
        .withPropertyValues("ailib.model=openai/gpt-4o", "ailib.base-url=" + fake.baseUrl(),
            "ailib.api-keys.openai=sk-t", "ailib.resilience.max-retries=0");
  }

  private static void twoCalls(AiClient client) {
    client.chat().user("one").execute();
    client.chat().user("two").execute();
  }

  /** The global was never registered: registering it now succeeds (what Spring, an app or the agent would do). */
  private static void assertGlobalUntouched() {
    OpenTelemetry probe = OpenTelemetry.noop();
    assertThatCode(() -> GlobalOpenTelemetry.set(probe)).as("GlobalOpenTelemetry was not set by ai-lib")
        .doesNotThrowAnyException();
  }

  @Test
  void theContextsOpenTelemetryBeanGetsOneSpanPerCallAndTheGlobalIsUntouched() {
    runner().withBean(OpenTelemetry.class, () -> sdk).run(ctx -> {
      twoCalls(ctx.getBean(AiClient.class));
      List<SpanData> finished = spans.getFinishedSpanItems();
      assertThat(finished).extracting(SpanData::getName).containsExactly("chat gpt-4o", "chat gpt-4o");
      assertThat(finished.get(0).getAttributes().asMap().toString()).contains("gen_ai.provider.name=openai");
    });
    assertGlobalUntouched();
  }

  @Test
  void namedClientsReportToTheSameBean() {
    runner().withBean(OpenTelemetry.class, () -> sdk).withPropertyValues("ailib.clients.fast.model=openai/gpt-4o-mini")
        .run(ctx -> {
          ctx.getBean(AiClients.class).get("fast").chat().user("x").execute();
          assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("chat gpt-4o-mini");
        });
  }

  @Test
  void withAGlobalRegisteredTheBeanStillGetsTheOnlySpan() {
    InMemorySpanExporter globalSpans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk global = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(globalSpans)).build()).build()) {
      GlobalOpenTelemetry.set(global);
      runner().withBean(OpenTelemetry.class, () -> sdk).run(ctx -> {
        twoCalls(ctx.getBean(AiClient.class));
        // inside run: closing the context closes the SDK bean, which empties the exporter
        assertThat(spans.getFinishedSpanItems()).hasSize(2);
      });
      assertThat(globalSpans.getFinishedSpanItems()).as("nothing twice, nothing on the global").isEmpty();
    }
  }

  @Test
  void withNeitherNothingIsRecordedAndTheGlobalIsUntouched() {
    runner().run(ctx -> twoCalls(ctx.getBean(AiClient.class)));
    assertThat(spans.getFinishedSpanItems()).isEmpty();
    assertGlobalUntouched();
  }

  @Test
  void telemetryCanBeTurnedOff() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    runner().withBean(OpenTelemetry.class, () -> sdk).withBean(ObservationRegistry.class, () -> observations)
        .withPropertyValues("ailib.telemetry.enabled=false").run(ctx -> {
          twoCalls(ctx.getBean(AiClient.class));
          assertThat(spans.getFinishedSpanItems()).isEmpty();
        });
    TestObservationRegistryAssert.assertThat(observations).doesNotHaveAnyObservation();
    assertGlobalUntouched();
  }

  @Test
  void withoutOpenTelemetryTheObservationRegistryGetsGenAiObservationsAndTokenMetrics() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    runner().withBean(ObservationRegistry.class, () -> observations).withBean(MeterRegistry.class, () -> meters)
        .run(ctx -> twoCalls(ctx.getBean(AiClient.class)));
    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo(ObservationTelemetry.OBSERVATION_NAME, 2)
        .hasObservationWithNameEqualTo(ObservationTelemetry.OBSERVATION_NAME).that()
        .hasContextualNameEqualTo("chat gpt-4o")
        .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
        .hasLowCardinalityKeyValue("gen_ai.provider.name", "openai")
        .hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-4o")
        .hasLowCardinalityKeyValue("gen_ai.response.model", "gpt-4o")
        .hasLowCardinalityKeyValue("error.type", "none")
        .hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "10")
        .hasBeenStarted().hasBeenStopped();
    DistributionSummary input = meters.get(TokenUsageMeter.NAME).tag("gen_ai.token.type", "input").summary();
    assertThat(input.count()).isEqualTo(2);
    assertThat(input.totalAmount()).isEqualTo(20);
    assertGlobalUntouched();
  }

  @Test
  void theObservationBecomesAGenAiTimerThroughMicrometersHandler() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    runner().withBean(ObservationRegistry.class, () -> observations).run(ctx -> twoCalls(ctx.getBean(AiClient.class)));
    Timer timer = meters.get(ObservationTelemetry.OBSERVATION_NAME).tag("gen_ai.request.model", "gpt-4o")
        .tag("error.type", "none").timer();
    assertThat(timer.count()).isEqualTo(2);
  }

  @Test
  void theOpenTelemetryBeanWinsOverTheObservationRegistry() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    runner().withBean(OpenTelemetry.class, () -> sdk).withBean(ObservationRegistry.class, () -> observations)
        .run(ctx -> {
          twoCalls(ctx.getBean(AiClient.class));
          assertThat(spans.getFinishedSpanItems()).hasSize(2);
        });
    TestObservationRegistryAssert.assertThat(observations).doesNotHaveAnyObservation();
  }

  @Test
  void withoutTheOtelAdapterAnOpenTelemetryBeanIsNotUsedAndObservationsAre() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    runner().withClassLoader(new FilteredClassLoader("dev.ailib.telemetry.otel"))
        .withBean(OpenTelemetry.class, () -> sdk).withBean(ObservationRegistry.class, () -> observations)
        .run(ctx -> twoCalls(ctx.getBean(AiClient.class)));
    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo(ObservationTelemetry.OBSERVATION_NAME, 2);
  }

  @Test
  void aFailedCallIsAnObservationWithItsErrorType() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    fake.enqueue(Reply.error(401));
    runner().withBean(ObservationRegistry.class, () -> observations).run(ctx -> {
      assertThatCode(() -> ctx.getBean(AiClient.class).chat().user("x").execute()).isNotNull();
    });
    TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo(ObservationTelemetry.OBSERVATION_NAME).that()
        .hasLowCardinalityKeyValue("error.type", "authentication").hasError();
  }
}
