package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.Budget;
import dev.ailib.api.ChatStream;
import dev.ailib.api.Spend;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.BudgetExceededException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.Environment;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeEmbeddings;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client budgets enforced before sending, on an injected clock, and the spend listener with the request's tag. */
class BudgetTest {
  /** A wall clock that only moves when told to; its monotonic reading stays put (no deadline passes). */
  static final class StoppedClock implements Clock {
    volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public long nanoTime() {
      return 1_000_000_000L;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private FakeProvider fake;
  private final StoppedClock clock = new StoppedClock();
  private final List<Spend> spends = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void aTokenBudgetUsedUpRefusesTheNextCallUntilTheWindowEnds() {
    fake.enqueue(Reply.text("one").usage(Reply.Usage.of(900, 200)), Reply.text("two").usage(Reply.Usage.of(10, 1)));
    try (AiClient client = Fixtures.builder(fake, Family.OPENAI).component(clock)
        .budget(Budget.tokens(1_000, Duration.ofHours(1))).spendListener(spends::add).build()) {
      client.chat().user("Hi").tag("tenant-a").execute(); // 1,100 tokens: the budget is used up
      assertThatThrownBy(() -> client.chat().user("Again").execute())
          .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
            assertThat(e.errorType()).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED);
            assertThat(e.errorType().code()).isEqualTo("E2002");
            assertThat(e.spent()).isEqualTo("1100 tokens");
            assertThat(e.windowEnd()).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
            assertThat(e.retryable()).isFalse();
          })
          .hasMessageContaining("budget of 1000 tokens per PT1H is used up: 1100 tokens spent")
          .hasMessageContaining("was not sent");
      assertThat(fake.requestCount()).isEqualTo(1);
      clock.now = Instant.parse("2026-12-01T11:00:00Z"); // a new window
      assertThat(client.chat().user("Again").execute().content()).isEqualTo("two");
    }
    assertThat(spends).hasSize(2);
    Spend first = spends.get(0);
    assertThat(first.tag()).isEqualTo("tenant-a");
    assertThat(first.provider()).isEqualTo("openai");
    assertThat(first.model()).isEqualTo("gpt-4o");
    assertThat(first.usage().totalTokens()).isEqualTo(1_100);
    assertThat(first.cost().total()).isEqualByComparingTo("0.00425"); // 900 x 2.50 + 200 x 10
    assertThat(first.at()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(first.completed()).isTrue();
    assertThat(spends.get(1).tag()).isNull();
  }

  @Test
  void aCostBudgetCountsTheCostOfStreamsToo() {
    // each call: 1,000 x 2.50 + 500 x 10 = 0.0075 USD; the budget of 0.01 USD allows two calls to start
    for (int i = 0; i < 3; i++) {
      fake.enqueue(Reply.streamedText("a", "b").usage(Reply.Usage.of(1_000, 500)));
    }
    try (AiClient client = Fixtures.builder(fake, Family.OPENAI).component(clock)
        .budget(Budget.cost(new BigDecimal("0.01"), "usd", Duration.ofDays(1))).spendListener(spends::add).build()) {
      for (int i = 0; i < 2; i++) {
        try (ChatStream s = client.chat().user("Hi").tag("tenant-b").stream()) {
          for (StreamingEvent ignored : s) {
            // read to the end
          }
        }
      }
      assertThatThrownBy(() -> client.chat().user("Hi").stream())
          .isInstanceOfSatisfying(BudgetExceededException.class,
              e -> assertThat(e.spent()).isEqualTo("0.015 USD"))
          .hasMessageContaining("budget of 0.01 USD per PT24H is used up")
          .hasMessageContaining("window that ends 2026-12-02T00:00:00Z");
    }
    assertThat(fake.requestCount()).isEqualTo(2);
    assertThat(spends).extracting(Spend::tag).containsExactly("tenant-b", "tenant-b");
  }

  @Test
  void pushStreamsArePricedAndChargedLikePullStreams() throws Exception {
    // each call: 1,000 x 2.50 + 500 x 10 = 0.0075 USD; after two push streams the budget of 0.01 USD is used up
    for (int i = 0; i < 2; i++) {
      fake.enqueue(Reply.streamedText("a", "b").usage(Reply.Usage.of(1_000, 500)));
    }
    try (AiClient client = Fixtures.builder(fake, Family.OPENAI).component(clock)
        .budget(Budget.cost(new BigDecimal("0.01"), "USD", Duration.ofDays(1))).spendListener(spends::add).build()) {
      for (int i = 0; i < 2; i++) {
        dev.ailib.api.CallStats stats = client.chat().user("Hi").tag("tenant-p").stream(event -> { })
            .completion().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(stats.cost().total()).isEqualByComparingTo("0.0075");
      }
      Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> client.chat().user("Hi")
          .stream(event -> { }).completion().get(10, java.util.concurrent.TimeUnit.SECONDS));
      // refused before sending: thrown at once, or the completion fails with it
      assertThat(refused instanceof java.util.concurrent.ExecutionException ? refused.getCause() : refused)
          .isInstanceOf(BudgetExceededException.class);
    }
    assertThat(fake.requestCount()).isEqualTo(2);
    assertThat(spends).extracting(Spend::tag).containsExactly("tenant-p", "tenant-p");
    assertThat(spends).allSatisfy(sp -> assertThat(sp.cost().total()).isEqualByComparingTo("0.0075"));
  }

  @Test
  void embeddingsAndRerankCountAgainstAClientsTokenBudget() {
    List<String> texts = List.of("one two three", "four five six seven");
    long embedTokens = texts.stream().mapToInt(FakeEmbeddings::tokens).sum();
    fake.enqueue(Reply.computed(), Reply.computed(), Reply.computed());
    Budget budget = Budget.tokens(embedTokens, Duration.ofHours(1));
    try (AiClient embed = AiClient.builder().model("openai/text-embedding-3-small").baseUrl(fake.baseUrl())
        .apiKey(Fixtures.KEY).component(Environment.of(Map.of())).component(clock).budget(budget)
        .spendListener(spends::add).build()) {
      embed.embeddings().inputs(texts).execute(); // the budget's tokens, all of them
      assertThatThrownBy(() -> embed.embeddings().input("again").execute())
          .isInstanceOfSatisfying(BudgetExceededException.class,
              e -> assertThat(e.spent()).isEqualTo(embedTokens + " tokens"));
    }
    assertThat(fake.requestCount()).isEqualTo(1);
    assertThat(spends).singleElement().satisfies(sp -> {
      assertThat(sp.tag()).isNull(); // embeddings requests carry no tag
      assertThat(sp.model()).isEqualTo("text-embedding-3-small");
      assertThat(sp.usage().promptTokens()).isEqualTo(embedTokens);
    });

    List<String> docs = List.of("Paris is in France", "Rome");
    long rerankTokens = FakeEmbeddings.tokens("capital") + docs.stream().mapToInt(FakeEmbeddings::tokens).sum();
    try (AiClient rerank = AiClient.builder().model("jina/jina-reranker-v2-base-multilingual")
        .baseUrl(fake.baseUrl()).apiKey(Fixtures.KEY).component(Environment.of(Map.of())).component(clock)
        .budget(Budget.tokens(rerankTokens, Duration.ofHours(1))).build()) {
      rerank.rerank().query("capital").documents(docs).execute(); // Jina reports the tokens it read
      assertThatThrownBy(() -> rerank.rerank().query("capital").documents(docs).execute())
          .isInstanceOf(BudgetExceededException.class);
    }
    assertThat(fake.requestCount()).isEqualTo(2);
  }

  @Test
  void aCostBudgetCountsEmbeddingsByTheirInputPriceAlone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    String bundled;
    try (java.io.InputStream in = getClass().getResourceAsStream("/dev/ailib/protocol/yaml/manifests/openai.yaml")) {
      bundled = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String listed = "text-embedding-3-small: {context_window: 8192, modality: embedding, dimensions: 1536}";
    assertThat(bundled).contains(listed);
    // 1,000 USD per million input tokens, no output price (an embedding model has no output)
    java.nio.file.Files.writeString(dir.resolve("openai.yaml"), bundled.replace(listed, listed.replace("}",
        ", pricing: {input_per_1m: 1000, currency: USD, last_updated: \"2026-12-02\"}}")));
    String text = "one two three four five six seven eight nine ten";
    long tokens = FakeEmbeddings.tokens(text);
    fake.enqueue(Reply.computed(), Reply.computed());
    BigDecimal firstCost = new BigDecimal(tokens).multiply(new BigDecimal("1000")).movePointLeft(6);
    try (AiClient client = AiClient.builder().model("openai/text-embedding-3-small").protocolDir(dir)
        .baseUrl(fake.baseUrl()).apiKey(Fixtures.KEY).component(Environment.of(Map.of())).component(clock)
        .budget(Budget.cost(firstCost, "USD", Duration.ofDays(1))).spendListener(spends::add).build()) {
      assertThat(client.embeddings().input(text).execute().stats().cost().total()).isEqualByComparingTo(firstCost);
      assertThatThrownBy(() -> client.embeddings().input(text).execute())
          .isInstanceOfSatisfying(BudgetExceededException.class,
              e -> assertThat(e.spent()).isEqualTo(firstCost.stripTrailingZeros().toPlainString() + " USD"));
    }
    assertThat(fake.requestCount()).isEqualTo(1);
    assertThat(spends).singleElement().satisfies(sp -> assertThat(sp.cost().total()).isEqualByComparingTo(firstCost));
  }

  @Test
  void aCostBudgetRefusesAModelWithoutPricesBeforeSending() {
    try (AiClient client = AiClient.builder().model("moonshot/moonshot-v1-8k").baseUrl(fake.baseUrl())
        .apiKey(Fixtures.KEY).component(Environment.of(Map.of())).component(clock)
        .budget(Budget.cost(BigDecimal.ONE, "USD", Duration.ofDays(1))).build()) {
      assertThatThrownBy(() -> client.chat().user("Hi").execute()).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("cost budget (1 USD per PT24H) cannot count calls to moonshot/moonshot-v1-8k")
          .hasMessageContaining("use a token budget");
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void budgetValuesAreChecked() {
    assertThatThrownBy(() -> Budget.tokens(0, Duration.ofMinutes(1))).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> Budget.cost(BigDecimal.ONE, "dollars", Duration.ofMinutes(1)))
        .hasMessageContaining("ISO 4217 code such as USD, was 'dollars'");
    assertThatThrownBy(() -> Budget.cost(BigDecimal.ONE, "USD", Duration.ZERO)).hasMessageContaining("at least 1 ms");
    assertThat(Budget.cost(BigDecimal.TEN, "eur", Duration.ofHours(2)).describe()).isEqualTo("10 EUR per PT2H");
  }
}
