package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResult;
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

/**
 * Keys and base URLs from code, for every provider of the fallback chain, on the bundled manifests with an empty
 * environment: {@code apiKey(provider, key)}, {@code baseUrl(provider, url)}, a base URL that frees a manifest from its
 * {@code ${VAR}} placeholders, and a bad base URL refused when it is set.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EndpointsFromCodeTest {
  private final FakeProvider openai = FakeProvider.start();
  private final FakeProvider anthropic = FakeProvider.start();

  @AfterEach
  void close() {
    openai.close();
    anthropic.close();
  }

  @Test
  void aCrossProviderFallbackGetsItsKeyAndUrlFromCode() {
    openai.enqueue(Reply.error(503));
    anthropic.enqueue(Reply.text("from claude"));
    try (AiClient client = AiClient.builder().model("openai/gpt-4o")
        .fallbackModels(List.of("anthropic/claude-sonnet-4-5"))
        .apiKey("openai", "sk-openai-from-code").baseUrl("openai", openai.baseUrl())
        .apiKey("anthropic", "sk-ant-from-code").baseUrl("anthropic", anthropic.baseUrl())
        .resilience(ResilientConfig.builder().maxRetries(0).build())
        .component(Environment.of(Map.of())).build()) {
      ChatResult r = client.chat().user("Hi").maxTokens(32).executeWithStats();
      assertThat(r.response().content()).isEqualTo("from claude");
      assertThat(r.stats().provider()).isEqualTo("anthropic");
      assertThat(r.stats().model()).isEqualTo("claude-sonnet-4-5");
      assertThat(client.toString()).doesNotContain("sk-openai-from-code").doesNotContain("sk-ant-from-code");
    }
    RecordedRequest first = openai.takeRequest();
    assertThat(first.path()).isEqualTo("/chat/completions");
    assertThat(first.header("Authorization")).isEqualTo("Bearer sk-openai-from-code");
    assertThat(first.model()).isEqualTo("gpt-4o");
    RecordedRequest second = anthropic.takeRequest();
    assertThat(second.path()).isEqualTo("/messages");
    assertThat(second.header("x-api-key")).isEqualTo("sk-ant-from-code");
    assertThat(second.header("Authorization")).isNull();
    assertThat(second.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(second.model()).isEqualTo("claude-sonnet-4-5");
  }

  @Test
  void aMissingFallbackKeyNamesTheProviderTheModelAndTheCallThatPassesIt() {
    assertThatThrownBy(() -> AiClient.builder().model("openai/gpt-4o").apiKey("sk-o")
        .fallbackModels(List.of("anthropic/claude-sonnet-4-5")).component(Environment.of(Map.of())).build())
        .isInstanceOf(AiLibException.class)
        .satisfies(e -> assertThat(((AiLibException) e).errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION))
        .hasMessageContaining("provider 'anthropic'")
        .hasMessageContaining("fallback model anthropic/claude-sonnet-4-5")
        .hasMessageContaining("ANTHROPIC_API_KEY")
        .hasMessageContaining("AiClientBuilder.apiKey(\"anthropic\", key)")
        .hasMessageNotContaining("sk-o");
  }

  @Test
  void aBaseUrlFreesTheAzureManifestFromItsResourceVariable() {
    openai.enqueue(Reply.text("from azure"), Reply.streamedText("str", "eamed"));
    try (AiClient client = AiClient.builder().model("azure/my-deployment").baseUrl(openai.baseUrl() + "/openai/v1")
        .apiKey("az-key").component(Environment.of(Map.of())).build()) {
      assertThat(client.chat().user("Hi").execute().content()).isEqualTo("from azure");
      StringBuilder text = new StringBuilder();
      try (var s = client.chat().user("Hi").stream()) {
        s.forEach(e -> {
          if (e.isContentDelta()) {
            text.append(e.asContentDelta().text());
          }
        });
      }
      assertThat(text).hasToString("streamed");
    }
    RecordedRequest r = openai.takeRequest();
    assertThat(r.path()).isEqualTo("/openai/v1/chat/completions");
    assertThat(r.header("api-key")).isEqualTo("az-key");
    assertThat(r.model()).isEqualTo("my-deployment");
    // without a base URL the variable is needed, and the message says both ways out
    assertThatThrownBy(() -> AiClient.builder().model("azure/my-deployment").apiKey("az-key")
        .component(Environment.of(Map.of())).build())
        .isInstanceOf(AiLibException.class).hasMessageContaining("AZURE_OPENAI_RESOURCE")
        .hasMessageContaining("endpoint.base_url").hasMessageContaining("baseUrl(\"azure\", url)");
  }

  @Test
  void aBadBaseUrlIsRefusedWhenItIsSetNotAtTheFirstCall() {
    for (String bad : new String[] {"ftp://files.example/v1", "http:///v1", "https:relative", "api.example/v1",
        "http://host/v1#part", "http://exa mple/v1"}) {
      assertThatThrownBy(() -> AiClient.builder().baseUrl(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
      assertThatThrownBy(() -> AiClient.builder().baseUrl("anthropic", bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anthropic");
    }
    assertThatThrownBy(() -> AiClient.builder().baseUrl("ftp://x")).hasMessageContaining("http or https");
    assertThatThrownBy(() -> AiClient.builder().baseUrl("http:///v1")).hasMessageContaining("host");
  }
}
