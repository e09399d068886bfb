package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.TokenCount;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code countTokens} through the public API on the bundled manifests, and the context-window refusal. */
class TokenCountTest {
  private static final ToolDefinition WEATHER = new ToolDefinition("get_current_weather",
      "Get the current weather in a given location", "{\"type\":\"object\",\"properties\":{"
      + "\"location\":{\"type\":\"string\",\"description\":\"The city and state, e.g. San Francisco, CA\"},"
      + "\"unit\":{\"type\":\"string\",\"description\":\"The unit of temperature to return\","
      + "\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"location\"]}");

  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void anthropicCountsWithItsCountTokensEndpoint() {
    fake.enqueue(Reply.tokenCount(1234));
    try (AiClient client = Fixtures.client(fake, Family.ANTHROPIC)) {
      TokenCount c = client.chat().system("Be brief").user("Hello").tools(List.of(WEATHER)).maxTokens(300)
          .temperature(0.2).countTokens();
      assertThat(c.inputTokens()).isEqualTo(1234);
      assertThat(c.method()).isEqualTo(TokenCount.Method.PROVIDER);
      assertThat(c.contextWindow()).isEqualTo(200_000L);
      assertThat(c.model()).isEqualTo("claude-sonnet-4-5");
    }
    RecordedRequest r = fake.takeRequest();
    assertThat(r.path()).isEqualTo("/messages/count_tokens");
    assertThat(r.header("x-api-key")).isEqualTo(Fixtures.KEY);
    assertThat(r.jsonString("model")).isEqualTo("claude-sonnet-4-5");
    assertThat(r.jsonString("system")).isEqualTo("Be brief");
    assertThat(r.jsonString("messages[0].content[0].text")).isEqualTo("Hello");
    assertThat(r.jsonString("tools[0].name")).isEqualTo("get_current_weather");
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) r.json().orElseThrow();
    assertThat(body).doesNotContainKeys("max_tokens", "temperature", "stream"); // generation-only fields
  }

  @Test
  void geminiCountsTheWholeRequestWithCountTokens() {
    fake.enqueue(Reply.tokenCount(57));
    try (AiClient client = Fixtures.client(fake, Family.GEMINI)) {
      TokenCount c = client.countTokens(client.chat().system("Be brief").user("Hello").build());
      assertThat(c.inputTokens()).isEqualTo(57);
      assertThat(c.method()).isEqualTo(TokenCount.Method.PROVIDER);
      assertThat(c.detail()).contains(":countTokens");
    }
    RecordedRequest r = fake.takeRequest();
    assertThat(r.path()).isEqualTo("/models/gemini-2.5-flash:countTokens");
    assertThat(r.jsonString("generateContentRequest.model")).isEqualTo("models/gemini-2.5-flash");
    assertThat(r.jsonString("generateContentRequest.contents[0].parts[0].text")).isEqualTo("Hello");
    assertThat(r.jsonString("generateContentRequest.systemInstruction.parts[0].text")).isEqualTo("Be brief");
  }

  @Test
  void aFailingCountIsTheProvidersClassifiedError() {
    fake.enqueue(Reply.error(404));
    try (AiClient client = Fixtures.client(fake, Family.ANTHROPIC)) {
      assertThatThrownBy(() -> client.chat().user("Hello").countTokens())
          .isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.errorType()).isEqualTo(StandardErrorCode.NOT_FOUND);
            assertThat(e.statusCode()).isEqualTo(404);
          });
    }
  }

  /** OpenAI's cookbook example, whose 101 prompt tokens (gpt-4o) it checked against the API: no request is sent. */
  @Test
  void openAiCountsLocallyWithTheModelsTokenizer() {
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      TokenCount c = client.chat()
          .system("You are a helpful assistant that can answer to questions about the weather.")
          .user("What's the weather like in San Francisco?").tools(List.of(WEATHER)).countTokens();
      assertThat(c.inputTokens()).isEqualTo(101);
      assertThat(c.method()).isEqualTo(TokenCount.Method.TOKENIZER);
      assertThat(c.detail()).startsWith("o200k_base");
      assertThat(c.fitsContextWindow()).isTrue();
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void aModelWithoutTokenizerOrEndpointIsEstimated() {
    try (AiClient client = Fixtures.client(fake, Family.COHERE)) {
      TokenCount c = client.chat().user("hello world").countTokens();
      assertThat(c.method()).isEqualTo(TokenCount.Method.ESTIMATE);
      assertThat(c.inputTokens()).isEqualTo(9); // 3 per message + "user" + "hello world" (2) + 3 priming
      assertThat(c.detail()).contains("estimated with o200k_base");
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void aRequestThatCannotFitTheContextWindowIsRefusedBeforeAnyRequest() {
    String text = "hello".concat(" hello".repeat(129_999)); // 130,000 tokens in o200k_base
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      ChatRequest request = client.chat().user(text).maxTokens(1000).build();
      TokenCount c = client.countTokens(request);
      assertThat(c.inputTokens()).isEqualTo(130_007); // + 3 per message, "user", 3 priming
      assertThat(c.fitsContextWindow()).isFalse();
      assertThatThrownBy(() -> client.chat().user(text).maxTokens(1000).execute())
          .isInstanceOfSatisfying(ProtocolException.class,
              e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.REQUEST_TOO_LARGE))
          .hasMessageContaining("130007 tokens, more than the context window of 128000 tokens of model 'gpt-4o'")
          .hasMessageContaining("before the 1000 output tokens asked for").hasMessageContaining("was not sent");
      assertThatThrownBy(() -> client.chat().user(text).stream()).isInstanceOf(ProtocolException.class);
    }
    assertThat(fake.requestCount()).isZero();
  }
}
