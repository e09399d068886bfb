package dev.ailib.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a call cost, computed from the prices in the provider's manifest for the model that served it (after a
 * fallback, the fallback model's prices), or unknown. A cost is never guessed: it is unknown when the manifest has no
 * input or output price for the model, or when the call used tokens of a kind the manifest has no price for (tokens
 * read from or written to the prompt cache without a cache price), and {@link #unknownReason()} says which.
 *
 * <p>The parts add up to {@link #total()}: uncached input tokens at the input price, cached input tokens at the cache
 * read price, cache-write tokens at the cache-write price (the one-hour price for Anthropic's one-hour cache), output
 * tokens at the output price. Reasoning tokens are output tokens and are priced as such unless the manifest prices
 * them separately; then they are in {@link #reasoning()} and not in {@link #output()}. Amounts are exact decimals in
 * {@link #currency()} units (such as US dollars), not rounded.
 *
 * @param input uncached input tokens' cost, or null when unknown
 * @param cachedInput the cost of input tokens read from the prompt cache, or null when unknown
 * @param cacheWrite the cost of input tokens written to the prompt cache, or null when unknown
 * @param output output tokens' cost (reasoning included unless priced separately), or null when unknown
 * @param reasoning reasoning tokens' cost when the manifest prices them separately, else zero; null when unknown
 * @param currency the ISO 4217 code of the prices (such as {@code USD}), or null when unknown
 * @param priceDate the date the manifest says its prices were taken, or null when it does not say
 * @param unknownReason why the cost is unknown, or null when it is known
 */
public record Cost(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal output,
    BigDecimal reasoning, String currency, LocalDate priceDate, String unknownReason) {

  /** Checks that a cost is either complete or unknown with a reason. */
  public Cost {
    if (unknownReason == null) {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(cachedInput, "cachedInput");
      Objects.requireNonNull(cacheWrite, "cacheWrite");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(reasoning, "reasoning");
      Objects.requireNonNull(currency, "currency");
    } else if (input != null || cachedInput != null || cacheWrite != null || output != null || reasoning != null) {
      throw new IllegalArgumentException("an unknown cost has no amounts");
    }
  }

  /**
   * A cost that is not known.
   *
   * @param reason why, such as {@code "the manifest of provider 'x' has no price for model 'y'"}
   * @return the cost
   */
  public static Cost unknown(String reason) {
    return new Cost(null, null, null, null, null, null, null, Objects.requireNonNull(reason, "reason"));
  }

  /**
   * A known cost.
   *
   * @param input uncached input tokens' cost
   * @param cachedInput cached input tokens' cost
   * @param cacheWrite cache-write tokens' cost
   * @param output output tokens' cost
   * @param reasoning separately priced reasoning tokens' cost, else zero
   * @param currency the ISO 4217 code
   * @param priceDate when the prices were taken, or null
   * @return the cost
   */
  public static Cost of(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal output,
      BigDecimal reasoning, String currency, LocalDate priceDate) {
    return new Cost(input, cachedInput, cacheWrite, output, reasoning, currency, priceDate, null);
  }

  /** Whether the cost is known. */
  public boolean known() {
    return unknownReason == null;
  }

  /**
   * The whole cost.
   *
   * @return the sum of the parts, or null when the cost is unknown
   */
  public BigDecimal total() {
    return known() ? input.add(cachedInput).add(cacheWrite).add(output).add(reasoning) : null;
  }

  /**
   * This cost followed by another (a repair request, the next round of a tool run): the parts added up when both are
   * known in the same currency; unknown otherwise (a sum with an unknown part is not known).
   *
   * @param next the later call's cost
   * @return the sum
   */
  public Cost plus(Cost next) {
    if (!known()) {
      return this;
    }
    if (!next.known()) {
      return next;
    }
    if (!currency.equals(next.currency)) {
      return unknown("the costs are in different currencies (" + currency + ", " + next.currency + ")");
    }
    LocalDate date = priceDate == null ? next.priceDate
        : next.priceDate == null || priceDate.isBefore(next.priceDate) ? priceDate : next.priceDate;
    return of(input.add(next.input), cachedInput.add(next.cachedInput), cacheWrite.add(next.cacheWrite),
        output.add(next.output), reasoning.add(next.reasoning), currency, date);
  }

  @Override
  public String toString() {
    if (!known()) {
      return "unknown (" + unknownReason + ")";
    }
    return total().toPlainString() + " " + currency + " [input " + input.toPlainString() + ", cached input "
        + cachedInput.toPlainString() + ", cache write " + cacheWrite.toPlainString() + ", output "
        + output.toPlainString() + (reasoning.signum() != 0 ? ", reasoning " + reasoning.toPlainString() : "")
        + (priceDate != null ? "; prices of " + priceDate : "") + "]";
  }
}
