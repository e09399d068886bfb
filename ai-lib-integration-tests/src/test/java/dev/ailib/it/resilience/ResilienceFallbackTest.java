package dev.ailib.it.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fallback chain through the public API, on the blocking, async and streaming paths. */
class ResilienceFallbackTest {
  private static final ResilientConfig ONE_RETRY = ResilientConfig.builder().maxRetries(1)
      .circuitBreakerThreshold(0).retryBaseDelay(Duration.ofMillis(100)).build();
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private static Reply ok(Harness.Path3 path, String text) {
    return path == Harness.Path3.STREAM ? Reply.streamedText(text) : Reply.text(text);
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void theNextModelServesWhenThePrimaryKeepsFailingAndStatsSaySo(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(503), Reply.error(503), ok(path, "from the fallback"));
    try (AiClient client = h.builder(ONE_RETRY).fallbackModels(List.of("openai/gpt-4o-mini")).build()) {
      Harness.Result r = path.call(client);
      assertThat(r.text()).isEqualTo("from the fallback");
      assertThat(r.stats().model()).isEqualTo("gpt-4o-mini");
      assertThat(r.stats().provider()).isEqualTo("openai");
      assertThat(r.stats().attempts()).isEqualTo(3);
    }
    List<RecordedRequest> requests = h.fake.requests();
    assertThat(requests).hasSize(3);
    assertThat(requests.get(0).jsonAt("model")).isEqualTo("gpt-4o");
    assertThat(requests.get(2).jsonAt("model")).isEqualTo("gpt-4o-mini");
    assertThat(h.telemetry.snapshot()).contains("attempt 3 openai/gpt-4o-mini");
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void aCallerErrorDoesNotFallBack(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(400), ok(path, "never"));
    try (AiClient client = h.builder(ONE_RETRY).fallbackModels(List.of("openai/gpt-4o-mini")).build()) {
      assertThatThrownBy(() -> path.call(client))
          .isInstanceOf(RemoteException.class)
          .satisfies(e -> assertThat(((AiLibException) e).statusCode()).isEqualTo(400));
    }
    assertThat(h.fake.requestCount()).isEqualTo(1);
  }
}
