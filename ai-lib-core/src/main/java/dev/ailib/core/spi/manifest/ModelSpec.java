package dev.ailib.core.spi.manifest;

import java.util.Set;

/**
 * A model the manifest knows.
 *
 * @param id the id without provider prefix
 * @param contextWindow tokens of context, or null
 * @param maxOutputTokens largest output, or null
 * @param inputPricePer1m price per million input tokens, or null
 * @param outputPricePer1m price per million output tokens, or null
 * @param capabilities capabilities of this model beyond the provider's, may be empty
 */
public record ModelSpec(String id, Long contextWindow, Long maxOutputTokens, Double inputPricePer1m,
    Double outputPricePer1m, Set<String> capabilities) {

  /** Copies. */
  public ModelSpec {
    capabilities = Set.copyOf(capabilities == null ? Set.of() : capabilities);
  }
}
