package dev.ailib.protocol.yaml;

import dev.ailib.core.spi.manifest.ModelPricing;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Maps a model's {@code pricing} block. AI-Protocol's names are read first: {@code input_per_1m},
 * {@code output_per_1m} (v2 manifests), {@code cache_hit_input_per_1m} and {@code cache_read_per_1m} (both published
 * for cached input), {@code cache_write_per_1m}, {@code currency} and {@code last_updated} ({@code pricing.json}),
 * the per-token and per-1k forms of older manifests ({@code input_per_token}, {@code input_per_1k_tokens}, converted).
 * ai-lib adds, where the specification has no name: {@code cache_write_1h_per_1m} (a one-hour cache write),
 * {@code reasoning_per_1m} (reasoning output priced apart), {@code source} (where the prices were taken) and
 * {@code tiers} (long-context prices: a list of {@code {above_input_tokens: N, <the price fields>}}).
 * Two names for one price with different values, a negative price, a date that is not {@code YYYY-MM-DD} or a
 * currency that is not three letters fail with the field's location.
 */
final class PricingMapper {
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private PricingMapper() {
  }

  /** The pricing, or null when the block is absent or gives no price at all. */
  static ModelPricing pricing(Node p) {
    if (!p.present()) {
      return null;
    }
    p.requireObject();
    ModelPricing.Prices base = prices(p);
    ModelPricing.Builder b = ModelPricing.builder().base(base);
    boolean any = base.inputPer1m() != null || base.outputPer1m() != null;
    for (Node t : p.get("tiers").elements()) {
      t.requireObject();
      Node above = t.get("above_input_tokens");
      Long threshold = above.longValue();
      if (threshold == null || threshold <= 0) {
        throw above.error("a price tier needs a positive 'above_input_tokens', found "
            + (threshold == null ? "none" : threshold));
      }
      b.tier(new ModelPricing.Tier(threshold, prices(t)));
      any = true;
    }
    Node currency = p.get("currency");
    String code = currency.text();
    if (code != null) {
      if (!code.matches("[A-Za-z]{3}")) {
        throw currency.error("a currency is an ISO 4217 code such as USD, found '" + code + "'");
      }
      b.currency(code.toUpperCase(Locale.ROOT));
    }
    Node date = p.get("last_updated");
    String d = date.scalarText();
    if (d != null) {
      try {
        b.lastUpdated(LocalDate.parse(d));
      } catch (DateTimeParseException e) {
        throw date.error("expected a date as YYYY-MM-DD, found '" + d + "'");
      }
    }
    b.source(p.get("source").text());
    return any ? b.build() : null;
  }

  private static ModelPricing.Prices prices(Node p) {
    return new ModelPricing.Prices(price(p, "input_per_1m", "input", "input_per_1k_tokens", "input_per_token"),
        price(p, "output_per_1m", "output", "output_per_1k_tokens", "output_per_token"),
        price(p, "cache_read_per_1m", "cache_hit_input_per_1m", null, null),
        price(p, "cache_write_per_1m", null, null, null), price(p, "cache_write_1h_per_1m", null, null, null),
        price(p, "reasoning_per_1m", null, null, null));
  }

  /**
   * One price per million tokens from its field or a synonym (per million, per thousand, per token); fails when two
   * of them give different prices.
   */
  private static BigDecimal price(Node p, String per1m, String alias, String per1k, String perToken) {
    BigDecimal found = null;
    Node foundAt = null;
    String[] names = {per1m, alias, per1k, perToken};
    for (int i = 0; i < names.length; i++) {
      if (names[i] == null) {
        continue;
      }
      Node n = p.get(names[i]);
      BigDecimal v = decimal(n);
      if (v == null) {
        continue;
      }
      if (i == 2) {
        v = v.multiply(THOUSAND);
      } else if (i == 3) {
        v = v.multiply(MILLION);
      }
      v = v.stripTrailingZeros();
      if (found != null && found.compareTo(v) != 0) {
        throw n.error("'" + names[i] + "' gives another price (" + v.toPlainString() + " per million tokens) than '"
            + foundAt.path().substring(foundAt.path().lastIndexOf('.') + 1) + "' (" + found.toPlainString() + ")");
      }
      if (found == null) {
        found = v;
        foundAt = n;
      }
    }
    return found;
  }

  private static BigDecimal decimal(Node n) {
    if (!n.present()) {
      return null;
    }
    if (!n.json().isNumber()) {
      throw n.wrongType("a price (a number)");
    }
    BigDecimal v = n.json().decimalValue();
    if (v.signum() < 0) {
      throw n.error("a price must not be negative, found " + v.toPlainString());
    }
    return v;
  }
}
