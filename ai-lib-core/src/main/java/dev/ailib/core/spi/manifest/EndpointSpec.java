package dev.ailib.core.spi.manifest;

import java.util.Map;

/**
 * Where requests go.
 *
 * @param baseUrl such as {@code https://api.openai.com/v1}
 * @param chatPath the chat path, may hold a {@code {model}} placeholder
 * @param streamChatPath the streaming chat path when it differs (Gemini's streamGenerateContent), else null
 * @param streamQuery query parameters added to streaming requests (such as {@code alt=sse}), may be empty
 * @param method the HTTP method, usually POST
 * @param otherPaths other endpoints by operation name (embeddings, models, mcp_call_tool, video_get, ...)
 * @param otherMethods the HTTP method of those other endpoints, by operation name, where the manifest declares one
 */
public record EndpointSpec(String baseUrl, String chatPath, String streamChatPath, Map<String, String> streamQuery,
    String method, Map<String, String> otherPaths, Map<String, String> otherMethods) {

  /** Copies and defaults. */
  public EndpointSpec {
    streamQuery = Map.copyOf(streamQuery == null ? Map.of() : streamQuery);
    method = method == null ? "POST" : method;
    otherPaths = Map.copyOf(otherPaths == null ? Map.of() : otherPaths);
    otherMethods = Map.copyOf(otherMethods == null ? Map.of() : otherMethods);
  }

  /**
   * An endpoint without declared methods for its other operations.
   *
   * @param baseUrl such as {@code https://api.openai.com/v1}
   * @param chatPath the chat path
   * @param streamChatPath the streaming chat path when it differs, else null
   * @param streamQuery query parameters added to streaming requests
   * @param method the chat HTTP method
   * @param otherPaths other endpoints by operation name
   */
  public EndpointSpec(String baseUrl, String chatPath, String streamChatPath, Map<String, String> streamQuery,
      String method, Map<String, String> otherPaths) {
    this(baseUrl, chatPath, streamChatPath, streamQuery, method, otherPaths, Map.of());
  }
}
