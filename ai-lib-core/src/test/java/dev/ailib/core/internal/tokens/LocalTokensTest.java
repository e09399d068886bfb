package dev.ailib.core.internal.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.api.Encoding;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.Message;
import dev.ailib.api.TokenCount;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known counts from OpenAI's own material: tiktoken's tests and the cookbook "How to count tokens with tiktoken",
 * whose message and tool counts it checked against the API's {@code usage.prompt_tokens}.
 */
class LocalTokensTest {
  private static Encoding enc(String name) {
    return Tokenizers.byName(name).orElseThrow();
  }

  @Test
  void knownStringsOfTiktokensTestsAndTheCookbook() {
    Encoding cl100k = enc("cl100k_base");
    Encoding o200k = enc("o200k_base");
    assertThat(cl100k.encode("hello world").toArray()).containsExactly(15339, 1917); // tiktoken test_simple
    assertThat(cl100k.encode("tiktoken is great!").toArray()).containsExactly(83, 1609, 5963, 374, 2294, 0);
    assertThat(cl100k.countTokens("antidisestablishmentarianism")).isEqualTo(6);
    assertThat(cl100k.encode("2 + 2 = 4").toArray()).containsExactly(17, 489, 220, 17, 284, 220, 19);
    assertThat(cl100k.countTokens("お誕生日おめでとう")).isEqualTo(9);
    assertThat(o200k.encode("お誕生日おめでとう").toArray()).containsExactly(8930, 9697, 243, 128225, 8930, 17693,
        4344, 48669);
  }

  /** The cookbook's tool example: 101 prompt tokens for gpt-4o and gpt-4o-mini, 105 for gpt-4 and gpt-3.5-turbo. */
  @Test
  void theCookbooksToolExampleCountsAsTheApiDid() {
    ChatRequest request = new ChatRequest(List.of(
        Message.system("You are a helpful assistant that can answer to questions about the weather."),
        Message.user("What's the weather like in San Francisco?")), null, null, null, null, List.of(WEATHER), null,
        null, null);
    TokenCount gpt4o = LocalTokens.count(request, model("o200k_base"), "gpt-4o");
    assertThat(gpt4o.inputTokens()).isEqualTo(101);
    assertThat(gpt4o.method()).isEqualTo(TokenCount.Method.TOKENIZER);
    assertThat(gpt4o.detail()).startsWith("o200k_base");
    assertThat(LocalTokens.count(request, model("cl100k_base"), "gpt-4").inputTokens()).isEqualTo(105);
  }

  static final ToolDefinition WEATHER = new ToolDefinition("get_current_weather",
      "Get the current weather in a given location", "{\"type\":\"object\",\"properties\":{"
      + "\"location\":{\"type\":\"string\",\"description\":\"The city and state, e.g. San Francisco, CA\"},"
      + "\"unit\":{\"type\":\"string\",\"description\":\"The unit of temperature to return\","
      + "\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"location\"]}");

  @Test
  void withoutAKnownTokenizerTheCountIsAnEstimateThatSaysWhy() {
    ChatRequest r = new ChatRequest(List.of(Message.user("hello world")), null, null, null, null, null, null, null,
        null);
    TokenCount unnamed = LocalTokens.count(r, ModelSpec.builder().id("c").build(), "c");
    assertThat(unnamed.method()).isEqualTo(TokenCount.Method.ESTIMATE);
    assertThat(unnamed.detail()).contains("estimated with o200k_base").contains("names no tokenizer");
    // 3 per message + "user" + "hello world" (2) + 3 priming
    assertThat(unnamed.inputTokens()).isEqualTo(3 + 1 + 2 + 3);
    TokenCount missing = LocalTokens.count(r, model("o200k_harmony"), "gpt-oss");
    assertThat(missing.method()).isEqualTo(TokenCount.Method.ESTIMATE);
    assertThat(missing.detail()).contains("'o200k_harmony' the manifest names is not available here");
    TokenCount image = LocalTokens.count(r.withMessages(List.of(Message.user(List.of(new ContentBlock.Text("look"),
        new ContentBlock.Image("https://x.test/a.png", null, null))))), model("o200k_base"), "gpt-4o");
    assertThat(image.detail()).contains("not counted: images");
  }

  @Test
  void aRequestAboveTheWindowIsRefusedWithTheNumbers() {
    ModelSpec small = ModelSpec.builder().id("tiny").contextWindow(20L).tokenizer("o200k_base").build();
    ChatRequest fits = new ChatRequest(List.of(Message.user("hello world")), null, null, null, null, null, null, null,
        null);
    LocalTokens.checkContextWindow(fits, small, "openai", "tiny", "test.yaml"); // 9 tokens
    String text = "hello world ".repeat(20);
    ChatRequest big = fits.withMessages(List.of(Message.user(text)));
    long expected = 3 + 1 + enc("o200k_base").countTokensOrdinary(text) + 3; // message, role, text, priming
    assertThatThrownBy(() -> LocalTokens.checkContextWindow(big, small, "openai", "tiny", "test.yaml"))
        .isInstanceOfSatisfying(ProtocolException.class,
            e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.REQUEST_TOO_LARGE))
        .hasMessageContaining("is " + expected + " tokens, more than the context window of 20 tokens of model 'tiny'")
        .hasMessageContaining("o200k_base").hasMessageContaining("was not sent");
    LocalTokens.checkContextWindow(big, ModelSpec.builder().id("x").build(), "p", "x", "t"); // no window: no check
  }

  @Test
  void theUtf8LengthBoundsTheTokens() {
    for (String s : List.of("hello world", "お誕生日おめでとう", "👍👍", "é", "")) {
      assertThat(ChatFormatCount.utf8Length(s)).isEqualTo(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .isGreaterThanOrEqualTo(enc("o200k_base").countTokensOrdinary(s));
    }
  }

  @Test
  void theCheapBoundIsAboveTheCountWithToolsToo() {
    ChatRequest request = new ChatRequest(List.of(Message.system("You are a helpful assistant."),
        Message.user("What's the weather like in San Francisco? お誕生日おめでとう")), null, null, null, null,
        List.of(WEATHER), null, null, null);
    long exact = LocalTokens.count(request, model("cl100k_base"), "gpt-4").inputTokens();
    assertThat(ChatFormatCount.upperBound(request)).isGreaterThanOrEqualTo(exact)
        .isGreaterThanOrEqualTo(ChatFormatCount.count(request, ChatFormatCount::utf8Length, 10).tokens());
  }

  private static ModelSpec model(String tokenizer) {
    return ModelSpec.builder().id("m").tokenizer(tokenizer).build();
  }
}
