package dev.ailib.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * One vector of an embeddings answer.
 *
 * <p>{@link #vector()} is the array itself, not a copy (an answer of thousands of vectors would otherwise be copied
 * again): the answer is the caller's, and nothing in the library keeps or reads the array after handing it over.
 *
 * @param index the position of the embedded text in the request's inputs
 * @param vector the vector
 */
public record Embedding(int index, float[] vector) {

  /** Checks. */
  public Embedding {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, got " + index);
    }
    Objects.requireNonNull(vector, "vector");
  }

  /** The number of dimensions. */
  public int dimensions() {
    return vector.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Embedding e && e.index == index && Arrays.equals(e.vector, vector);
  }

  @Override
  public int hashCode() {
    return 31 * index + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "Embedding[index=" + index + ", dimensions=" + vector.length + "]";
  }
}
