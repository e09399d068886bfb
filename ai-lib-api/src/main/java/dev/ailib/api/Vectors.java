package dev.ailib.api;

import java.util.Objects;

/**
 * Arithmetic on embedding vectors that every retrieval application needs: dot product, length, cosine similarity and
 * normalisation. Sums are taken in {@code double}, so long vectors of small values lose no precision. Arguments are
 * checked: vectors of different lengths, empty vectors and, where the result is undefined, zero vectors are refused
 * with an {@link IllegalArgumentException} naming the problem.
 */
public final class Vectors {
  private Vectors() {
  }

  /**
   * The dot product.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return {@code sum(a[i] * b[i])}
   */
  public static double dot(float[] a, float[] b) {
    check(a, b);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  /**
   * The Euclidean length.
   *
   * @param v a vector
   * @return {@code sqrt(sum(v[i]^2))}
   */
  public static double norm(float[] v) {
    check(v, "vector");
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }

  /**
   * The cosine similarity: the dot product of the two vectors divided by both lengths, from -1 (opposite) to 1 (same
   * direction). For vectors already of length 1 (see {@link #normalize}) {@link #dot} gives the same, faster.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return the cosine of the angle between them
   * @throws IllegalArgumentException when the lengths differ, or one vector is empty or all zeros (no direction)
   */
  public static double cosine(float[] a, float[] b) {
    check(a, b);
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    if (na == 0 || nb == 0) {
      throw new IllegalArgumentException("cosine similarity is undefined for a zero vector (the "
          + (na == 0 ? "first" : "second") + " one has no direction)");
    }
    double c = dot / (Math.sqrt(na) * Math.sqrt(nb));
    return Math.max(-1.0, Math.min(1.0, c)); // rounding can step just past 1 for equal vectors
  }

  /**
   * A copy of the vector scaled to length 1.
   *
   * @param v a vector
   * @return a new array, same direction, length 1
   * @throws IllegalArgumentException when the vector is empty or all zeros
   */
  public static float[] normalize(float[] v) {
    float[] copy = v.clone();
    normalizeInPlace(copy);
    return copy;
  }

  /**
   * Scales the vector to length 1, in place.
   *
   * @param v a vector, changed
   * @return {@code v}
   * @throws IllegalArgumentException when the vector is empty or all zeros
   */
  public static float[] normalizeInPlace(float[] v) {
    double n = norm(v);
    if (n == 0) {
      throw new IllegalArgumentException("a zero vector cannot be normalised (it has no direction)");
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / n);
    }
    return v;
  }

  private static void check(float[] a, float[] b) {
    check(a, "first vector");
    check(b, "second vector");
    if (a.length != b.length) {
      throw new IllegalArgumentException("vectors of different lengths: " + a.length + " and " + b.length
          + " (embeddings of different models or dimensions cannot be compared)");
    }
  }

  private static void check(float[] v, String what) {
    Objects.requireNonNull(v, what);
    if (v.length == 0) {
      throw new IllegalArgumentException("the " + what + " is empty");
    }
  }
}
