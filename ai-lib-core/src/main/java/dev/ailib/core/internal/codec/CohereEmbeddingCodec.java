package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.core.internal.response.AnswerFields;
import dev.ailib.core.internal.response.Answers;
import dev.ailib.core.internal.response.UsageReader;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cohere's v2 embeddings format ({@code POST /v2/embed}): {@code model}, {@code texts} (at most 96 per request),
 * {@code input_type} (required by the v3 and later models: {@code search_query}, {@code search_document},
 * {@code classification}, {@code clustering}), {@code embedding_types: ["float"]}, {@code output_dimension}
 * ({@code embed-v4.0}: 256, 512, 1024 or 1536). Answer: {@code embeddings.float[]} in input order, {@code id},
 * {@code meta.billed_units.input_tokens}; an {@code embeddings} array (the older "embeddings_floats" answer) is read
 * as well. References: Cohere API reference, "Embed" (docs.cohere.com/reference/embed), and the v2 response
 * example in cohere-ai/cohere-developer-experience ({@code snippets/snippets/responses/embed-v2-post/}).
 */
final class CohereEmbeddingCodec implements EmbeddingCodec {
  static final CohereEmbeddingCodec INSTANCE = new CohereEmbeddingCodec();

  private static final String STYLE = "a Cohere embed answer";
  private static final AnswerFields READ = AnswerFields.of(List.of("meta", "id"),
      List.of("embeddings.float[*]", "embeddings[*]"));
  private static final Map<String, String> TYPES = Map.of("query", "search_query", "document", "search_document",
      "classification", "classification", "clustering", "clustering");

  private CohereEmbeddingCodec() {
  }

  @Override
  public String dimensionsField() {
    return "output_dimension";
  }

  @Override
  public String inputTypeField() {
    return "input_type";
  }

  @Override
  public Map<String, String> inputTypes() {
    return TYPES;
  }

  @Override
  public boolean requiresInputType() {
    return true;
  }

  @Override
  public int maxInputs() {
    return 96;
  }

  @Override
  public byte[] encode(EmbeddingInput in) {
    return JsonBody.object(JsonBody.hint(in.inputs()), g -> {
      g.writeStringField("model", in.modelId());
      JsonBody.strings(g, "texts", in.inputs());
      if (in.inputType() != null) {
        g.writeStringField(in.inputTypeField(), in.inputType());
      }
      g.writeArrayFieldStart("embedding_types");
      g.writeString("float");
      g.writeEndArray();
      if (in.dimensions() != null) {
        g.writeNumberField(in.dimensionsField(), in.dimensions());
      }
      JsonBody.params(g, in.params());
    });
  }

  @Override
  public AnswerFields answerFields() {
    return READ;
  }

  @Override
  public EmbeddingAnswer decode(JsonNode body, ProviderManifest manifest, int expected) {
    String provider = manifest.id();
    CodecSupport.requireResponse(body, "embeddings", manifest, STYLE);
    JsonNode embeddings = body.get("embeddings");
    JsonNode list = embeddings != null && embeddings.isObject() ? embeddings.get("float") : embeddings;
    String path = embeddings != null && embeddings.isObject() ? "embeddings.float" : "embeddings";
    if (list == null || !list.isArray()) {
      throw Answers.notAResponse(provider, STYLE, "\"" + path + "\" is " + Answers.describe(list)
          + ", expected an array of vectors (the request asks for embedding_types [\"float\"])");
    }
    List<float[]> vectors = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      vectors.add(EmbeddingAnswers.vector(list.get(i), path + "[" + i + "]", provider, STYLE));
    }
    return new EmbeddingAnswer(EmbeddingAnswers.check(vectors, expected, provider, STYLE),
        UsageReader.read(body.path("meta").get("billed_units")), null);
  }
}
