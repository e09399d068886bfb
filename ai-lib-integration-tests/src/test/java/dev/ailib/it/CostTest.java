package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.CallStats;
import dev.ailib.api.ChatStream;
import dev.ailib.api.Cost;
import dev.ailib.api.EmbeddingResponse;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.core.spi.Environment;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeEmbeddings;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a call cost, through the public API, by the prices in the bundled manifests. Every expected amount is
 * worked out by hand in the comment beside it: tokens x price per million / 1,000,000.
 */
class CostTest {
  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private CallStats call(Family family, Reply reply) {
    fake.enqueue(reply);
    try (AiClient client = Fixtures.client(fake, family)) {
      return client.chat().user("Hi").executeWithStats().stats();
    }
  }

  @Test
  void openAiChatWithCachedInput() {
    // gpt-4o: input 2.50, cached input 1.25, output 10 per million
    CallStats s = call(Family.OPENAI, Reply.text("ok").usage(Reply.Usage.of(1_000, 500).withCachedTokens(200)));
    Cost c = s.cost();
    assertThat(c.input()).isEqualByComparingTo("0.002");        // 800 x 2.50
    assertThat(c.cachedInput()).isEqualByComparingTo("0.00025"); // 200 x 1.25
    assertThat(c.output()).isEqualByComparingTo("0.005");       // 500 x 10
    assertThat(c.total()).isEqualByComparingTo("0.00725");
    assertThat(c.currency()).isEqualTo("USD");
    assertThat(c.priceDate()).isEqualTo(LocalDate.of(2026, 12, 1));
  }

  @Test
  void anthropicMessagesWithCacheReadsAndWritesOfBothLifetimes() {
    // claude-sonnet-4-5: input 3, cache read 0.30, 5-minute write 3.75, one-hour write 6, output 15 per million
    CallStats s = call(Family.ANTHROPIC, Reply.text("ok").usage(Reply.Usage.of(1_000, 500).withCachedTokens(2_000)
        .withCacheWriteTokens(3_000).withCacheWrite1hTokens(1_000)));
    assertThat(s.promptTokens()).isEqualTo(6_000); // Anthropic's input_tokens exclude the cache: 1,000 + 2,000 + 3,000
    Cost c = s.cost();
    assertThat(c.input()).isEqualByComparingTo("0.003");        // 1,000 x 3
    assertThat(c.cachedInput()).isEqualByComparingTo("0.0006"); // 2,000 x 0.30
    assertThat(c.cacheWrite()).isEqualByComparingTo("0.0135");  // 2,000 x 3.75 + 1,000 x 6
    assertThat(c.output()).isEqualByComparingTo("0.0075");      // 500 x 15
    assertThat(c.total()).isEqualByComparingTo("0.0246");
  }

  @Test
  void geminiWithCachedContentAndThoughts() {
    // gemini-2.5-flash: input 0.30, cached 0.03, output (thinking included) 2.50 per million
    CallStats s = call(Family.GEMINI, Reply.text("ok").usage(new Reply.Usage(10_000, 1_000, 300, 4_000, 0)));
    Cost c = s.cost();
    assertThat(c.input()).isEqualByComparingTo("0.0018");        // 6,000 x 0.30
    assertThat(c.cachedInput()).isEqualByComparingTo("0.00012"); // 4,000 x 0.03
    assertThat(c.output()).isEqualByComparingTo("0.00325");      // (1,000 + 300 thoughts) x 2.50
    assertThat(c.total()).isEqualByComparingTo("0.00517");
  }

  @Test
  void cohereV2PricedByAManifestOfYourOwn(@TempDir Path dir) throws IOException {
    // the bundled cohere manifest has no prices (none with a date and a source); a manifest in protocolDir adds them.
    // Test prices, not Cohere's: input 2, output 8 per million
    String bundled;
    try (InputStream in = getClass().getResourceAsStream("/dev/ailib/protocol/yaml/manifests/cohere.yaml")) {
      assertThat(in).as("bundled cohere manifest").isNotNull();
      bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String listed = "command-a-03-2025: {context_window: 256000, max_output_tokens: 8000}";
    assertThat(bundled).contains(listed);
    Files.writeString(dir.resolve("cohere.yaml"), bundled.replace(listed, "command-a-03-2025: {context_window: 256000, "
        + "max_output_tokens: 8000, pricing: {input_per_1m: 2, output_per_1m: 8, last_updated: \"2026-12-02\"}}"));
    fake.enqueue(Reply.text("ok").usage(Reply.Usage.of(1_000, 100)));
    try (AiClient client = Fixtures.builder(fake, Family.COHERE).protocolDir(dir).build()) {
      Cost c = client.chat().user("Hi").executeWithStats().stats().cost();
      assertThat(c.input()).isEqualByComparingTo("0.002");   // 1,000 x 2
      assertThat(c.output()).isEqualByComparingTo("0.0008"); // 100 x 8
      assertThat(c.total()).isEqualByComparingTo("0.0028");
      assertThat(c.priceDate()).isEqualTo(LocalDate.of(2026, 12, 2));
    }
    assertThat(fake.takeRequest().jsonString("model")).isEqualTo("command-a-03-2025");
  }

  @Test
  void cohereV2WithTheBundledManifestIsUnknown() {
    CallStats s = call(Family.COHERE, Reply.text("ok").usage(Reply.Usage.of(1_000, 100)));
    assertThat(s.cost().known()).isFalse();
    assertThat(s.cost().unknownReason()).contains("no price for model 'command-a-03-2025' of provider 'cohere'");
  }

  @Test
  void openAiResponses() {
    // gpt-5-codex (Responses API): input 1.25, cached input 0.125, output 10 per million
    fake.enqueue(Reply.text("ok").usage(Reply.Usage.of(1_000, 100).withCachedTokens(400)));
    try (AiClient client = Fixtures.builder(fake, Family.OPENAI).model("openai/gpt-5-codex").build()) {
      Cost c = client.chat().user("Hi").executeWithStats().stats().cost();
      assertThat(c.input()).isEqualByComparingTo("0.00075");      // 600 x 1.25
      assertThat(c.cachedInput()).isEqualByComparingTo("0.00005"); // 400 x 0.125
      assertThat(c.output()).isEqualByComparingTo("0.001");       // 100 x 10
      assertThat(c.total()).isEqualByComparingTo("0.0018");
      assertThat(c.priceDate()).isEqualTo(LocalDate.of(2026, 12, 2));
    }
    assertThat(fake.takeRequest().path()).endsWith("/responses");
  }

  @Test
  void aStreamIsPricedLikeTheSameAnswer() {
    fake.enqueue(Reply.streamedText("a", "b").usage(Reply.Usage.of(1_000, 500).withCachedTokens(200)));
    try (AiClient client = Fixtures.client(fake, Family.OPENAI);
        ChatStream stream = client.chat().user("Hi").stream()) {
      for (StreamingEvent ignored : stream) {
        // read to the end
      }
      assertThat(stream.stats()).hasValueSatisfying(s -> assertThat(s.cost().total()).isEqualByComparingTo("0.00725"));
    }
  }

  @Test
  void aFallbackCallIsPricedByTheModelThatServedIt() {
    fake.enqueue(Reply.error(500), Reply.text("ok").usage(Reply.Usage.of(1_000, 100)));
    try (AiClient client = AiClient.builder().model("openai/gpt-4o").fallbackModels(List.of("openai/gpt-4o-mini"))
        .resilience(ResilientConfig.builder().maxRetries(0).build()).baseUrl(fake.baseUrl()).apiKey(Fixtures.KEY)
        .component(Environment.of(Map.of())).build()) {
      CallStats s = client.chat().user("Hi").executeWithStats().stats();
      assertThat(s.model()).isEqualTo("gpt-4o-mini");
      // gpt-4o-mini: 1,000 x 0.15 + 100 x 0.60; gpt-4o's prices would make 0.0035
      assertThat(s.cost().total()).isEqualByComparingTo("0.00021");
    }
    assertThat(fake.requests()).extracting(r -> r.jsonString("model")).containsExactly("gpt-4o", "gpt-4o-mini");
  }

  @Test
  void unknownWhenTheManifestHasNoPrice() {
    fake.enqueue(Reply.text("ok").usage(Reply.Usage.of(1_000, 100)));
    try (AiClient client = AiClient.builder().model("moonshot/moonshot-v1-8k").baseUrl(fake.baseUrl())
        .apiKey(Fixtures.KEY).component(Environment.of(Map.of())).build()) {
      Cost c = client.chat().user("Hi").executeWithStats().stats().cost();
      assertThat(c.known()).isFalse();
      assertThat(c.total()).isNull();
      assertThat(c.input()).isNull();
      assertThat(c.unknownReason()).contains("no price for model 'moonshot-v1-8k' of provider 'moonshot'");
    }
  }

  @Test
  void unknownWhenCacheTokensHaveNoPrice() {
    // gpt-4-turbo has no cached-input price: a call that read the cache has an unknown cost, not a guessed one
    fake.enqueue(Reply.text("ok").usage(Reply.Usage.of(1_000, 100).withCachedTokens(600)));
    try (AiClient client = Fixtures.builder(fake, Family.OPENAI).model("openai/gpt-4-turbo").build()) {
      Cost c = client.chat().user("Hi").executeWithStats().stats().cost();
      assertThat(c.known()).isFalse();
      assertThat(c.unknownReason()).contains("read 600 input tokens from the prompt cache")
          .contains("cache read price (cache_read_per_1m)").contains("'gpt-4-turbo'");
    }
  }

  @Test
  void anEmbeddingsCallIsPricedByItsInputTokens(@TempDir Path dir) throws IOException {
    // the bundled embedding models have no prices (none with a date and a source); test prices, not OpenAI's:
    // input 0.5 per million, no output price (an embeddings call has no output tokens)
    String bundled;
    try (InputStream in = getClass().getResourceAsStream("/dev/ailib/protocol/yaml/manifests/openai.yaml")) {
      assertThat(in).as("bundled openai manifest").isNotNull();
      bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String listed = "text-embedding-3-small: {context_window: 8192, modality: embedding, dimensions: 1536}";
    assertThat(bundled).contains(listed);
    Files.writeString(dir.resolve("openai.yaml"), bundled.replace(listed, listed.replace("}",
        ", pricing: {input_per_1m: 0.5, last_updated: \"2026-12-02\"}}")));
    List<String> texts = List.of("one two three", "four five");
    long tokens = texts.stream().mapToInt(FakeEmbeddings::tokens).sum();
    assertThat(tokens).isPositive();
    fake.enqueue(Reply.computed());
    try (AiClient client = AiClient.builder().model("openai/text-embedding-3-small").protocolDir(dir)
        .baseUrl(fake.baseUrl()).apiKey(Fixtures.KEY).component(Environment.of(Map.of())).build()) {
      EmbeddingResponse r = client.embeddings().inputs(texts).execute();
      assertThat(r.usage().promptTokens()).isEqualTo(tokens);
      Cost c = r.stats().cost();
      assertThat(c.known()).as(String.valueOf(c)).isTrue();
      assertThat(c.input()).isEqualByComparingTo(new BigDecimal(tokens).multiply(new BigDecimal("0.5"))
          .movePointLeft(6)); // tokens x 0.5 / 1,000,000
      assertThat(c.output()).isZero();
      assertThat(c.total()).isEqualByComparingTo(c.input());
    }
  }

  @Test
  void anEmbeddingsCallOnTheBundledManifestHasAnUnknownCost() {
    fake.enqueue(Reply.computed());
    try (AiClient client = AiClient.builder().model("openai/text-embedding-3-small").baseUrl(fake.baseUrl())
        .apiKey(Fixtures.KEY).component(Environment.of(Map.of())).build()) {
      Cost c = client.embeddings().input("one two three").execute().stats().cost();
      assertThat(c.known()).isFalse();
      assertThat(c.unknownReason()).contains("no price for model 'text-embedding-3-small' of provider 'openai'");
    }
  }
}
