package dev.ailib.core.internal.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.Cost;
import dev.ailib.api.Usage;
import dev.ailib.core.spi.manifest.ModelPricing;
import dev.ailib.core.spi.manifest.ModelSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Prices hand-checked: each amount is tokens x price / 1,000,000. */
class CostsTest {
  private static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  private static final ModelSpec SONNET = ModelSpec.builder().id("s").pricing(ModelPricing.builder()
      .base(new ModelPricing.Prices(d("3"), d("15"), d("0.3"), d("3.75"), d("6"), null))
      .tier(new ModelPricing.Tier(200_000, new ModelPricing.Prices(d("6"), d("22.5"), d("0.6"), d("7.5"), d("12"),
          null)))
      .lastUpdated(LocalDate.of(2026, 12, 1)).build()).build();

  @Test
  void everyKindOfTokenAtItsPrice() {
    // 10,000 prompt tokens = 1,000 uncached + 2,000 cache reads + 7,000 cache writes (3,000 of them for one hour)
    Usage u = new Usage(10_000, 500, 10_500, 0, 2_000, 7_000, 3_000);
    Cost c = Costs.of(u, SONNET, "anthropic", "s", "test");
    assertThat(c.known()).isTrue();
    assertThat(c.input()).isEqualByComparingTo("0.003");        // 1,000 x 3
    assertThat(c.cachedInput()).isEqualByComparingTo("0.0006"); // 2,000 x 0.3
    assertThat(c.cacheWrite()).isEqualByComparingTo("0.033");   // 4,000 x 3.75 + 3,000 x 6 = 0.015 + 0.018
    assertThat(c.output()).isEqualByComparingTo("0.0075");      // 500 x 15
    assertThat(c.reasoning()).isEqualByComparingTo("0");
    assertThat(c.total()).isEqualByComparingTo("0.0441");
    assertThat(c.currency()).isEqualTo("USD");
    assertThat(c.priceDate()).isEqualTo(LocalDate.of(2026, 12, 1));
  }

  @Test
  void theTierAboveItsThresholdApplies() {
    Cost at = Costs.of(new Usage(200_000, 1_000, 201_000, 0, 0, 0), SONNET, "p", "s", "t");
    Cost above = Costs.of(new Usage(200_001, 1_000, 201_001, 0, 0, 0), SONNET, "p", "s", "t");
    assertThat(at.total()).isEqualByComparingTo("0.615");        // 200,000 x 3 + 1,000 x 15
    assertThat(above.total()).isEqualByComparingTo("1.222506");  // 200,001 x 6 + 1,000 x 22.5
  }

  @Test
  void reasoningIsOutputUnlessPricedApart() {
    ModelSpec plain = ModelSpec.builder().id("m").inputPricePer1m(1.0).outputPricePer1m(4.0).build();
    Usage u = new Usage(100, 1_000, 1_100, 800, 0, 0);
    assertThat(Costs.of(u, plain, "p", "m", "t").output()).isEqualByComparingTo("0.004");
    ModelSpec apart = ModelSpec.builder().id("m").pricing(ModelPricing.builder()
        .base(new ModelPricing.Prices(d("1"), d("4"), null, null, null, d("2"))).build()).build();
    Cost c = Costs.of(u, apart, "p", "m", "t");
    assertThat(c.output()).isEqualByComparingTo("0.0008");    // 200 x 4
    assertThat(c.reasoning()).isEqualByComparingTo("0.0016"); // 800 x 2
  }

  @Test
  void unknownRatherThanGuessed() {
    Usage u = new Usage(100, 10, 110, 0, 0, 0);
    assertThat(Costs.of(u, null, "p", "m", "t").unknownReason()).contains("not listed");
    assertThat(Costs.of(u, ModelSpec.builder().id("m").build(), "p", "m", "t").unknownReason())
        .contains("gives no price for model 'm'");
    ModelSpec noCache = ModelSpec.builder().id("m").inputPricePer1m(1.0).outputPricePer1m(2.0).build();
    Cost cached = Costs.of(new Usage(100, 10, 110, 0, 40, 0), noCache, "p", "m", "t");
    assertThat(cached.known()).isFalse();
    assertThat(cached.total()).isNull();
    assertThat(cached.unknownReason()).contains("read 40 input tokens from the prompt cache")
        .contains("cache_read_per_1m");
    assertThat(Costs.of(Usage.EMPTY, noCache, "p", "m", "t").unknownReason()).contains("no token usage");
    assertThat(Costs.of(new Usage(10, 1, 11, 0, 0, 5, 5), SONNET.toBuilder().pricing(ModelPricing.builder()
        .base(new ModelPricing.Prices(d("3"), d("15"), d("0.3"), d("3.75"), null, null)).build()).build(), "p", "s",
        "t").unknownReason()).contains("one-hour cache write price");
  }

  @Test
  void aBudgetBoundIsAboveTheCostItCouldNotKnow() {
    ModelSpec noCache = ModelSpec.builder().id("m").inputPricePer1m(1.0).outputPricePer1m(2.0).build();
    // 1,000 prompt (400 cache reads, 100 writes), 100 output: 900 x 1 + 100 x 2 + 100 x 2
    assertThat(Costs.upperBound(new Usage(1_000, 100, 1_100, 0, 400, 100), noCache)).isEqualByComparingTo("0.0013");
  }

  @Test
  void sumsOfCosts() {
    Cost a = Cost.of(d("0.1"), d("0"), d("0"), d("0.2"), d("0"), "USD", LocalDate.of(2026, 1, 1));
    Cost b = Cost.of(d("0.01"), d("0.02"), d("0"), d("0.03"), d("0"), "USD", LocalDate.of(2026, 2, 1));
    assertThat(a.plus(b).total()).isEqualByComparingTo("0.36");
    assertThat(a.plus(b).priceDate()).isEqualTo(LocalDate.of(2026, 1, 1)); // the oldest prices used
    assertThat(a.plus(Cost.unknown("x")).known()).isFalse();
    assertThat(a.plus(Cost.of(d("1"), d("0"), d("0"), d("0"), d("0"), "EUR", null)).unknownReason())
        .contains("different currencies");
    assertThat(a.toString()).startsWith("0.3 USD");
    assertThat(Cost.unknown("why").toString()).isEqualTo("unknown (why)");
  }
}
