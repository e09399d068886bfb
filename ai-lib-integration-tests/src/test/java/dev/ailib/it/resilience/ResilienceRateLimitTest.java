package dev.ailib.it.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ResilientConfig;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The per-endpoint smooth rate limiter through the public API, on the blocking, async and streaming paths. */
class ResilienceRateLimitTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void pacesCallsToOneEndpointAtTheConfiguredRate(Harness.Path3 path) {
    for (int i = 0; i < 4; i++) {
      h.fake.enqueue(path == Harness.Path3.STREAM ? Reply.streamedText("r" + i) : Reply.text("r" + i));
    }
    try (AiClient client = h.client(ResilientConfig.builder().rateLimitRps(2).build())) {
      for (int i = 0; i < 4; i++) {
        assertThat(path.call(client).text()).isEqualTo("r" + i);
      }
    }
    assertThat(h.time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500),
        Duration.ofMillis(500));
    assertThat(h.fake.requestCount()).isEqualTo(4);
  }

  @org.junit.jupiter.api.Test
  void anInvalidEnvironmentValueFailsTheBuildNamingTheVariableAndTheValue() {
    // everything but build() is set up outside the lambda: only the exception of build() is under test
    dev.ailib.api.AiClientBuilder builder = dev.ailib.api.AiClient.builder().model(Harness.MODEL)
        .baseUrl(h.fake.baseUrl() + "/v1").apiKey("sk-test")
        .component(dev.ailib.core.spi.Environment.of(java.util.Map.of("AI_LIB_RPS", "fast")));
    assertThatThrownBy(builder::build)
        .isInstanceOf(dev.ailib.api.error.ProtocolException.class)
        .hasMessageContaining("AI_LIB_RPS")
        .hasMessageContaining("'fast'");
  }

  @org.junit.jupiter.api.Test
  void theEnvironmentSetsTheRateWhenTheBuilderDoesNot() {
    for (int i = 0; i < 3; i++) {
      h.fake.enqueue(Reply.text("r" + i));
    }
    // the first Environment component wins, so this client gets a builder of its own
    try (AiClient client = dev.ailib.api.AiClient.builder().model(Harness.MODEL)
        .baseUrl(h.fake.baseUrl() + "/v1").apiKey("sk-test").component(h.time)
        .component(dev.ailib.core.spi.Environment.of(java.util.Map.of("AI_LIB_RPS", "5"))).build()) {
      for (int i = 0; i < 3; i++) {
        assertThat(Harness.Path3.SYNC.call(client).text()).isEqualTo("r" + i);
      }
    }
    assertThat(h.time.sleeps()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(200));
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void retriesArePacedToo(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(503).retryAfterSeconds(0),
        path == Harness.Path3.STREAM ? Reply.streamedText("ok") : Reply.text("ok"));
    try (AiClient client = h.client(ResilientConfig.builder().rateLimitRps(0.5).maxRetries(1).build())) {
      assertThat(path.call(client).text()).isEqualTo("ok");
    }
    // the retry waits the manifest's min_delay (Retry-After: 0 never means "at once"), then the limiter the rest of
    // its 2 s spacing
    assertThat(h.time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }
}
