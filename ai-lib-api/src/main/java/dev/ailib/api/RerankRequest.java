package dev.ailib.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable rerank request, as built by {@link RerankRequestBuilder}.
 *
 * @param query what the documents are ranked against (not empty)
 * @param documents the texts to rank, in order (at least one; none null)
 * @param topN how many of the best to return, or null for all
 * @param extraParams provider extras by the provider's own parameter name (such as Cohere's
 *     {@code max_tokens_per_doc}), sent as given
 */
public record RerankRequest(String query, List<String> documents, Integer topN, Map<String, Object> extraParams)
    implements OperationRequest {

  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException when the query is empty, there is no document, or {@code topN} is below 1
   * @throws NullPointerException when the query, the documents or one of them is null
   */
  public RerankRequest {
    Objects.requireNonNull(query, "query");
    if (query.isEmpty()) {
      throw new IllegalArgumentException("a rerank request needs a query that is not empty");
    }
    documents = List.copyOf(Objects.requireNonNull(documents, "documents"));
    if (documents.isEmpty()) {
      throw new IllegalArgumentException("a rerank request needs at least one document: call documents(...)");
    }
    if (topN != null && topN < 1) {
      throw new IllegalArgumentException("topN must be at least 1, got " + topN);
    }
    extraParams = extraParams == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraParams));
  }

  @Override
  public String toString() {
    return "RerankRequest[documents=" + documents.size() + ", topN=" + topN + ", extraParams="
        + extraParams.keySet() + "]";
  }
}
