package dev.ailib.testkit.fake;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The deterministic answers of a {@link FakeProvider}'s embeddings and rerank formats, so tests can compute what to
 * expect.
 *
 * <ul>
 *   <li>{@link #vector(String, int)}: component {@code i} depends on the text and {@code i} only (a vector of fewer
 *   dimensions is a prefix of one with more, as with models trained for shorter vectors), each in {@code [-1, 1)};
 *   not normalised.</li>
 *   <li>{@link #relevance(String, String)}: the share of the query's words (case-insensitive, split on anything but
 *   letters and digits) that occur in the document, from 0 to 1, rounded to 4 decimals.</li>
 *   <li>{@link #tokens(String)}: the number of words, counted as the fake's usage.</li>
 * </ul>
 */
public final class FakeEmbeddings {
  /** The dimensions of a vector when the request asks for none. */
  public static final int DEFAULT_DIMENSIONS = 8;

  private FakeEmbeddings() {
  }

  /**
   * The vector of a text.
   *
   * @param text the text
   * @param dimensions the number of dimensions, at least 1
   * @return the vector
   */
  public static float[] vector(String text, int dimensions) {
    Objects.requireNonNull(text, "text");
    if (dimensions < 1) {
      throw new IllegalArgumentException("dimensions must be at least 1, got " + dimensions);
    }
    SplittableRandom random = new SplittableRandom(seed(text));
    float[] v = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  /**
   * The relevance of a document to a query.
   *
   * @param query the query
   * @param document the document
   * @return from 0 (no query word in the document) to 1 (all of them)
   */
  public static double relevance(String query, String document) {
    Set<String> q = words(query);
    if (q.isEmpty()) {
      return 0;
    }
    Set<String> d = words(document);
    long hits = q.stream().filter(d::contains).count();
    return Math.round(10_000.0 * hits / q.size()) / 10_000.0;
  }

  /**
   * The tokens the fake counts for a text: its words.
   *
   * @param text the text
   * @return the number of words (at least 1 for a text that is not blank)
   */
  public static int tokens(String text) {
    int n = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean letter = Character.isLetterOrDigit(text.charAt(i));
      if (letter && !inWord) {
        n++;
      }
      inWord = letter;
    }
    return n;
  }

  private static Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** A 64-bit FNV-1a hash of the text's characters. */
  private static long seed(String text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
