package dev.ailib.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class VectorsTest {
  @Test
  void dotNormAndCosine() {
    float[] a = {3, 4};
    float[] b = {4, 3};
    assertThat(Vectors.dot(a, b)).isEqualTo(24.0);
    assertThat(Vectors.norm(a)).isEqualTo(5.0);
    assertThat(Vectors.cosine(a, b)).isCloseTo(0.96, within(1e-12));
    assertThat(Vectors.cosine(a, a)).isEqualTo(1.0);
    assertThat(Vectors.cosine(a, new float[] {-3, -4})).isEqualTo(-1.0);
    assertThat(Vectors.cosine(new float[] {1, 0}, new float[] {0, 2})).isEqualTo(0.0);
  }

  @Test
  void sumsAreTakenInDoubleSoLongVectorsOfSmallValuesKeepTheirPrecision() {
    float[] v = new float[100_000];
    java.util.Arrays.fill(v, 1e-3f);
    double x = 1e-3f; // the float's exact value
    assertThat(Vectors.dot(v, v)).isCloseTo(100_000 * x * x, within(1e-12)); // a float sum would be off by ~1e-5
  }

  @Test
  void normalize() {
    float[] a = {3, 4};
    float[] n = Vectors.normalize(a);
    assertThat(n).containsExactly(0.6f, 0.8f);
    assertThat(a).as("the copy, not the argument").containsExactly(3f, 4f);
    assertThat(Vectors.norm(n)).isCloseTo(1.0, within(1e-7));
    assertThat(Vectors.normalizeInPlace(a)).isSameAs(a).containsExactly(0.6f, 0.8f);
    float[] u = Vectors.normalize(new float[] {2, -7, 1});
    assertThat(Vectors.dot(u, u)).isCloseTo(Vectors.cosine(new float[] {2, -7, 1}, new float[] {2, -7, 1}),
        within(1e-6));
  }

  @Test
  void badArgumentsAreRefusedWithWhatIsWrong() {
    assertThatThrownBy(() -> Vectors.cosine(new float[] {1, 2}, new float[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different lengths: 2 and 3");
    assertThatThrownBy(() -> Vectors.cosine(new float[] {0, 0}, new float[] {1, 2}))
        .hasMessageContaining("zero vector").hasMessageContaining("first");
    assertThatThrownBy(() -> Vectors.normalize(new float[] {0, 0})).hasMessageContaining("zero vector");
    assertThatThrownBy(() -> Vectors.dot(new float[0], new float[0])).hasMessageContaining("empty");
    assertThatThrownBy(() -> Vectors.norm(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void responsesAndResultsAreValues() {
    Embedding e = new Embedding(0, new float[] {1, 2});
    assertThat(e).isEqualTo(new Embedding(0, new float[] {1, 2})).hasSameHashCodeAs(new Embedding(0, new float[] {1, 2}));
    assertThat(e).isNotEqualTo(new Embedding(1, new float[] {1, 2}));
    assertThat(e.toString()).isEqualTo("Embedding[index=0, dimensions=2]");
    CallStats stats = new CallStats(1, 1, 0, 5, -1, "m", "p", 1);
    EmbeddingResponse r = new EmbeddingResponse(List.of(e, new Embedding(1, new float[] {3, 4})), "m", Usage.EMPTY,
        stats);
    assertThat(r.vectors()).hasSize(2);
    assertThat(r.vector(1)).containsExactly(3f, 4f);
    assertThat(r.dimensions()).isEqualTo(2);
    assertThatThrownBy(() -> new Embedding(-1, new float[1])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RerankRequest("", List.of("d"), null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
    assertThatThrownBy(() -> new RerankRequest("q", List.of(), null, null))
        .hasMessageContaining("at least one document");
    assertThatThrownBy(() -> new RerankRequest("q", List.of("d"), 0, null)).hasMessageContaining("topN");
    assertThat(new RerankRequest("q", List.of("secret doc"), 1, null).toString()).doesNotContain("secret doc");
    EmbeddingRequest req = new EmbeddingRequest(List.of("a", "b", "c"), 8, EmbeddingInputType.QUERY, null);
    assertThat(req.slice(1, 3).inputs()).containsExactly("b", "c");
    assertThat(req.slice(1, 3).dimensions()).isEqualTo(8);
    assertThat(req.slice(0, 3)).isSameAs(req);
    assertThat(EmbeddingInputType.CLUSTERING.wireName()).isEqualTo("clustering");
  }
}
