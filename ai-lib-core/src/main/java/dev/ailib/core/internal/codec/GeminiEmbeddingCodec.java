package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.core.internal.response.AnswerFields;
import dev.ailib.core.internal.response.Answers;
import dev.ailib.core.internal.response.UsageReader;
import dev.ailib.core.spi.manifest.OperationSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gemini's embeddings format. One input goes to the declared {@code models/{model}:embedContent}
 * ({@code {content: {parts: [{text}]}, taskType, outputDimensionality}}, answer {@code {embedding: {values}}}); more
 * go to {@code models/{model}:batchEmbedContents}, the same path with the method's name changed
 * ({@code {requests: [{model: "models/<id>", content, taskType, outputDimensionality}]}}, answer
 * {@code {embeddings: [{values}]}} in request order), at most 100 per request. Input types are the API's
 * {@code TaskType}s: {@code RETRIEVAL_QUERY}, {@code RETRIEVAL_DOCUMENT}, {@code SEMANTIC_SIMILARITY},
 * {@code CLASSIFICATION}, {@code CLUSTERING}. The API reports no token usage for embeddings; a
 * {@code usageMetadata} in the answer is read when present. Reference: Gemini API, "Embeddings"
 * (ai.google.dev/api/embeddings).
 */
final class GeminiEmbeddingCodec implements EmbeddingCodec {
  static final GeminiEmbeddingCodec INSTANCE = new GeminiEmbeddingCodec();

  private static final String STYLE = "a Gemini embeddings answer";
  private static final String SINGLE = ":embedContent";
  private static final String BATCH = ":batchEmbedContents";
  private static final AnswerFields READ = AnswerFields.of(List.of("usageMetadata", "error"),
      List.of("embedding.values", "embeddings[*].values"));
  private static final Map<String, String> TYPES = Map.of("query", "RETRIEVAL_QUERY", "document",
      "RETRIEVAL_DOCUMENT", "similarity", "SEMANTIC_SIMILARITY", "classification", "CLASSIFICATION", "clustering",
      "CLUSTERING");

  private GeminiEmbeddingCodec() {
  }

  @Override
  public String dimensionsField() {
    return "outputDimensionality";
  }

  @Override
  public String inputTypeField() {
    return "taskType";
  }

  @Override
  public Map<String, String> inputTypes() {
    return TYPES;
  }

  @Override
  public int maxInputs() {
    return 100;
  }

  @Override
  public int maxInputs(OperationSpec spec) {
    return batchPath(spec) == null && !spec.path().endsWith(BATCH) ? 1 : EmbeddingCodec.super.maxInputs(spec);
  }

  @Override
  public List<String> paths(OperationSpec spec) {
    String batch = batchPath(spec);
    return batch == null ? List.of(spec.path()) : List.of(spec.path(), batch);
  }

  @Override
  public String path(OperationSpec spec, int inputs) {
    if (inputs == 1 || spec.path().endsWith(BATCH)) {
      return spec.path();
    }
    return batchPath(spec);
  }

  /** The batch method's path: the declared {@code ...:embedContent} path with the method renamed, else null. */
  private static String batchPath(OperationSpec spec) {
    String p = spec.path();
    return p.endsWith(SINGLE) ? p.substring(0, p.length() - SINGLE.length()) + BATCH : null;
  }

  @Override
  public byte[] encode(EmbeddingInput in) {
    boolean batch = in.inputs().size() > 1;
    return JsonBody.object(JsonBody.hint(in.inputs()) + in.inputs().size() * 64, g -> {
      if (!batch) {
        request(g, in, in.inputs().get(0), null);
        return;
      }
      String model = in.modelId().startsWith("models/") || in.modelId().startsWith("tunedModels/") ? in.modelId()
          : "models/" + in.modelId();
      g.writeArrayFieldStart("requests");
      for (String text : in.inputs()) {
        g.writeStartObject();
        request(g, in, text, model);
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  /** The fields of one {@code EmbedContentRequest}. */
  private static void request(JsonGenerator g, EmbeddingInput in, String text, String model) throws IOException {
    if (model != null) {
      g.writeStringField("model", model);
    }
    g.writeObjectFieldStart("content");
    g.writeArrayFieldStart("parts");
    g.writeStartObject();
    g.writeStringField("text", text);
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    if (in.inputType() != null) {
      g.writeStringField(in.inputTypeField(), in.inputType());
    }
    if (in.dimensions() != null) {
      g.writeNumberField(in.dimensionsField(), in.dimensions());
    }
    JsonBody.params(g, in.params());
  }

  @Override
  public AnswerFields answerFields() {
    return READ;
  }

  @Override
  public EmbeddingAnswer decode(JsonNode body, ProviderManifest manifest, int expected) {
    String provider = manifest.id();
    List<float[]> vectors = new ArrayList<>(expected);
    if (body != null && body.isObject() && body.has("embedding")) {
      JsonNode e = CodecSupport.requireObject(body.get("embedding"), "embedding", manifest, STYLE);
      vectors.add(EmbeddingAnswers.vector(e.get("values"), "embedding.values", provider, STYLE));
    } else {
      CodecSupport.requireResponse(body, "embeddings", manifest, STYLE);
      JsonNode list = body.get("embeddings");
      if (list == null || !list.isArray()) {
        throw Answers.notAResponse(provider, STYLE, "\"embeddings\" is " + Answers.describe(list)
            + ", expected an array");
      }
      for (int i = 0; i < list.size(); i++) {
        JsonNode e = CodecSupport.requireObject(list.get(i), "embeddings[" + i + "]", manifest, STYLE);
        vectors.add(EmbeddingAnswers.vector(e.get("values"), "embeddings[" + i + "].values", provider, STYLE));
      }
    }
    return new EmbeddingAnswer(EmbeddingAnswers.check(vectors, expected, provider, STYLE),
        UsageReader.read(body.get("usageMetadata")), null);
  }
}
