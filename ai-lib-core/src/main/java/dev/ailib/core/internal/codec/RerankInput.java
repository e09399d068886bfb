package dev.ailib.core.internal.codec;

import java.util.List;
import java.util.Objects;

/**
 * What a rerank codec encodes, every setting checked against the manifest and named as the provider names it.
 *
 * @param query the query
 * @param documents the documents, in order
 * @param modelId the model id as the provider knows it
 * @param topN how many to return, or null for all
 * @param topNField the request field that carries it
 * @param params the caller's other parameters, checked, with their wire names
 */
public record RerankInput(String query, List<String> documents, String modelId, Integer topN, String topNField,
    List<WireParam> params) {

  /** Checks and copies. */
  public RerankInput {
    Objects.requireNonNull(query, "query");
    documents = List.copyOf(Objects.requireNonNull(documents, "documents"));
    Objects.requireNonNull(modelId, "modelId");
    params = List.copyOf(params == null ? List.of() : params);
  }
}
