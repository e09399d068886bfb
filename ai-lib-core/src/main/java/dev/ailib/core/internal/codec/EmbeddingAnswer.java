package dev.ailib.core.internal.codec;

import dev.ailib.api.Usage;
import java.util.List;
import java.util.Objects;

/**
 * One decoded embeddings answer (one batch).
 *
 * @param vectors the vectors in the order of the batch's inputs
 * @param usage the tokens reported, {@link Usage#EMPTY} when none
 * @param model the model the provider named, or null
 */
public record EmbeddingAnswer(List<float[]> vectors, Usage usage, String model) {

  /** Checks and copies. */
  public EmbeddingAnswer {
    vectors = List.copyOf(Objects.requireNonNull(vectors, "vectors"));
    Objects.requireNonNull(usage, "usage");
  }
}
