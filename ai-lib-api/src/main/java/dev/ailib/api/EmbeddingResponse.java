package dev.ailib.api;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

/**
 * The answer of an embeddings call: one {@link Embedding} per input, in the order of the inputs (also when they
 * were sent in several batches).
 *
 * @param embeddings the vectors, {@code embeddings.get(i).index() == i}
 * @param model the model that answered (as the provider names it, else the model asked for)
 * @param usage the tokens the provider reported, summed over the batches; {@link Usage#EMPTY} when it reports none
 *     (Gemini)
 * @param stats the call's figures: latency over all batches, attempts over all batches, the model and provider that
 *     served it
 */
public record EmbeddingResponse(List<Embedding> embeddings, String model, Usage usage, CallStats stats) {

  /** Checks and copies. */
  public EmbeddingResponse {
    embeddings = List.copyOf(Objects.requireNonNull(embeddings, "embeddings"));
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(stats, "stats");
  }

  /**
   * The vector of one input.
   *
   * @param index the input's position
   * @return its vector (the array itself, see {@link Embedding})
   */
  public float[] vector(int index) {
    return embeddings.get(index).vector();
  }

  /** The vectors in input order, as a view (no copy). */
  public List<float[]> vectors() {
    return new AbstractList<>() {
      @Override
      public float[] get(int index) {
        return embeddings.get(index).vector();
      }

      @Override
      public int size() {
        return embeddings.size();
      }
    };
  }

  /** The number of dimensions of the vectors (they all have the same). */
  public int dimensions() {
    return embeddings.isEmpty() ? 0 : embeddings.get(0).dimensions();
  }

  /** The number of vectors. */
  public int size() {
    return embeddings.size();
  }
}
