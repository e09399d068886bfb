package dev.ailib.core.spi.manifest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A model's prices, from the manifest's {@code metadata.models.<id>.pricing}: per million tokens, in one currency,
 * with the date and place they were taken from when the manifest says. A price the manifest does not give is null:
 * a call that used tokens of that kind has an unknown cost (never a guessed one).
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param base the prices of a request up to the first tier (all requests when there are no tiers)
 * @param tiers higher prices for requests whose input is above a number of tokens (long-context pricing), by
 *     ascending threshold; may be empty
 * @param currency the ISO 4217 code of the prices ({@code USD} when the manifest does not say)
 * @param lastUpdated the date the prices were taken ({@code last_updated}), or null when not stated
 * @param source where they were taken from (ai-lib's {@code source} field, such as the provider's pricing page), or
 *     null
 */
public record ModelPricing(Prices base, List<Tier> tiers, String currency, LocalDate lastUpdated, String source) {

  /** The currency of prices whose manifest names none (AI-Protocol's {@code pricing.json} default). */
  public static final String DEFAULT_CURRENCY = "USD";

  /** Checks and copies; sorts the tiers by threshold. */
  public ModelPricing {
    Objects.requireNonNull(base, "base");
    List<Tier> sorted = new ArrayList<>(tiers == null ? List.of() : tiers);
    sorted.sort(Comparator.comparingLong(Tier::aboveInputTokens));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).aboveInputTokens() == sorted.get(i - 1).aboveInputTokens()) {
        throw new IllegalArgumentException("two price tiers above " + sorted.get(i).aboveInputTokens()
            + " input tokens");
      }
    }
    tiers = List.copyOf(sorted);
    currency = currency == null ? DEFAULT_CURRENCY : currency;
  }

  /**
   * The prices that apply to a request of this many input tokens: those of the highest tier it is above, else the
   * base prices.
   *
   * @param inputTokens the request's input tokens
   * @return the prices
   */
  public Prices forInput(long inputTokens) {
    Prices p = base;
    for (Tier t : tiers) {
      if (inputTokens > t.aboveInputTokens()) {
        p = t.prices();
      }
    }
    return p;
  }

  /**
   * Prices per million tokens; each is null when the manifest does not give it.
   *
   * @param inputPer1m uncached input ({@code input_per_1m})
   * @param outputPer1m output, reasoning included unless {@code reasoningPer1m} is given ({@code output_per_1m})
   * @param cacheReadPer1m input read from the prompt cache ({@code cache_read_per_1m}, or the published
   *     {@code cache_hit_input_per_1m})
   * @param cacheWritePer1m input written to the prompt cache, default lifetime ({@code cache_write_per_1m})
   * @param cacheWrite1hPer1m input written to the prompt cache with a one-hour lifetime
   *     ({@code cache_write_1h_per_1m}, ai-lib's field)
   * @param reasoningPer1m reasoning output when priced apart from other output ({@code reasoning_per_1m}, ai-lib's
   *     field)
   */
  public record Prices(BigDecimal inputPer1m, BigDecimal outputPer1m, BigDecimal cacheReadPer1m,
      BigDecimal cacheWritePer1m, BigDecimal cacheWrite1hPer1m, BigDecimal reasoningPer1m) {

    /** Checks that no price is negative. */
    public Prices {
      for (BigDecimal p : new BigDecimal[] {inputPer1m, outputPer1m, cacheReadPer1m, cacheWritePer1m,
          cacheWrite1hPer1m, reasoningPer1m}) {
        if (p != null && p.signum() < 0) {
          throw new IllegalArgumentException("a price must not be negative, was " + p.toPlainString());
        }
      }
    }

    /**
     * Input and output prices only.
     *
     * @param inputPer1m uncached input
     * @param outputPer1m output
     * @return the prices
     */
    public static Prices of(BigDecimal inputPer1m, BigDecimal outputPer1m) {
      return new Prices(inputPer1m, outputPer1m, null, null, null, null);
    }

    /**
     * A builder with no price set.
     *
     * @return the builder
     */
    public static PricesBuilder builder() {
      return new PricesBuilder();
    }

    /**
     * A builder holding these prices.
     *
     * @return the builder
     */
    public PricesBuilder toBuilder() {
      return new PricesBuilder().inputPer1m(inputPer1m).outputPer1m(outputPer1m).cacheReadPer1m(cacheReadPer1m)
          .cacheWritePer1m(cacheWritePer1m).cacheWrite1hPer1m(cacheWrite1hPer1m).reasoningPer1m(reasoningPer1m);
    }
  }

  /** Builds {@link Prices}. Not thread-safe. */
  public static final class PricesBuilder {
    private BigDecimal inputPer1m;
    private BigDecimal outputPer1m;
    private BigDecimal cacheReadPer1m;
    private BigDecimal cacheWritePer1m;
    private BigDecimal cacheWrite1hPer1m;
    private BigDecimal reasoningPer1m;

    private PricesBuilder() {
    }

    /**
     * Sets {@link Prices#inputPer1m()}.
     *
     * @param value per million tokens, or null
     * @return this builder
     */
    public PricesBuilder inputPer1m(BigDecimal value) {
      this.inputPer1m = value;
      return this;
    }

    /**
     * Sets {@link Prices#outputPer1m()}.
     *
     * @param value per million tokens, or null
     * @return this builder
     */
    public PricesBuilder outputPer1m(BigDecimal value) {
      this.outputPer1m = value;
      return this;
    }

    /**
     * Sets {@link Prices#cacheReadPer1m()}.
     *
     * @param value per million tokens, or null
     * @return this builder
     */
    public PricesBuilder cacheReadPer1m(BigDecimal value) {
      this.cacheReadPer1m = value;
      return this;
    }

    /**
     * Sets {@link Prices#cacheWritePer1m()}.
     *
     * @param value per million tokens, or null
     * @return this builder
     */
    public PricesBuilder cacheWritePer1m(BigDecimal value) {
      this.cacheWritePer1m = value;
      return this;
    }

    /**
     * Sets {@link Prices#cacheWrite1hPer1m()}.
     *
     * @param value per million tokens, or null
     * @return this builder
     */
    public PricesBuilder cacheWrite1hPer1m(BigDecimal value) {
      this.cacheWrite1hPer1m = value;
      return this;
    }

    /**
     * Sets {@link Prices#reasoningPer1m()}.
     *
     * @param value per million tokens, or null
     * @return this builder
     */
    public PricesBuilder reasoningPer1m(BigDecimal value) {
      this.reasoningPer1m = value;
      return this;
    }

    /**
     * Builds the prices.
     *
     * @return the prices
     */
    public Prices build() {
      return new Prices(inputPer1m, outputPer1m, cacheReadPer1m, cacheWritePer1m, cacheWrite1hPer1m, reasoningPer1m);
    }
  }

  /**
   * Prices for requests above a number of input tokens.
   *
   * @param aboveInputTokens the threshold: the tier applies to requests with more input tokens than this
   * @param prices the tier's prices
   */
  public record Tier(long aboveInputTokens, Prices prices) {
    /** Checks the values. */
    public Tier {
      Objects.requireNonNull(prices, "prices");
      if (aboveInputTokens <= 0) {
        throw new IllegalArgumentException("a price tier's threshold must be positive, was " + aboveInputTokens);
      }
    }

    /**
     * A builder with nothing set.
     *
     * @return the builder
     */
    public static TierBuilder builder() {
      return new TierBuilder();
    }
  }

  /** Builds a {@link Tier}. Not thread-safe. */
  public static final class TierBuilder {
    private long aboveInputTokens;
    private Prices prices;

    private TierBuilder() {
    }

    /**
     * Sets {@link Tier#aboveInputTokens()}.
     *
     * @param value the threshold, positive
     * @return this builder
     */
    public TierBuilder aboveInputTokens(long value) {
      this.aboveInputTokens = value;
      return this;
    }

    /**
     * Sets {@link Tier#prices()}.
     *
     * @param value the tier's prices
     * @return this builder
     */
    public TierBuilder prices(Prices value) {
      this.prices = value;
      return this;
    }

    /**
     * Builds the tier.
     *
     * @return the tier
     */
    public Tier build() {
      return new Tier(aboveInputTokens, prices);
    }
  }

  /**
   * A builder with no price set.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these values, to derive a changed copy.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder().base(base).tiers(tiers).currency(currency).lastUpdated(lastUpdated).source(source);
  }

  /** Builds a {@link ModelPricing}. Not thread-safe. */
  public static final class Builder {
    private Prices base = new Prices(null, null, null, null, null, null);
    private final List<Tier> tiers = new ArrayList<>();
    private String currency;
    private LocalDate lastUpdated;
    private String source;

    private Builder() {
    }

    /**
     * Sets {@link ModelPricing#base()}.
     *
     * @param value the base prices
     * @return this builder
     */
    public Builder base(Prices value) {
      this.base = Objects.requireNonNull(value, "base");
      return this;
    }

    /**
     * Sets the base price of uncached input, keeping the other base prices.
     *
     * @param value per million tokens, or null
     * @return this builder
     */
    public Builder inputPer1m(BigDecimal value) {
      return base(base.toBuilder().inputPer1m(value).build());
    }

    /**
     * Sets the base price of output, keeping the other base prices.
     *
     * @param value per million tokens, or null
     * @return this builder
     */
    public Builder outputPer1m(BigDecimal value) {
      return base(base.toBuilder().outputPer1m(value).build());
    }

    /**
     * Sets {@link ModelPricing#tiers()}, replacing those set before.
     *
     * @param value the tiers, or null for none
     * @return this builder
     */
    public Builder tiers(List<Tier> value) {
      tiers.clear();
      if (value != null) {
        tiers.addAll(value);
      }
      return this;
    }

    /**
     * Adds a tier.
     *
     * @param tier the tier
     * @return this builder
     */
    public Builder tier(Tier tier) {
      tiers.add(Objects.requireNonNull(tier, "tier"));
      return this;
    }

    /**
     * Sets {@link ModelPricing#currency()}.
     *
     * @param value an ISO 4217 code, or null for {@value ModelPricing#DEFAULT_CURRENCY}
     * @return this builder
     */
    public Builder currency(String value) {
      this.currency = value;
      return this;
    }

    /**
     * Sets {@link ModelPricing#lastUpdated()}.
     *
     * @param value the date, or null
     * @return this builder
     */
    public Builder lastUpdated(LocalDate value) {
      this.lastUpdated = value;
      return this;
    }

    /**
     * Sets {@link ModelPricing#source()}.
     *
     * @param value such as the provider's pricing page, or null
     * @return this builder
     */
    public Builder source(String value) {
      this.source = value;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the pricing
     */
    public ModelPricing build() {
      return new ModelPricing(base, tiers, currency, lastUpdated, source);
    }
  }
}
