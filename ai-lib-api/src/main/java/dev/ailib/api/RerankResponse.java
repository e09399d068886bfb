package dev.ailib.api;

import java.util.List;
import java.util.Objects;

/**
 * The answer of a rerank call.
 *
 * @param results the ranked documents, most relevant first (at most {@code topN} when it was set)
 * @param model the model that answered (as the provider names it, else the model asked for)
 * @param usage the tokens the provider reported (Jina), {@link Usage#EMPTY} when it reports none
 * @param searchUnits the search units the provider billed (Cohere's {@code meta.billed_units.search_units}), 0 when
 *     it reports none
 * @param stats the call's figures
 */
public record RerankResponse(List<RerankResult> results, String model, Usage usage, long searchUnits,
    CallStats stats) {

  /** Checks and copies. */
  public RerankResponse {
    results = List.copyOf(Objects.requireNonNull(results, "results"));
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(stats, "stats");
  }
}
