package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Environment;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code apiKey(provider, key)}: a key for each provider of the fallback chain, on the bundled manifests. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProviderKeysTest {
  private final FakeProvider fake = FakeProvider.start();

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void everyAttemptOfTheProviderSendsItsProviderKey() {
    fake.enqueue(Reply.error(503), Reply.text("from the fallback"));
    try (AiClient client = AiClient.builder().model("openai/gpt-4o").baseUrl(fake.baseUrl())
        .fallbackModels(List.of("openai/gpt-4o-mini"))
        .apiKey("openai", "sk-openai-by-provider")
        .resilience(ResilientConfig.builder().maxRetries(0).build())
        .component(Environment.of(Map.of()))
        .build()) {
      assertThat(client.chat().user("Hi").execute().content()).isEqualTo("from the fallback");
    }
    List<RecordedRequest> requests = fake.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer sk-openai-by-provider"));
  }

  @Test
  void theKeyOfTheFallbacksProviderIsUsedAtBuildWhenTheEnvironmentHasNone() {
    // without a key for anthropic the build fails before any call; with apiKey("anthropic", ..) it succeeds
    assertThatThrownBy(() -> AiClient.builder().model("openai/gpt-4o").apiKey("sk-o")
        .fallbackModels(List.of("anthropic/claude-sonnet-4-5")).component(Environment.of(Map.of())).build())
        .isInstanceOf(AiLibException.class)
        .satisfies(e -> assertThat(((AiLibException) e).errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION))
        .hasMessageContaining("anthropic");
    try (AiClient client = AiClient.builder().model("openai/gpt-4o").apiKey("sk-o")
        .fallbackModels(List.of("anthropic/claude-sonnet-4-5")).apiKey("anthropic", "sk-ant")
        .component(Environment.of(Map.of())).build()) {
      assertThat(client.toString()).doesNotContain("sk-ant");
    }
  }

  @Test
  void apiKeyForTheFirstProviderWinsOverTheProviderKey() {
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = AiClient.builder().model("openai/gpt-4o").baseUrl(fake.baseUrl())
        .apiKey("openai", "sk-by-provider").apiKey("sk-explicit").component(Environment.of(Map.of())).build()) {
      client.chat().user("Hi").execute();
    }
    assertThat(fake.takeRequest().header("Authorization")).isEqualTo("Bearer sk-explicit");
  }

  @Test
  void aBadProviderOrKeyIsRejectedWhenSet() {
    assertThatThrownBy(() -> AiClient.builder().apiKey("open/ai", "k")).hasMessageContaining("open/ai");
    assertThatThrownBy(() -> AiClient.builder().apiKey("openai", " ")).hasMessageContaining("openai")
        .hasMessageContaining("blank");
  }
}
