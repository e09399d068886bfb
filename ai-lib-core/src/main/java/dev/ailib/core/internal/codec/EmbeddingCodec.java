package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.internal.response.AnswerFields;
import dev.ailib.core.internal.response.AnswerParser;
import dev.ailib.core.spi.manifest.OperationSpec;
import dev.ailib.core.spi.manifest.OperationStyle;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Encodes embeddings requests and decodes their answers in one wire format ({@link OperationStyle}). Stateless and
 * thread-safe. The engine checks and names every setting first ({@link EmbeddingInput}); the codec only writes the
 * format's shape and reads its answer, vectors straight into {@code float[]}s ({@link AnswerFields#of(List, List)}).
 */
public interface EmbeddingCodec {

  /** The field the format carries the requested number of dimensions in. */
  String dimensionsField();

  /** The field the format carries the input type in, or null when it has none. */
  String inputTypeField();

  /** The format's own value for each input type it has, by {@code EmbeddingInputType.wireName()}. */
  Map<String, String> inputTypes();

  /** Whether every request of the format must name an input type. */
  default boolean requiresInputType() {
    return false;
  }

  /** The most inputs one request of the format takes when the manifest states no limit (the format's documented one). */
  int maxInputs();

  /**
   * The most inputs one request may carry for a declared endpoint: the manifest's limit, else the format's; 1 when
   * the endpoint has no form for several inputs.
   *
   * @param spec the declared endpoint
   * @return the batch size
   */
  default int maxInputs(OperationSpec spec) {
    return spec.maxInputs() != null ? spec.maxInputs() : maxInputs();
  }

  /**
   * Every path a request to this endpoint may go to (each gets its request template when the target is resolved).
   *
   * @param spec the declared endpoint
   * @return the path templates
   */
  default List<String> paths(OperationSpec spec) {
    return List.of(spec.path());
  }

  /**
   * The path of a request with this many inputs.
   *
   * @param spec the declared endpoint
   * @param inputs the number of inputs, at most {@link #maxInputs(OperationSpec)}
   * @return the path template
   */
  default String path(OperationSpec spec, int inputs) {
    return spec.path();
  }

  /**
   * The request body of one batch.
   *
   * @param in the batch
   * @return the JSON body
   */
  byte[] encode(EmbeddingInput in);

  /**
   * The parts of an answer {@link #decode(JsonNode, ProviderManifest, int)} reads, its vectors as vector paths.
   *
   * @return the selection
   */
  AnswerFields answerFields();

  /**
   * Decodes an answer as it is read.
   *
   * @param body the body (read to its end, not closed)
   * @param manifest the provider's manifest (errors inside a 2xx body are classified by it)
   * @param expected the number of inputs of the batch
   * @return the vectors in input order
   * @throws ProtocolException ({@code server_error}) when the body is not this format's answer, holds another number
   *     of vectors than inputs, or vectors of different lengths
   */
  default EmbeddingAnswer decode(InputStream body, ProviderManifest manifest, int expected) {
    return decode(AnswerParser.parse(body, answerFields(), manifest.id()), manifest, expected);
  }

  /**
   * Decodes an answer parsed with {@link #answerFields()}.
   *
   * @param body the selected parts
   * @param manifest the provider's manifest
   * @param expected the number of inputs of the batch
   * @return the vectors in input order
   */
  EmbeddingAnswer decode(JsonNode body, ProviderManifest manifest, int expected);

  /**
   * The codec of a format.
   *
   * @param style the declared format
   * @return the codec
   * @throws ProtocolException for {@link OperationStyle#UNSUPPORTED} or a format that is not an embeddings one
   */
  static EmbeddingCodec forStyle(OperationStyle style) {
    return switch (style) {
      case OPENAI_EMBEDDINGS -> OpenAiEmbeddingCodec.INSTANCE;
      case GEMINI_EMBED_CONTENT -> GeminiEmbeddingCodec.INSTANCE;
      case COHERE_EMBED -> CohereEmbeddingCodec.INSTANCE;
      default -> throw new ProtocolException("the embeddings endpoint's wire format (" + style + ") is not one "
          + "this runtime speaks; supported: OpenAI /embeddings, Gemini embedContent, Cohere v2 /embed");
    };
  }
}
