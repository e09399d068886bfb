package dev.ailib.core.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.RerankResult;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.json.CoreJson;
import dev.ailib.core.spi.manifest.OperationSpec;
import dev.ailib.core.spi.manifest.OperationStyle;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embeddings and rerank codecs on the answer shapes the providers document (the API references' examples),
 * and the request bodies they write.
 */
class OperationCodecsTest {
  private static final ProviderManifest M = TestManifests.chat("https://a.test/v1");

  private static EmbeddingAnswer decode(OperationStyle style, String body, int expected) {
    return EmbeddingCodec.forStyle(style).decode(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), M,
        expected);
  }

  private static JsonNode json(byte[] body) throws Exception {
    return CoreJson.MAPPER.readTree(body);
  }

  @Test
  void openAiAnswerOrderedByIndexWithUsage() {
    // OpenAI API reference, "Create embeddings": object list, data[].embedding / index, model, usage
    EmbeddingAnswer a = decode(OperationStyle.OPENAI_EMBEDDINGS, """
        {"object":"list","data":[{"object":"embedding","index":1,"embedding":[0.5,-1]},
         {"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292]}],
         "model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}""", 2);
    assertThat(a.vectors().get(0)).containsExactly(0.0023064255f, -0.009327292f);
    assertThat(a.vectors().get(1)).containsExactly(0.5f, -1f);
    assertThat(a.model()).isEqualTo("text-embedding-3-small");
    assertThat(a.usage().promptTokens()).isEqualTo(8);
    assertThat(a.usage().totalTokens()).isEqualTo(8);
  }

  @Test
  void geminiSingleAndBatchAnswers() {
    // Gemini API, "Embeddings": embedContent -> {embedding: {values}}, batchEmbedContents -> {embeddings: [{values}]}
    assertThat(decode(OperationStyle.GEMINI_EMBED_CONTENT, "{\"embedding\":{\"values\":[0.25,0.5,1]}}", 1)
        .vectors().get(0)).containsExactly(0.25f, 0.5f, 1f);
    EmbeddingAnswer batch = decode(OperationStyle.GEMINI_EMBED_CONTENT,
        "{\"embeddings\":[{\"values\":[1,2]},{\"values\":[3,4]}]}", 2);
    assertThat(batch.vectors().get(1)).containsExactly(3f, 4f);
    assertThat(batch.usage().totalTokens()).isZero();
    assertThat(batch.model()).isNull();
  }

  @Test
  void cohereV2AnswerByTypeWithBilledUnits() {
    // cohere-developer-experience snippets/snippets/responses/embed-v2-post/embed-post.yaml, shortened vectors
    EmbeddingAnswer a = decode(OperationStyle.COHERE_EMBED, """
        {"id":"da6e531f-54c6-4a73-bf92-f60566d8d753","texts":["hello","goodbye"],
         "embeddings":{"float":[[0.016296387,-0.008354187],[0.04699707,-0.07104492]]},
         "meta":{"api_version":{"version":"2","is_experimental":true},"billed_units":{"input_tokens":2}},
         "response_type":"embeddings_by_type"}""", 2);
    assertThat(a.vectors().get(1)).containsExactly(0.04699707f, -0.07104492f);
    assertThat(a.usage().promptTokens()).isEqualTo(2);
    assertThat(decode(OperationStyle.COHERE_EMBED, "{\"embeddings\":[[1,2]],\"meta\":{}}", 1).vectors().get(0))
        .as("the older embeddings_floats answer").containsExactly(1f, 2f);
  }

  @Test
  void malformedAnswersNameWhatIsWrong() {
    assertThatThrownBy(() -> decode(OperationStyle.OPENAI_EMBEDDINGS,
        "{\"data\":[{\"index\":0,\"embedding\":[1,2]}]}", 2)).isInstanceOfSatisfying(ProtocolException.class,
            e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR))
        .hasMessageContaining("holds 1 vectors for 2 inputs");
    assertThatThrownBy(() -> decode(OperationStyle.OPENAI_EMBEDDINGS,
        "{\"data\":[{\"index\":0,\"embedding\":[1,2]},{\"index\":1,\"embedding\":[1]}]}", 2))
        .hasMessageContaining("vector 1 has 1 numbers where vector 0 has 2");
    assertThatThrownBy(() -> decode(OperationStyle.OPENAI_EMBEDDINGS,
        "{\"data\":[{\"index\":0,\"embedding\":[1,\"x\"]}]}", 1))
        .hasMessageContaining("holds a string at position 1; expected only numbers");
    assertThatThrownBy(() -> decode(OperationStyle.OPENAI_EMBEDDINGS,
        "{\"data\":[{\"index\":0,\"embedding\":\"AAAA\"}]}", 1))
        .hasMessageContaining("expected an array of numbers");
    assertThatThrownBy(() -> decode(OperationStyle.OPENAI_EMBEDDINGS,
        "{\"data\":[{\"index\":3,\"embedding\":[1]}]}", 1)).hasMessageContaining("\"data[0].index\"");
    assertThatThrownBy(() -> decode(OperationStyle.COHERE_EMBED, "{\"id\":\"x\"}", 1))
        .hasMessageContaining("not a Cohere embed answer");
    assertThatThrownBy(() -> decode(OperationStyle.OPENAI_EMBEDDINGS,
        "{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}", 1))
        .isInstanceOfSatisfying(RemoteException.class,
            e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED));
  }

  @Test
  void requestBodies() throws Exception {
    EmbeddingInput in = new EmbeddingInput(List.of("a", "b"), "m1", 256, "dimensions", null, null,
        List.of(new WireParam("user", null, "u1", false)));
    JsonNode openai = json(EmbeddingCodec.forStyle(OperationStyle.OPENAI_EMBEDDINGS).encode(in));
    assertThat(openai.toString()).isEqualTo("{\"model\":\"m1\",\"input\":[\"a\",\"b\"],\"dimensions\":256,"
        + "\"user\":\"u1\"}");
    EmbeddingInput typed = new EmbeddingInput(List.of("a", "b"), "embed-v4.0", 512, "output_dimension",
        "search_document", "input_type", List.of());
    assertThat(json(EmbeddingCodec.forStyle(OperationStyle.COHERE_EMBED).encode(typed)).toString())
        .isEqualTo("{\"model\":\"embed-v4.0\",\"texts\":[\"a\",\"b\"],\"input_type\":\"search_document\","
            + "\"embedding_types\":[\"float\"],\"output_dimension\":512}");
    EmbeddingInput gemini = new EmbeddingInput(List.of("a", "b"), "gemini-embedding-001", 768,
        "outputDimensionality", "RETRIEVAL_DOCUMENT", "taskType", List.of());
    JsonNode batch = json(EmbeddingCodec.forStyle(OperationStyle.GEMINI_EMBED_CONTENT).encode(gemini));
    assertThat(batch.get("requests")).hasSize(2);
    assertThat(batch.path("requests").get(1).toString()).isEqualTo("{\"model\":\"models/gemini-embedding-001\","
        + "\"content\":{\"parts\":[{\"text\":\"b\"}]},\"taskType\":\"RETRIEVAL_DOCUMENT\",\"outputDimensionality\":768}");
    JsonNode single = json(EmbeddingCodec.forStyle(OperationStyle.GEMINI_EMBED_CONTENT).encode(new EmbeddingInput(
        List.of("a"), "gemini-embedding-001", null, "outputDimensionality", null, "taskType", List.of())));
    assertThat(single.toString()).isEqualTo("{\"content\":{\"parts\":[{\"text\":\"a\"}]}}");
  }

  @Test
  void aParameterNamedLikeAFieldTheCodecWritesIsRefused() {
    EmbeddingInput in = new EmbeddingInput(List.of("a"), "m1", null, "dimensions", null, null,
        List.of(new WireParam("input", null, "other", false)));
    assertThatThrownBy(() -> EmbeddingCodec.forStyle(OperationStyle.OPENAI_EMBEDDINGS).encode(in))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("input")
        .hasMessageContaining("names a field the client writes itself");
  }

  @Test
  void geminiPathsAndBatchLimit() {
    EmbeddingCodec c = EmbeddingCodec.forStyle(OperationStyle.GEMINI_EMBED_CONTENT);
    OperationSpec spec = OperationSpec.builder().path("/models/{model}:embedContent")
        .style(OperationStyle.GEMINI_EMBED_CONTENT).build();
    assertThat(c.paths(spec)).containsExactly("/models/{model}:embedContent", "/models/{model}:batchEmbedContents");
    assertThat(c.path(spec, 1)).isEqualTo("/models/{model}:embedContent");
    assertThat(c.path(spec, 7)).isEqualTo("/models/{model}:batchEmbedContents");
    assertThat(c.maxInputs(spec)).isEqualTo(100);
    OperationSpec odd = OperationSpec.builder().path("/embed/{model}").style(OperationStyle.GEMINI_EMBED_CONTENT)
        .build();
    assertThat(c.maxInputs(odd)).as("no batch form: one input per request").isEqualTo(1);
    assertThat(EmbeddingCodec.forStyle(OperationStyle.COHERE_EMBED).maxInputs(OperationSpec.builder()
        .path("/embed").style(OperationStyle.COHERE_EMBED).maxInputs(10).build())).isEqualTo(10);
    assertThatThrownBy(() -> EmbeddingCodec.forStyle(OperationStyle.COHERE_RERANK))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void rerankAnswersOfCohereAndJina() {
    List<String> docs = List.of("d0", "d1", "d2", "d3", "d4");
    // cohere-developer-experience snippets/snippets/responses/rerank-v2-post.yaml
    RerankAnswer cohere = RerankCodec.INSTANCE.decode(new ByteArrayInputStream("""
        {"id":"07734bd2-2473-4f07-94e1-0d9f0e6843cf","results":[{"index":3,"relevance_score":0.999071},
         {"index":4,"relevance_score":0.7867867},{"index":0,"relevance_score":0.32713068}],
         "meta":{"api_version":{"version":"2","is_experimental":false},"billed_units":{"search_units":1}}}"""
        .getBytes(StandardCharsets.UTF_8)), M, docs);
    assertThat(cohere.results()).extracting(RerankResult::index).containsExactly(3, 4, 0);
    assertThat(cohere.results().get(0).document()).isEqualTo("d3");
    assertThat(cohere.searchUnits()).isEqualTo(1);
    // Jina's reranker API: model, usage, results[] with document.text
    RerankAnswer jina = RerankCodec.INSTANCE.decode(new ByteArrayInputStream("""
        {"model":"jina-reranker-v2-base-multilingual","usage":{"total_tokens":815,"prompt_tokens":815},
         "results":[{"index":2,"document":{"text":"returned"},"relevance_score":0.76},
         {"index":0,"document":{"text":"d0"},"relevance_score":0.87}]}""".getBytes(StandardCharsets.UTF_8)), M,
        docs);
    assertThat(jina.results()).extracting(RerankResult::index).as("most relevant first").containsExactly(0, 2);
    assertThat(jina.results().get(1).document()).isEqualTo("returned");
    assertThat(jina.usage().totalTokens()).isEqualTo(815);
    assertThat(jina.model()).isEqualTo("jina-reranker-v2-base-multilingual");
    assertThatThrownBy(() -> RerankCodec.INSTANCE.decode(new ByteArrayInputStream(
        "{\"results\":[{\"index\":9,\"relevance_score\":1}]}".getBytes(StandardCharsets.UTF_8)), M, docs))
        .hasMessageContaining("expected a document position from 0 to 4");
    assertThatThrownBy(() -> RerankCodec.INSTANCE.decode(new ByteArrayInputStream(
        "{\"results\":[{\"index\":1,\"relevance_score\":1},{\"index\":1,\"relevance_score\":0.5}]}"
            .getBytes(StandardCharsets.UTF_8)), M, docs)).hasMessageContaining("document 1 is ranked twice");
  }

  @Test
  void rerankRequestBody() throws Exception {
    byte[] body = RerankCodec.INSTANCE.encode(new RerankInput("q", List.of("a", "b"), "rerank-v3.5", 2, "top_n",
        List.of(new WireParam("max_tokens_per_doc", "max_tokens_per_doc", 512, true))));
    assertThat(json(body).toString()).isEqualTo("{\"model\":\"rerank-v3.5\",\"query\":\"q\",\"documents\":[\"a\","
        + "\"b\"],\"top_n\":2,\"max_tokens_per_doc\":512}");
  }
}
