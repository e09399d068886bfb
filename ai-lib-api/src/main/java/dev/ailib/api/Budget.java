package dev.ailib.api;

import dev.ailib.api.spi.ClientComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A spending limit of one client ({@link AiClientBuilder#budget(Budget)}): at most this much cost, or this many
 * tokens, per time window. Before a call is sent, a client whose spending in the current window has reached a limit
 * refuses it with {@link dev.ailib.api.error.BudgetExceededException} (E2002 {@code quota_exhausted}), naming the
 * limit, what was spent and when the window ends. Windows are fixed intervals counted from the epoch on the client's
 * clock (a one-day window runs from midnight UTC to midnight UTC). What a call spends is added when it ends (a
 * stream: when it ends or is closed, with the usage it reported); calls in flight when the limit is reached still
 * finish, so spending may pass the limit by what they use.
 *
 * <p>A cost budget counts {@link CallStats#cost()}: it needs the prices of every model it calls; a call to a model
 * whose manifest has no input and output price (embeddings and rerank: no input price) is refused before it is sent
 * (its cost could not be counted). Chat, embeddings and rerank calls all count.
 *
 * @param kind what is limited
 * @param maxCost the cost limit, for {@link Kind#COST}; else null
 * @param currency the currency of the cost limit (ISO 4217, such as {@code USD}), for {@link Kind#COST}; else null
 * @param maxTokens the token limit (all tokens, input and output), for {@link Kind#TOKENS}; else 0
 * @param window the length of a window
 */
public record Budget(Kind kind, BigDecimal maxCost, String currency, long maxTokens, Duration window)
    implements ClientComponent {

  /** What a budget limits. */
  public enum Kind {
    /** The cost of calls, in one currency. */
    COST,
    /** The tokens of calls (input and output). */
    TOKENS
  }

  /** Checks the values. */
  public Budget {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero() || window.toMillis() < 1) {
      throw new IllegalArgumentException("a budget window must be at least 1 ms, was " + window);
    }
    if (kind == Kind.COST) {
      Objects.requireNonNull(maxCost, "maxCost");
      Objects.requireNonNull(currency, "currency");
      if (maxCost.signum() <= 0) {
        throw new IllegalArgumentException("a cost budget must be positive, was " + maxCost.toPlainString());
      }
      if (!currency.matches("[A-Za-z]{3}")) {
        throw new IllegalArgumentException("a budget currency is an ISO 4217 code such as USD, was '" + currency
            + "'");
      }
      currency = currency.toUpperCase(Locale.ROOT);
      if (maxTokens != 0) {
        throw new IllegalArgumentException("a cost budget has no token limit");
      }
    } else {
      if (maxTokens <= 0) {
        throw new IllegalArgumentException("a token budget must be positive, was " + maxTokens);
      }
      if (maxCost != null || currency != null) {
        throw new IllegalArgumentException("a token budget has no cost limit");
      }
    }
  }

  /**
   * At most this cost per window.
   *
   * @param max the limit, positive
   * @param currency the currency of the manifests' prices (ISO 4217, such as {@code USD})
   * @param window the window, such as {@code Duration.ofDays(1)}
   * @return the budget
   */
  public static Budget cost(BigDecimal max, String currency, Duration window) {
    return new Budget(Kind.COST, max, currency, 0, window);
  }

  /**
   * At most this many tokens per window.
   *
   * @param max the limit, positive
   * @param window the window, such as {@code Duration.ofMinutes(1)}
   * @return the budget
   */
  public static Budget tokens(long max, Duration window) {
    return new Budget(Kind.TOKENS, null, null, max, window);
  }

  /** The limit as text, such as {@code 5 USD per PT24H} or {@code 100000 tokens per PT1M}. */
  public String describe() {
    return (kind == Kind.COST ? maxCost.toPlainString() + " " + currency : maxTokens + " tokens") + " per " + window;
  }
}
