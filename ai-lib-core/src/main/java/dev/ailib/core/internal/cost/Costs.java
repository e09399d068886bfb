package dev.ailib.core.internal.cost;

import dev.ailib.api.Cost;
import dev.ailib.api.Usage;
import dev.ailib.core.spi.manifest.ModelPricing;
import dev.ailib.core.spi.manifest.ModelSpec;
import java.math.BigDecimal;

/**
 * Prices a call's usage with the prices of the model that served it ({@link ModelPricing}): uncached input, cache
 * reads, cache writes (five-minute and one-hour apart), output, and reasoning when the manifest prices it apart. The
 * tier that applies is chosen by the call's input tokens. Each amount is {@code tokens × price / 1,000,000}, exact.
 * A cost is unknown (with the reason) when the model is not listed, has no input price (or no output price while
 * the call produced output: an embeddings call needs only the input price), the provider reported no usage, or the
 * call used tokens of a kind without a price. Stateless.
 */
public final class Costs {
  private Costs() {
  }

  /**
   * The cost of a call.
   *
   * @param usage what the provider reported
   * @param model the serving model's metadata, or null when its manifest does not list it
   * @param provider the provider id (for messages)
   * @param modelId the serving model id (for messages)
   * @param source the manifest's source (for messages)
   * @return the cost, or unknown with the reason
   */
  public static Cost of(Usage usage, ModelSpec model, String provider, String modelId, String source) {
    String what = "model '" + modelId + "' of provider '" + provider + "' (manifest " + source + ")";
    if (model == null) {
      return Cost.unknown(what + " is not listed in its manifest, which so gives no price for it");
    }
    ModelPricing pricing = model.pricing();
    if (pricing == null) {
      return Cost.unknown("the manifest gives no price for " + what);
    }
    if (usage == null || Usage.EMPTY.equals(usage)) {
      return Cost.unknown("the provider reported no token usage for the call to " + what);
    }
    ModelPricing.Prices p = pricing.forInput(usage.promptTokens());
    String tier = p == pricing.base() ? "" : " for requests of " + usage.promptTokens() + " input tokens";
    // an answer without output tokens (an embeddings call) needs no output price
    if (p.inputPer1m() == null || p.outputPer1m() == null && usage.completionTokens() > 0) {
      return Cost.unknown("the manifest gives no " + (p.inputPer1m() == null ? "input" : "output") + " price"
          + tier + " for " + what);
    }
    long cached = usage.cachedTokens();
    long write1h = Math.min(usage.cacheWrite1hTokens(), usage.cacheWriteTokens());
    long write5m = usage.cacheWriteTokens() - write1h;
    if (cached > 0 && p.cacheReadPer1m() == null) {
      return missing("read " + cached + " input tokens from the prompt cache", "cache read price (cache_read_per_1m)",
          tier, what);
    }
    if (write5m > 0 && p.cacheWritePer1m() == null) {
      return missing("wrote " + write5m + " input tokens to the prompt cache", "cache write price "
          + "(cache_write_per_1m)", tier, what);
    }
    if (write1h > 0 && p.cacheWrite1hPer1m() == null) {
      return missing("wrote " + write1h + " input tokens to the one-hour prompt cache", "one-hour cache write price "
          + "(cache_write_1h_per_1m)", tier, what);
    }
    long uncached = Math.max(0, usage.promptTokens() - cached - usage.cacheWriteTokens());
    long reasoning = p.reasoningPer1m() == null ? 0 : Math.min(usage.reasoningTokens(), usage.completionTokens());
    long output = usage.completionTokens() - reasoning;
    return Cost.of(amount(uncached, p.inputPer1m()), amount(cached, p.cacheReadPer1m()),
        amount(write5m, p.cacheWritePer1m()).add(amount(write1h, p.cacheWrite1hPer1m())),
        amount(output, p.outputPer1m()), amount(reasoning, p.reasoningPer1m()), pricing.currency(),
        pricing.lastUpdated());
  }

  /**
   * A bound above the cost of a call whose cost is unknown because cache prices are missing, for budgets: every
   * input token at the input price, cache writes at twice it (the highest cache-write price of any provider, Anthropic's
   * one-hour write), output at the output price.
   *
   * @param usage the call's usage
   * @param model the serving model's metadata
   * @return the bound, or null when the model has no input or output price
   */
  public static BigDecimal upperBound(Usage usage, ModelSpec model) {
    if (model == null || model.pricing() == null || usage == null) {
      return null;
    }
    ModelPricing.Prices p = model.pricing().forInput(usage.promptTokens());
    if (p.inputPer1m() == null || p.outputPer1m() == null) {
      return null;
    }
    long writes = usage.cacheWriteTokens();
    return amount(Math.max(0, usage.promptTokens() - writes), p.inputPer1m())
        .add(amount(writes, p.inputPer1m().multiply(BigDecimal.valueOf(2))))
        .add(amount(usage.completionTokens(), p.outputPer1m().max(p.reasoningPer1m() == null ? BigDecimal.ZERO
            : p.reasoningPer1m())));
  }

  private static Cost missing(String used, String price, String tier, String what) {
    return Cost.unknown("the call " + used + ", and the manifest gives no " + price + tier + " for " + what);
  }

  /** {@code tokens × pricePer1m / 1,000,000}, exact; zero when there are no tokens. */
  static BigDecimal amount(long tokens, BigDecimal pricePer1m) {
    if (tokens == 0 || pricePer1m == null) {
      return BigDecimal.ZERO;
    }
    return BigDecimal.valueOf(tokens).multiply(pricePer1m).movePointLeft(6).stripTrailingZeros();
  }
}
