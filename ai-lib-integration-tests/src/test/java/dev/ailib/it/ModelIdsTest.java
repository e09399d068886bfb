package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.Environment;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Model ids as callers write them, on the bundled manifests: dated snapshots and aliases of listed models resolve to
 * the listed model (its metadata), the request carries the provider's real id, and unlisted ids are allowed only when
 * the builder says so.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ModelIdsTest {
  private final FakeProvider fake = FakeProvider.start();

  @AfterEach
  void close() {
    fake.close();
  }

  private AiClient client(String model) {
    return AiClient.builder().model(model).baseUrl(fake.baseUrl()).apiKey(Fixtures.KEY)
        .resilience(ResilientConfig.builder().maxRetries(0).build()).component(Environment.of(Map.of())).build();
  }

  /** The wire model id the fake received for one call of this model. */
  private RecordedRequest call(String model) {
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = client(model)) {
      ChatResult r = client.chat().user("Hi").maxTokens(16).executeWithStats();
      assertThat(r.response().content()).isEqualTo("ok");
    }
    return fake.takeRequest();
  }

  @ParameterizedTest(name = "{0} is sent as {1}")
  @CsvSource({
      // dated snapshots: sent as written
      "openai/gpt-4o-2024-08-06, gpt-4o-2024-08-06",
      "openai/gpt-4-turbo, gpt-4-turbo",
      "openai/gpt-4-turbo-2024-04-09, gpt-4-turbo-2024-04-09",
      "openai/o3-2025-04-16, o3-2025-04-16",
      "anthropic/claude-sonnet-4-5-20250929, claude-sonnet-4-5-20250929",
      "anthropic/claude-3-5-sonnet-20241022, claude-3-5-sonnet-20241022",
      "anthropic/claude-sonnet-4-20250514, claude-sonnet-4-20250514",
      "gemini/gemini-2.0-flash-001, gemini-2.0-flash-001",
      "mistral/mistral-large-2411, mistral-large-2411",
      "xai/grok-4-0709, grok-4-0709",
      // aliases the providers do not know: sent as the listed id
      "anthropic/claude-3-5-sonnet, claude-3-5-sonnet-latest",
      "anthropic/claude-sonnet-4, claude-sonnet-4-0",
      "mistral/mistral-large, mistral-large-latest",
      // listed ids: as written
      "anthropic/claude-sonnet-4-5, claude-sonnet-4-5",
      "anthropic/claude-3-5-sonnet-latest, claude-3-5-sonnet-latest"})
  void realIdsResolveAndTheRequestCarriesTheProvidersId(String model, String wire) {
    RecordedRequest r = call(model);
    if (model.startsWith("gemini/")) {
      assertThat(r.path()).contains("/models/" + wire + ":generateContent");
    } else {
      assertThat(r.model()).isEqualTo(wire);
    }
  }

  @Test
  void aDatedSnapshotAndAnAliasHaveTheirModelsMetadata() {
    // claude-3-5-sonnet-latest's entry caps output at 8192: more is refused before sending, for every form of its id
    for (String model : new String[] {"anthropic/claude-3-5-sonnet-latest", "anthropic/claude-3-5-sonnet-20241022",
        "anthropic/claude-3-5-sonnet"}) {
      try (AiClient client = client(model)) {
        assertThatThrownBy(() -> client.chat().user("Hi").maxTokens(100_000).execute()).as(model)
            .isInstanceOf(ProtocolException.class).hasMessageContaining("output limit")
            .hasMessageContaining("[1, 8192]");
        fake.enqueue(Reply.text("ok"));
        client.chat().user("Hi").maxTokens(8192).execute();
      }
      assertThat(((Number) fake.takeRequest().jsonAt("max_tokens")).longValue()).as(model).isEqualTo(8192L);
    }
    assertThat(fake.requestCount()).isEqualTo(3);
  }

  @Test
  void anUnlistedIdFailsAtBuildSayingHowToAllowIt() {
    assertThatThrownBy(() -> client("openai/gpt-7-imaginary")).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unknown model 'gpt-7-imaginary'")
        .hasMessageContaining("AiClientBuilder.allowUnlistedModels(\"openai\")")
        .hasMessageContaining("gpt-4o")
        .hasMessageNotContaining("allow unlisted models");
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void allowUnlistedModelsForOneProviderOrAll() {
    fake.enqueue(Reply.text("a"), Reply.text("b"));
    try (AiClient client = AiClient.builder().model("openai/gpt-7-imaginary").baseUrl(fake.baseUrl())
        .apiKey(Fixtures.KEY).allowUnlistedModels("openai").component(Environment.of(Map.of())).build()) {
      assertThat(client.chat().user("Hi").execute().content()).isEqualTo("a");
    }
    assertThat(fake.takeRequest().model()).isEqualTo("gpt-7-imaginary");
    // allowed for openai only: an unlisted anthropic fallback still fails at build
    assertThatThrownBy(() -> AiClient.builder().model("openai/gpt-7-imaginary").baseUrl(fake.baseUrl())
        .apiKey(Fixtures.KEY).apiKey("anthropic", "sk-ant").allowUnlistedModels("openai")
        .fallbackModels(java.util.List.of("anthropic/claude-9")).component(Environment.of(Map.of())).build())
        .isInstanceOf(AiLibException.class).hasMessageContaining("unknown model 'claude-9'")
        .hasMessageContaining("allowUnlistedModels(\"anthropic\")");
    try (AiClient client = AiClient.builder().model("anthropic/claude-9").baseUrl(fake.baseUrl())
        .apiKey(Fixtures.KEY).allowUnlistedModels().component(Environment.of(Map.of())).build()) {
      assertThat(client.chat().user("Hi").maxTokens(8).execute().content()).isEqualTo("b");
    }
    assertThat(fake.takeRequest().model()).isEqualTo("claude-9");
  }
}
