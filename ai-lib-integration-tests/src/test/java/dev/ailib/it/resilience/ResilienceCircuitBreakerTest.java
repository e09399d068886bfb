package dev.ailib.it.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The per-endpoint circuit breaker through the public API, on the blocking, async and streaming paths. */
class ResilienceCircuitBreakerTest {
  private static final ResilientConfig BREAKER = ResilientConfig.builder().maxRetries(0)
      .circuitBreakerThreshold(2).circuitBreakerCooldown(Duration.ofSeconds(20)).build();
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
  void opensAfterServerFaultsFailsFastThenProbesAfterTheCooldown(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(503), Reply.error(500), ok(path, "probe"));
    try (AiClient client = h.client(BREAKER)) {
      assertThatThrownBy(() -> path.call(client)).isInstanceOf(RemoteException.class);
      assertThatThrownBy(() -> path.call(client)).isInstanceOf(RemoteException.class);

      assertThatThrownBy(() -> path.call(client))
          .isInstanceOf(AiLibException.class)
          .hasMessageContaining("circuit breaker for")
          .hasMessageContaining("is open")
          .hasMessageContaining("until")
          .satisfies(e -> assertThat(((AiLibException) e).errorType()).isEqualTo(StandardErrorCode.OVERLOADED));
      assertThat(h.fake.requestCount()).as("no request while open").isEqualTo(2);

      h.time.advance(Duration.ofSeconds(20));
      assertThat(path.call(client).text()).isEqualTo("probe");
      assertThat(h.fake.requestCount()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void theCallersOwnErrorsNeverOpenIt(Harness.Path3 path) {
    h.fake.enqueue(Reply.error(400), Reply.error(404), Reply.error(413), Reply.error(401), ok(path, "fine"));
    try (AiClient client = h.client(BREAKER)) {
      for (int i = 0; i < 4; i++) {
        assertThatThrownBy(() -> path.call(client)).isInstanceOf(RemoteException.class);
      }
      assertThat(path.call(client).text()).isEqualTo("fine");
    }
    assertThat(h.fake.requestCount()).isEqualTo(5);
  }
}
