package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.ailib.core.internal.response.Answers;
import java.util.List;

/** Checks shared by the embeddings codecs' decoders. */
final class EmbeddingAnswers {
  private EmbeddingAnswers() {
  }

  /**
   * The vector a vector path was read into.
   *
   * @param node the node at the path
   * @param path its path, for the message
   * @param provider the provider id
   * @param style what the body should be
   * @return the vector
   */
  static float[] vector(JsonNode node, String path, String provider, String style) {
    if (node instanceof POJONode p && p.getPojo() instanceof float[] v) {
      return v;
    }
    throw Answers.notAResponse(provider, style, "\"" + path + "\" is " + Answers.describe(node)
        + ", expected an array of numbers");
  }

  /**
   * Checks the number of vectors and that they all have the same, non-zero length.
   *
   * @param vectors the vectors in order
   * @param expected the number of inputs
   * @param provider the provider id
   * @param style what the body should be
   * @return the vectors
   */
  static List<float[]> check(List<float[]> vectors, int expected, String provider, String style) {
    if (vectors.size() != expected) {
      throw Answers.notAResponse(provider, style, "it holds " + vectors.size() + " vectors for " + expected
          + " inputs");
    }
    int dims = vectors.isEmpty() ? 0 : vectors.get(0).length;
    for (int i = 0; i < vectors.size(); i++) {
      int n = vectors.get(i).length;
      if (n == 0 || n != dims) {
        throw Answers.notAResponse(provider, style, "vector " + i + " has " + n + " numbers"
            + (n == 0 ? "" : " where vector 0 has " + dims));
      }
    }
    return vectors;
  }
}
