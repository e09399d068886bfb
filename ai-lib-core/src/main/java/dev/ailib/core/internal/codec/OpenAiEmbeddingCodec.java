package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.core.internal.response.AnswerFields;
import dev.ailib.core.internal.response.Answers;
import dev.ailib.core.internal.response.UsageReader;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's embeddings format ({@code POST /embeddings}), which compatible APIs copy (Mistral, Qwen's compatible mode,
 * Jina, ...). Request: {@code model}, {@code input} (an array of strings; at most 2048 per request), the number of
 * dimensions under {@code dimensions} (or the manifest's name for it, such as Mistral's {@code output_dimension}),
 * and an input type only where the manifest names a field for it (Jina's {@code task}); no {@code encoding_format},
 * so the answer holds floats (the API's default). Answer: {@code data[]} of {@code {index, embedding}},
 * {@code model}, {@code usage} ({@code prompt_tokens}, {@code total_tokens}). Reference: OpenAI API reference,
 * "Create embeddings" (developers.openai.com/api/reference/resources/embeddings).
 */
final class OpenAiEmbeddingCodec implements EmbeddingCodec {
  static final OpenAiEmbeddingCodec INSTANCE = new OpenAiEmbeddingCodec();

  private static final String STYLE = "an OpenAI embeddings answer";
  private static final AnswerFields READ = AnswerFields.of(List.of("data[*].index", "model", "usage", "error"),
      List.of("data[*].embedding"));

  private OpenAiEmbeddingCodec() {
  }

  @Override
  public String dimensionsField() {
    return "dimensions";
  }

  @Override
  public String inputTypeField() {
    return null;
  }

  @Override
  public Map<String, String> inputTypes() {
    return Map.of();
  }

  @Override
  public int maxInputs() {
    return 2048;
  }

  @Override
  public byte[] encode(EmbeddingInput in) {
    return JsonBody.object(JsonBody.hint(in.inputs()), g -> {
      g.writeStringField("model", in.modelId());
      JsonBody.strings(g, "input", in.inputs());
      if (in.dimensions() != null) {
        g.writeNumberField(in.dimensionsField(), in.dimensions());
      }
      if (in.inputType() != null) {
        g.writeStringField(in.inputTypeField(), in.inputType());
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
    CodecSupport.requireResponse(body, "data", manifest, STYLE);
    JsonNode data = body.get("data");
    if (data == null || !data.isArray()) {
      throw Answers.notAResponse(provider, STYLE, "\"data\" is " + Answers.describe(data) + ", expected an array");
    }
    float[][] ordered = new float[data.size()][];
    for (int i = 0; i < data.size(); i++) {
      JsonNode item = CodecSupport.requireObject(data.get(i), "data[" + i + "]", manifest, STYLE);
      JsonNode idx = item.get("index");
      int index = i;
      if (idx != null && !idx.isNull()) {
        if (!idx.canConvertToInt() || !idx.isIntegralNumber() || idx.intValue() < 0 || idx.intValue() >= ordered.length) {
          throw Answers.notAResponse(provider, STYLE, "\"data[" + i + "].index\" is " + Answers.describe(idx)
              + ", expected a position from 0 to " + (ordered.length - 1));
        }
        index = idx.intValue();
      }
      if (ordered[index] != null) {
        throw Answers.notAResponse(provider, STYLE, "two vectors have index " + index);
      }
      ordered[index] = EmbeddingAnswers.vector(item.get("embedding"), "data[" + i + "].embedding", provider, STYLE);
    }
    return new EmbeddingAnswer(EmbeddingAnswers.check(Arrays.asList(ordered), expected, provider, STYLE),
        UsageReader.read(body.get("usage")), CodecSupport.text(body, "model"));
  }
}
