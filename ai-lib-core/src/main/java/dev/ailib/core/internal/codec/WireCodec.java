package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.ChatResponse;
import dev.ailib.core.internal.response.AnswerFields;
import dev.ailib.core.internal.response.AnswerParser;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.util.Map;

/**
 * Encodes requests and decodes non-streaming responses of one wire format. Stateless and thread-safe.
 * Obtain with {@link #forStyle(WireStyle)}.
 */
public interface WireCodec {
  /** The wire formats with a codec, for messages: the names manifests declare them by. */
  String SUPPORTED = "OpenAI chat completions (openai, openai_chat, openai_style), OpenAI Responses (openai_responses, "
      + "responses, open_responses), Anthropic messages (anthropic, anthropic_messages), Gemini generateContent "
      + "(gemini, gemini_generate), Cohere v2 chat (cohere_v2)";

  /**
   * The request body.
   *
   * @param input what to encode
   * @return the JSON body
   * @throws dev.ailib.api.error.ProtocolException when the request holds something this wire format cannot carry
   */
  byte[] encode(EncodeInput input);

  /**
   * The path template of a chat call (may hold {@code {model}}).
   *
   * @param endpoint the manifest's endpoint
   * @param stream whether the call streams
   * @return the path
   */
  default String chatPath(EndpointSpec endpoint, boolean stream) {
    return stream && endpoint.streamChatPath() != null ? endpoint.streamChatPath() : endpoint.chatPath();
  }

  /**
   * Query parameters a streaming call needs besides the manifest's own (which win).
   *
   * @param endpoint the manifest's endpoint
   * @return name to value, may be empty
   */
  default Map<String, String> streamQuery(EndpointSpec endpoint) {
    return Map.of();
  }

  /**
   * The parts of a non-streaming answer {@link #decode(JsonNode, ProviderManifest, String)} reads; the rest of
   * the body is skipped without being built (see {@link AnswerParser}).
   *
   * @return the selection
   */
  AnswerFields answerFields();

  /**
   * Decodes a successful non-streaming response body as it is read, with bounded memory: only
   * {@link #answerFields()} become a tree, which {@link #decode(JsonNode, ProviderManifest, String)} then reads.
   *
   * @param body the body (read to its end, not closed)
   * @param manifest the provider's manifest
   * @param requestId the request id header, or null
   * @return the response
   * @throws dev.ailib.api.error.ProtocolException ({@code server_error}) when the body is not JSON or not this
   *     style's response object, naming what is missing
   * @throws dev.ailib.api.error.RemoteException when the body is a provider error
   * @throws java.io.UncheckedIOException when reading the body fails
   */
  default ChatResponse decode(java.io.InputStream body, ProviderManifest manifest, String requestId) {
    return decode(AnswerParser.parse(body, answerFields(), manifest.id()), manifest, requestId);
  }

  /**
   * Decodes a successful non-streaming response body held in memory.
   *
   * @param body the body
   * @param manifest the provider's manifest
   * @param requestId the request id header, or null
   * @return the response
   * @see #decode(java.io.InputStream, ProviderManifest, String)
   */
  default ChatResponse decode(byte[] body, ProviderManifest manifest, String requestId) {
    return decode(AnswerParser.parse(body, answerFields(), manifest.id()), manifest, requestId);
  }

  /**
   * Whether this wire format can carry {@link dev.ailib.api.RemoteMcpServer}s (MCP servers the provider connects
   * to). A request holding some is refused before encoding when it cannot.
   *
   * @return false unless the format has a shape for them
   */
  default boolean encodesRemoteMcpServers() {
    return false;
  }

  /**
   * Headers one request needs besides the manifest's (such as a beta flag for a feature the request uses). A header
   * the manifest already sets is extended ({@code a, b}), not replaced.
   *
   * @param input what was encoded
   * @return name to value, may be empty
   */
  default Map<String, String> requestHeaders(EncodeInput input) {
    return Map.of();
  }

  /**
   * The operation name under which a manifest declares the provider's token-counting endpoint
   * ({@code endpoints.count_tokens: {path, method}}, ai-lib's name; the specification has none yet).
   */
  String COUNT_TOKENS = "count_tokens";

  /**
   * The body of a request to the provider's token-counting endpoint for this request (Anthropic's
   * {@code /v1/messages/count_tokens}, Gemini's {@code :countTokens}).
   *
   * @param input what would be sent as a chat request
   * @return the body, or null when this format has no counting request
   */
  default byte[] encodeTokenCount(EncodeInput input) {
    return null;
  }

  /**
   * Reads the answer of the token-counting endpoint.
   *
   * @param body the parsed answer
   * @param manifest the provider's manifest
   * @return the input tokens
   * @throws dev.ailib.api.error.ProtocolException ({@code server_error}) when the answer has no count
   */
  default long decodeTokenCount(JsonNode body, ProviderManifest manifest) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no token-counting request");
  }

  /**
   * Decodes a successful non-streaming response. Finish reasons, usage and errors are read by
   * {@code internal.response}, as for streams.
   *
   * @param body the parsed body (or the selected parts of it)
   * @param manifest the provider's manifest (finish-reason mapping, error classification)
   * @param requestId the request id header, or null
   * @return the response
   * @throws dev.ailib.api.error.ProtocolException ({@code server_error}) when the body is not this style's response
   *     object, naming what is missing
   * @throws dev.ailib.api.error.RemoteException when the body is a provider error
   */
  ChatResponse decode(JsonNode body, ProviderManifest manifest, String requestId);

  /**
   * The codec of a wire style.
   *
   * @param style the manifest's declared style
   * @return the codec
   * @throws dev.ailib.api.error.ProtocolException for {@link WireStyle#UNSUPPORTED}
   */
  static WireCodec forStyle(WireStyle style) {
    return switch (style) {
      case OPENAI_CHAT -> OpenAiChatCodec.INSTANCE;
      case OPENAI_RESPONSES -> OpenAiResponsesCodec.INSTANCE;
      case ANTHROPIC_MESSAGES -> AnthropicMessagesCodec.INSTANCE;
      case GEMINI_GENERATE_CONTENT -> GeminiGenerateContentCodec.INSTANCE;
      case COHERE_V2 -> CohereV2Codec.INSTANCE;
      case UNSUPPORTED -> throw new dev.ailib.api.error.ProtocolException(
          "the provider's manifest declares a wire format this runtime has no codec for (supported: " + SUPPORTED
              + ")");
    };
  }
}
