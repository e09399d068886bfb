package dev.ailib.api;

import dev.ailib.api.spi.ClientEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Builds one rerank call and runs it. Obtain from {@link AiClient#rerank()}; not thread-safe; one builder per call.
 *
 * <pre>{@code
 * RerankResponse r = client.rerank().query("capital of France").documents(candidates).topN(3).execute();
 * for (RerankResult hit : r.results()) System.out.println(hit.relevanceScore() + " " + hit.document());
 * }</pre>
 */
public final class RerankRequestBuilder {
  private final ClientEngine engine;
  private String query;
  private final List<String> documents = new ArrayList<>();
  private Integer topN;
  private final Map<String, Object> extraParams = new LinkedHashMap<>();

  RerankRequestBuilder(ClientEngine engine) {
    this.engine = engine;
  }

  /**
   * What the documents are ranked against.
   *
   * @param text the query
   * @return this
   */
  public RerankRequestBuilder query(String text) {
    this.query = Objects.requireNonNull(text, "text");
    return this;
  }

  /**
   * Adds documents to rank, in order; results name them by their position.
   *
   * @param texts the documents
   * @return this
   */
  public RerankRequestBuilder documents(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    for (String t : texts) {
      documents.add(Objects.requireNonNull(t, "a document"));
    }
    return this;
  }

  /**
   * Returns only the best {@code n} documents (default: all, best first).
   *
   * @param n at least 1, checked against the manifest's {@code top_n} range
   * @return this
   */
  public RerankRequestBuilder topN(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("topN must be at least 1, got " + n);
    }
    this.topN = n;
    return this;
  }

  /**
   * A provider parameter this builder has no method for, under the provider's own name.
   *
   * @param name the parameter name
   * @param value a JSON-like value
   * @return this
   */
  public RerankRequestBuilder param(String name, Object value) {
    extraParams.put(Objects.requireNonNull(name, "name"), value);
    return this;
  }

  /** The request as built so far. */
  public RerankRequest build() {
    if (query == null) {
      throw new IllegalStateException("a rerank request needs a query: call query(...)");
    }
    return new RerankRequest(query, documents, topN, extraParams);
  }

  /** Runs the call and returns the ranked documents, most relevant first. */
  public RerankResponse execute() {
    return execute(new CancelToken());
  }

  /**
   * Runs the call, cancellable.
   *
   * @param cancel cancels the call from another thread
   * @return the ranked documents, most relevant first
   */
  public RerankResponse execute(CancelToken cancel) {
    return engine.rerank(build(), cancel);
  }

  /** Runs the call without blocking; cancelling the future cancels the call. */
  public CompletableFuture<RerankResponse> executeAsync() {
    return executeAsync(new CancelToken());
  }

  /**
   * Runs the call without blocking, cancellable.
   *
   * @param cancel cancels the call; cancelling the future does too
   * @return the future ranking
   */
  public CompletableFuture<RerankResponse> executeAsync(CancelToken cancel) {
    return engine.rerankAsync(build(), cancel);
  }
}
