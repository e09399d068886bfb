package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResult;
import dev.ailib.api.Message;
import dev.ailib.api.PromptCache;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.Usage;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Prompt caching: the request-side controls in the recorded bodies, and the cache tokens read back. */
class PromptCacheTest {
  private static final ToolDefinition LOOKUP = ToolDefinition.of("lookup", "Looks a word up",
      Map.of("type", "object", "properties", Map.of("word", Map.of("type", "string"))));
  private static final List<Message> HISTORY = List.of(Message.system("You are a dictionary."),
      Message.user("What is a lemma?"), Message.assistant("A word's base form."), Message.user("And a stem?"));

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
  void anthropicBreakpointsOnToolsSystemAndTheLastMessagesWithTheirTtl() {
    fake.enqueue(Reply.text("The part that does not change.").usage(Reply.Usage.of(50, 10).withCachedTokens(2_000)
        .withCacheWriteTokens(1_500).withCacheWrite1hTokens(1_500)));
    ChatResult result;
    try (AiClient client = Fixtures.client(fake, Family.ANTHROPIC)) {
      result = client.chat().messages(HISTORY).tools(List.of(LOOKUP))
          .promptCache(PromptCache.of(PromptCache.Ttl.ONE_HOUR)).executeWithStats();
    }
    RecordedRequest r = fake.takeRequest();
    Map<String, Object> oneHour = Map.of("type", "ephemeral", "ttl", "1h");
    assertThat(r.jsonAt("tools[0].cache_control")).isEqualTo(oneHour);
    assertThat(r.jsonString("system[0].text")).isEqualTo("You are a dictionary.");
    assertThat(r.jsonAt("system[0].cache_control")).isEqualTo(oneHour);
    assertThat(r.jsonAt("messages[2].content[0].cache_control")).isEqualTo(oneHour); // the last message
    assertThat(r.jsonAt("messages[1].content[0].cache_control")).isEqualTo(oneHour); // the one before it
    assertThat(r.jsonAt("messages[0].content[0].cache_control")).isNull();
    assertThat(r.body().split("\"cache_control\"", -1)).hasSize(5); // four breakpoints, the format's limit
    assertThat(r.header("anthropic-beta")).isEqualTo("extended-cache-ttl-2025-04-11");

    Usage u = result.response().usage();
    assertThat(u.cachedTokens()).isEqualTo(2_000);
    assertThat(u.cacheWriteTokens()).isEqualTo(1_500);
    assertThat(u.cacheWrite1hTokens()).isEqualTo(1_500);
    assertThat(u.promptTokens()).isEqualTo(3_550);
    // claude-sonnet-4-5: 50 x 3 + 2,000 x 0.30 + 1,500 x 6 (one-hour writes) + 10 x 15
    assertThat(result.stats().cost().total()).isEqualByComparingTo("0.0099");
  }

  @Test
  void anthropicDefaultLifetimeSendsNoTtlAndNoBeta() {
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = Fixtures.client(fake, Family.ANTHROPIC)) {
      client.chat().system("Stable instructions").user("Hi").promptCache(PromptCache.defaults()).execute();
    }
    RecordedRequest r = fake.takeRequest();
    assertThat(r.jsonAt("system[0].cache_control")).isEqualTo(Map.of("type", "ephemeral"));
    assertThat(r.jsonAt("messages[0].content[0].cache_control")).isEqualTo(Map.of("type", "ephemeral"));
    assertThat(r.header("anthropic-beta")).isNull();
  }

  @Test
  void withoutPromptCacheNothingIsMarked() {
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = Fixtures.client(fake, Family.ANTHROPIC)) {
      client.chat().messages(HISTORY).tools(List.of(LOOKUP)).execute();
    }
    RecordedRequest r = fake.takeRequest();
    assertThat(r.body()).doesNotContain("cache_control");
    assertThat(r.jsonString("system")).isEqualTo("You are a dictionary.");
  }

  @Test
  void openAiSendsTheKeyAsPromptCacheKeyAndReadsCachedTokens() {
    fake.enqueue(Reply.text("ok").usage(Reply.Usage.of(3_000, 10).withCachedTokens(2_048)));
    Usage u;
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      u = client.chat().messages(HISTORY).promptCache(PromptCache.defaults().withKey("tenant-42")).execute().usage();
    }
    RecordedRequest r = fake.takeRequest();
    assertThat(r.jsonString("prompt_cache_key")).isEqualTo("tenant-42");
    assertThat(r.body()).doesNotContain("cache_control");
    assertThat(u.cachedTokens()).isEqualTo(2_048);
  }

  @Test
  void openAiResponsesSendsTheKeyToo() {
    fake.enqueue(Reply.text("ok").usage(Reply.Usage.of(3_000, 10).withCachedTokens(1_024)));
    Usage u;
    try (AiClient client = Fixtures.builder(fake, Family.OPENAI).model("openai/gpt-5-codex").build()) {
      u = client.chat().user("Hi").promptCache(PromptCache.defaults().withKey("tenant-7")).execute().usage();
    }
    RecordedRequest r = fake.takeRequest();
    assertThat(r.path()).endsWith("/responses");
    assertThat(r.jsonString("prompt_cache_key")).isEqualTo("tenant-7");
    assertThat(u.cachedTokens()).isEqualTo(1_024);
  }

  @Test
  void geminiAndCohereReportCachedTokensWithoutRequestControls() {
    fake.enqueue(Reply.text("ok").usage(Reply.Usage.of(5_000, 10).withCachedTokens(4_096)),
        Reply.text("ok").usage(Reply.Usage.of(5_000, 10).withCachedTokens(1_024)));
    try (AiClient gemini = Fixtures.client(fake, Family.GEMINI);
        AiClient cohere = Fixtures.client(fake, Family.COHERE)) {
      assertThat(gemini.chat().user("Hi").promptCache(PromptCache.defaults()).execute().usage().cachedTokens())
          .isEqualTo(4_096);
      assertThat(cohere.chat().user("Hi").promptCache(PromptCache.defaults()).execute().usage().cachedTokens())
          .isEqualTo(1_024);
    }
    assertThat(fake.requests()).allSatisfy(r -> assertThat(r.body()).doesNotContain("cache_control")
        .doesNotContain("prompt_cache_key"));
  }
}
