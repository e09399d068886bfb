package dev.ailib.api;

import dev.ailib.api.spi.ClientEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Builds one embeddings call and runs it. Obtain from {@link AiClient#embeddings()}; not thread-safe; one builder per
 * call. Inputs beyond the provider's batch limit are sent in several requests and put back together in order; the
 * whole call, every batch, has the client's one call timeout.
 *
 * <pre>{@code
 * EmbeddingResponse r = client.embeddings().inputs(chunks).dimensions(256).inputType(EmbeddingInputType.DOCUMENT)
 *     .execute();
 * float[] first = r.vector(0);
 * }</pre>
 */
public final class EmbeddingRequestBuilder {
  private final ClientEngine engine;
  private final List<String> inputs = new ArrayList<>();
  private Integer dimensions;
  private EmbeddingInputType inputType;
  private final Map<String, Object> extraParams = new LinkedHashMap<>();

  EmbeddingRequestBuilder(ClientEngine engine) {
    this.engine = engine;
  }

  /**
   * Adds one text to embed.
   *
   * @param text the text (not empty)
   * @return this
   */
  public EmbeddingRequestBuilder input(String text) {
    inputs.add(Objects.requireNonNull(text, "text"));
    return this;
  }

  /**
   * Adds texts to embed, in order.
   *
   * @param texts the texts (none null or empty)
   * @return this
   */
  public EmbeddingRequestBuilder inputs(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    for (String t : texts) {
      inputs.add(Objects.requireNonNull(t, "an input text"));
    }
    return this;
  }

  /**
   * The number of dimensions each vector should have (models trained for shorter vectors, such as OpenAI's
   * {@code text-embedding-3} models, Gemini's and Cohere's {@code embed-v4.0}); sent under the provider's name for it.
   *
   * @param value at least 1
   * @return this
   */
  public EmbeddingRequestBuilder dimensions(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("dimensions must be at least 1, got " + value);
    }
    this.dimensions = value;
    return this;
  }

  /**
   * What the texts are for, for providers that embed by use; see {@link EmbeddingInputType}.
   *
   * @param type the type
   * @return this
   */
  public EmbeddingRequestBuilder inputType(EmbeddingInputType type) {
    this.inputType = Objects.requireNonNull(type, "type");
    return this;
  }

  /**
   * A provider parameter this builder has no method for, under the provider's own name (such as Cohere's
   * {@code truncate}); sent as given in every batch.
   *
   * @param name the parameter name
   * @param value a JSON-like value (String, Number, Boolean, List, Map)
   * @return this
   */
  public EmbeddingRequestBuilder param(String name, Object value) {
    extraParams.put(Objects.requireNonNull(name, "name"), value);
    return this;
  }

  /** The request as built so far. */
  public EmbeddingRequest build() {
    return new EmbeddingRequest(inputs, dimensions, inputType, extraParams);
  }

  /** Runs the call and returns the vectors, in the order of the inputs. */
  public EmbeddingResponse execute() {
    return execute(new CancelToken());
  }

  /**
   * Runs the call, cancellable.
   *
   * @param cancel cancels the call from another thread
   * @return the vectors, in the order of the inputs
   */
  public EmbeddingResponse execute(CancelToken cancel) {
    return engine.embed(build(), cancel);
  }

  /** Runs the call without blocking; cancelling the future cancels the call. */
  public CompletableFuture<EmbeddingResponse> executeAsync() {
    return executeAsync(new CancelToken());
  }

  /**
   * Runs the call without blocking, cancellable.
   *
   * @param cancel cancels the call; cancelling the future does too
   * @return the future vectors
   */
  public CompletableFuture<EmbeddingResponse> executeAsync(CancelToken cancel) {
    return engine.embedAsync(build(), cancel);
  }
}
