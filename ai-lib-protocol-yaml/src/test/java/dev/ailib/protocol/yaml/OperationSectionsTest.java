package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.OperationSpec;
import dev.ailib.core.spi.manifest.OperationStyle;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a manifest declares operations besides chat: AI-Protocol fields, defaults, and the x-ailib-operation block. */
class OperationSectionsTest {
  private static ProviderManifest parse(String yaml) {
    return ManifestLoader.create().parse("ops.yaml", yaml.getBytes(StandardCharsets.UTF_8)).manifest();
  }

  private static ProtocolException rejected(String yaml) {
    try {
      parse(yaml);
    } catch (ProtocolException e) {
      return e;
    }
    throw new AssertionError("expected a rejection");
  }

  @Test
  void v2ShortFormTakesTheChatStyleOrTheRerankFormat() {
    ProviderManifest m = parse("""
        id: acme
        protocol_version: "2.0"
        api_style: openai
        endpoint: {base_url: "https://a.test/v1", chat: /chat/completions, embeddings: /embeddings, rerank: /rerank}
        """);
    assertThat(m.endpoint().operation(EndpointSpec.EMBEDDINGS)).extracting(OperationSpec::path,
        OperationSpec::method, OperationSpec::style, OperationSpec::declaredStyle)
        .containsExactly("/embeddings", "POST", OperationStyle.OPENAI_EMBEDDINGS, null);
    assertThat(m.endpoint().operation(EndpointSpec.RERANK).style()).isEqualTo(OperationStyle.COHERE_RERANK);
  }

  @Test
  void aResponsesStyleManifestEmbedsInOpenAisFormat() {
    ProviderManifest m = parse("""
        id: acme
        protocol_version: "2.0"
        api_style: openai_responses
        endpoint: {base_url: "https://a.test/v1", chat: /responses, embeddings: /embeddings}
        """);
    assertThat(m.endpoint().operation(EndpointSpec.EMBEDDINGS).style()).isEqualTo(OperationStyle.OPENAI_EMBEDDINGS);
  }

  @Test
  void publishedV2JinaShapeHasRerankOnly() {
    ProviderManifest m = parse("""
        id: jina
        protocol_version: "2.0"
        endpoint: {base_url: "https://api.jina.ai", rerank: /v1/rerank, auth: {type: bearer, token_env: JINA_API_KEY}}
        capabilities: {required: [rerank], optional: []}
        parameters: {top_n: {type: integer, min: 1}}
        metadata:
          rerank_models: [jina-reranker-v2-base-multilingual]
          models:
            jina-embeddings-v3: {context_window: 8192}
            jina-reranker-v2-base-multilingual: {context_window: 1024}
        """);
    assertThat(m.endpoint().chatPath()).isNull();
    assertThat(m.endpoint().operations()).containsOnlyKeys(EndpointSpec.RERANK);
    assertThat(m.models().get("jina-reranker-v2-base-multilingual").capabilities()).contains(EndpointSpec.RERANK);
    assertThat(m.models().get("jina-embeddings-v3").capabilities()).isEmpty();
  }

  @Test
  void v1EndpointsWithAdapters() {
    ProviderManifest m = parse("""
        id: jina1
        protocol_version: "1.5"
        payload_format: jina_api
        endpoint: {base_url: "https://api.jina.ai"}
        endpoints:
          embeddings: {path: /v1/embeddings, method: post, adapter: openai}
          rerank: {path: /v1/rerank, method: POST, adapter: jina}
          reader: {path: /v1/reader, method: POST, adapter: jina}
        """);
    assertThat(m.endpoint().operation(EndpointSpec.EMBEDDINGS)).extracting(OperationSpec::method,
        OperationSpec::style, OperationSpec::declaredStyle).containsExactly("POST", OperationStyle.OPENAI_EMBEDDINGS,
            "openai");
    assertThat(m.endpoint().operation(EndpointSpec.RERANK).style()).isEqualTo(OperationStyle.COHERE_RERANK);
    assertThat(m.endpoint().operations()).doesNotContainKey("reader");
  }

  @Test
  void anAdapterThisRuntimeDoesNotSpeakLoadsAsUnsupported() {
    ProviderManifest m = parse("""
        id: hf
        protocol_version: "1.5"
        endpoint: {base_url: "https://hf.test"}
        endpoints: {embeddings: {path: "/{model_id}", adapter: huggingface}}
        """);
    assertThat(m.endpoint().operation(EndpointSpec.EMBEDDINGS)).extracting(OperationSpec::style,
        OperationSpec::declaredStyle).containsExactly(OperationStyle.UNSUPPORTED, "huggingface");
  }

  @Test
  void theExtensionSetsLimitsNamesAndInputTypes() {
    ProviderManifest m = parse("""
        id: acme
        protocol_version: "2.0"
        endpoint: {base_url: "https://a.test/v1", chat: /chat/completions}
        endpoints:
          embeddings:
            path: /embeddings
            adapter: openai
            x-ailib-operation:
              max_inputs: 64
              wire_names: {dimensions: output_dimension, input_type: task}
              input_types: {query: q, document: d}
              input_type_required: true
        metadata:
          models:
            chat-1: {}
            embed-1: {modality: embedding}
        """);
    OperationSpec e = m.endpoint().operation(EndpointSpec.EMBEDDINGS);
    assertThat(e.maxInputs()).isEqualTo(64);
    assertThat(e.wireNames()).containsEntry("dimensions", "output_dimension").containsEntry("input_type", "task");
    assertThat(e.inputTypes()).containsEntry("query", "q").containsEntry("document", "d");
    assertThat(e.inputTypeRequired()).isTrue();
    assertThat(m.models().get("embed-1").capabilities()).containsExactly(EndpointSpec.EMBEDDINGS);
    assertThat(m.models().get("chat-1").capabilities()).isEmpty();
  }

  @Test
  void theExtensionIsReadStrictlyWithLocations() {
    String head = """
        id: acme
        protocol_version: "2.0"
        endpoint: {base_url: "https://a.test/v1", chat: /chat/completions}
        endpoints:
          embeddings:
            path: /embeddings
            x-ailib-operation:
        """;
    ProtocolException unknown = rejected(head + "      batch: 10\n");
    assertThat(unknown.getMessage()).contains("ops.yaml:8").contains("unknown key 'batch'").contains("max_inputs");
    assertThat(rejected(head + "      max_inputs: 0\n").getMessage()).contains("ops.yaml:8").contains("out of range");
    assertThat(rejected(head + "      input_types: {search: s}\n").getMessage()).contains("unknown key 'search'")
        .contains("query");
    assertThat(rejected(head + "      wire_names: {dimensions: \"\"}\n").getMessage())
        .contains("wire_names.dimensions must be a string that is not empty");
    assertThatThrownBy(() -> parse("""
        id: acme
        protocol_version: "2.0"
        endpoint: {base_url: "https://a.test/v1"}
        endpoints: {rerank: {path: /rerank, x-ailib-operation: {input_types: {query: q}}}}
        """)).hasMessageContaining("input types apply to embeddings only");
    assertThat(rejected("""
        id: acme
        protocol_version: "2.0"
        endpoint: {base_url: "https://a.test/v1"}
        endpoints: {embeddings: {method: POST}}
        """).getMessage()).contains("endpoints.embeddings needs a 'path'");
  }

  @Test
  void rerankModelsAreAddedToAListButNotToAManifestThatListsNone() {
    ProviderManifest listed = parse("""
        id: co
        protocol_version: "2.0"
        endpoint: {base_url: "https://c.test/v2", chat: /chat, rerank: /rerank}
        metadata:
          rerank_models: [rerank-v3.5]
          models: {command-a: {}}
        """);
    assertThat(listed.models()).containsKeys("command-a", "rerank-v3.5");
    assertThat(listed.models().get("rerank-v3.5").capabilities()).containsExactly(EndpointSpec.RERANK);
    ProviderManifest open = parse("""
        id: co
        protocol_version: "2.0"
        endpoint: {base_url: "https://c.test/v2", chat: /chat, rerank: /rerank}
        metadata: {rerank_models: [rerank-v3.5]}
        """);
    assertThat(open.models()).isEmpty();
  }
}
