package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.OperationSpec;
import dev.ailib.core.spi.manifest.OperationStyle;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.protocol.ProtocolSource;
import dev.ailib.core.spi.protocol.ProtocolSourceConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embeddings and rerank endpoints and models the bundled manifests declare. */
class BundledOperationsTest {
  private final ProtocolSource source = new YamlProtocolSourceProvider().create(
      new ProtocolSourceConfig(null, Environment.of(Map.of())));

  private OperationSpec op(String provider, String operation) {
    ProviderManifest m = source.manifest(provider).orElseThrow();
    OperationSpec spec = m.endpoint().operation(operation);
    assertThat(spec).as(provider + " " + operation).isNotNull();
    return spec;
  }

  @Test
  void embeddingEndpointsWithTheirFormatsAndBatchLimits() {
    assertThat(op("openai", EndpointSpec.EMBEDDINGS)).extracting(OperationSpec::path, OperationSpec::style,
        OperationSpec::maxInputs).containsExactly("/embeddings", OperationStyle.OPENAI_EMBEDDINGS, 2048);
    assertThat(op("gemini", EndpointSpec.EMBEDDINGS)).extracting(OperationSpec::path, OperationSpec::style,
        OperationSpec::maxInputs).containsExactly("/models/{model}:embedContent", OperationStyle.GEMINI_EMBED_CONTENT,
            100);
    assertThat(op("qwen", EndpointSpec.EMBEDDINGS).maxInputs()).isEqualTo(10);
    assertThat(op("cohere", EndpointSpec.EMBEDDINGS)).extracting(OperationSpec::path, OperationSpec::style,
        OperationSpec::maxInputs).containsExactly("/embed", OperationStyle.COHERE_EMBED, 96);
    OperationSpec mistral = op("mistral", EndpointSpec.EMBEDDINGS);
    assertThat(mistral.style()).isEqualTo(OperationStyle.OPENAI_EMBEDDINGS);
    assertThat(mistral.wireNames()).containsEntry("dimensions", "output_dimension");
    OperationSpec jina = op("jina", EndpointSpec.EMBEDDINGS);
    assertThat(jina.wireNames()).containsEntry("input_type", "task");
    assertThat(jina.inputTypes()).containsEntry("query", "retrieval.query").containsEntry("document",
        "retrieval.passage");
  }

  @Test
  void rerankEndpoints() {
    assertThat(op("jina", EndpointSpec.RERANK)).extracting(OperationSpec::path, OperationSpec::style)
        .containsExactly("/v1/rerank", OperationStyle.COHERE_RERANK);
    assertThat(op("cohere", EndpointSpec.RERANK)).extracting(OperationSpec::path, OperationSpec::style)
        .containsExactly("/rerank", OperationStyle.COHERE_RERANK);
    assertThat(source.manifest("cohere").orElseThrow().models().get("rerank-v3.5").capabilities())
        .containsExactly(EndpointSpec.RERANK);
    assertThat(source.manifest("openai").orElseThrow().endpoint().operation(EndpointSpec.RERANK)).isNull();
  }

  @Test
  void embeddingAndRerankModelsAreMarked() {
    assertThat(source.manifest("openai").orElseThrow().models().get("text-embedding-3-small").capabilities())
        .contains(EndpointSpec.EMBEDDINGS).doesNotContain(EndpointSpec.RERANK);
    assertThat(source.manifest("openai").orElseThrow().models().get("gpt-4o").capabilities())
        .doesNotContain(EndpointSpec.EMBEDDINGS);
    ProviderManifest jina = source.manifest("jina").orElseThrow();
    assertThat(jina.models().get("jina-reranker-v2-base-multilingual").capabilities())
        .contains(EndpointSpec.RERANK);
    assertThat(jina.models().get("jina-embeddings-v3").capabilities()).contains(EndpointSpec.EMBEDDINGS);
    assertThat(jina.endpoint().chatPath()).isNull();
  }
}
