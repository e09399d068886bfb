package dev.ailib.core.internal.codec;

import dev.ailib.api.RerankResult;
import dev.ailib.api.Usage;
import java.util.List;
import java.util.Objects;

/**
 * One decoded rerank answer.
 *
 * @param results the ranked documents, most relevant first
 * @param usage the tokens reported, {@link Usage#EMPTY} when none
 * @param searchUnits the search units billed, 0 when not reported
 * @param model the model the provider named, or null
 */
public record RerankAnswer(List<RerankResult> results, Usage usage, long searchUnits, String model) {

  /** Checks and copies. */
  public RerankAnswer {
    results = List.copyOf(Objects.requireNonNull(results, "results"));
    Objects.requireNonNull(usage, "usage");
  }
}
