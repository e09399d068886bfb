package dev.ailib.api;

import java.util.Objects;

/**
 * One ranked document.
 *
 * @param index the document's position in the request's documents
 * @param relevanceScore the provider's relevance score (higher is more relevant; the scale is the model's)
 * @param document the document's text: the one the provider returned, else the request's document at {@code index}
 */
public record RerankResult(int index, double relevanceScore, String document) {

  /** Checks. */
  public RerankResult {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, got " + index);
    }
    Objects.requireNonNull(document, "document");
  }

  @Override
  public String toString() {
    return "RerankResult[index=" + index + ", relevanceScore=" + relevanceScore + "]";
  }
}
