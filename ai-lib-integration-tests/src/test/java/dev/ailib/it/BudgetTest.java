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
