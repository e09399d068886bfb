package dev.ailib.core.spi.manifest;

import java.util.Map;
import java.util.Objects;

/**
 * Where requests go.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param baseUrl such as {@code https://api.openai.com/v1}
 * @param chatPath the chat path, may hold a {@code {model}} placeholder
 * @param streamChatPath the streaming chat path when it differs (Gemini's streamGenerateContent), else null
 * @param streamQuery query parameters added to streaming requests (such as {@code alt=sse}), may be empty
 * @param method the HTTP method, usually POST
 * @param otherPaths other endpoints by operation name (embeddings, models, mcp_call_tool, video_get, ...)
 * @param otherMethods the HTTP method of those other endpoints, by operation name, where the manifest declares one
 * @param operations the operations besides chat the runtime runs (embeddings, rerank), with their wire formats, by
 *     operation name; an operation absent here is not declared
 */
public record EndpointSpec(String baseUrl, String chatPath, String streamChatPath, Map<String, String> streamQuery,
    String method, Map<String, String> otherPaths, Map<String, String> otherMethods,
    Map<String, OperationSpec> operations) {

  /** The operation name of embeddings. */
  public static final String EMBEDDINGS = "embeddings";
  /** The operation name of rerank. */
  public static final String RERANK = "rerank";

  /** Checks, copies and defaults. */
  public EndpointSpec {
    Objects.requireNonNull(baseUrl, "baseUrl");
    streamQuery = Map.copyOf(streamQuery == null ? Map.of() : streamQuery);
    method = method == null ? "POST" : method;
    otherPaths = Map.copyOf(otherPaths == null ? Map.of() : otherPaths);
    otherMethods = Map.copyOf(otherMethods == null ? Map.of() : otherMethods);
    operations = Map.copyOf(operations == null ? Map.of() : operations);
  }

  /**
   * The endpoint without operations, as earlier releases built it.
   *
   * @param baseUrl the base URL
   * @param chatPath the chat path
   * @param streamChatPath the streaming chat path, or null
   * @param streamQuery query parameters of streaming requests
   * @param method the HTTP method
   * @param otherPaths other endpoints by operation name
   * @param otherMethods their methods
   */
  public EndpointSpec(String baseUrl, String chatPath, String streamChatPath, Map<String, String> streamQuery,
      String method, Map<String, String> otherPaths, Map<String, String> otherMethods) {
    this(baseUrl, chatPath, streamChatPath, streamQuery, method, otherPaths, otherMethods, Map.of());
  }

  /**
   * An operation the manifest declares.
   *
   * @param name such as {@link #EMBEDDINGS}
   * @return the operation, or null when it is not declared
   */
  public OperationSpec operation(String name) {
    return operations.get(name);
  }

  /**
   * A builder with nothing set; {@code baseUrl} is required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these values, to derive a changed copy.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder().baseUrl(baseUrl).chatPath(chatPath).streamChatPath(streamChatPath)
        .streamQuery(streamQuery).method(method).otherPaths(otherPaths).otherMethods(otherMethods)
        .operations(operations);
  }

  /** Builds a {@link EndpointSpec}. Not thread-safe. */
  public static final class Builder {
    private String baseUrl;
    private String chatPath;
    private String streamChatPath;
    private Map<String, String> streamQuery;
    private String method;
    private Map<String, String> otherPaths;
    private Map<String, String> otherMethods;
    private Map<String, OperationSpec> operations;

    private Builder() {
    }

    /**
     * Sets {@link EndpointSpec#baseUrl()} (required).
     *
     * @param baseUrl such as {@code https://api.openai.com/v1}
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * Sets {@link EndpointSpec#chatPath()}.
     *
     * @param chatPath the chat path, may hold a {@code {model}} placeholder
     * @return this builder
     */
    public Builder chatPath(String chatPath) {
      this.chatPath = chatPath;
      return this;
    }

    /**
     * Sets {@link EndpointSpec#streamChatPath()}.
     *
     * @param streamChatPath the streaming chat path when it differs (Gemini's streamGenerateContent), else null
     * @return this builder
     */
    public Builder streamChatPath(String streamChatPath) {
      this.streamChatPath = streamChatPath;
      return this;
    }

    /**
     * Sets {@link EndpointSpec#streamQuery()}.
     *
     * @param streamQuery query parameters added to streaming requests (such as {@code alt=sse}), may be empty
     * @return this builder
     */
    public Builder streamQuery(Map<String, String> streamQuery) {
      this.streamQuery = streamQuery;
      return this;
    }

    /**
     * Sets {@link EndpointSpec#method()}.
     *
     * @param method the HTTP method, usually POST
     * @return this builder
     */
    public Builder method(String method) {
      this.method = method;
      return this;
    }

    /**
     * Sets {@link EndpointSpec#otherPaths()}.
     *
     * @param otherPaths other endpoints by operation name (embeddings, models, mcp_call_tool, video_get, ...)
     * @return this builder
     */
    public Builder otherPaths(Map<String, String> otherPaths) {
      this.otherPaths = otherPaths;
      return this;
    }

    /**
     * Sets {@link EndpointSpec#otherMethods()}.
     *
     * @param otherMethods the HTTP method of those other endpoints, by operation name, where the manifest declares
     *     one
     * @return this builder
     */
    public Builder otherMethods(Map<String, String> otherMethods) {
      this.otherMethods = otherMethods;
      return this;
    }

    /**
     * Sets {@link EndpointSpec#operations()}.
     *
     * @param operations the operations besides chat by name, such as {@link EndpointSpec#EMBEDDINGS}
     * @return this builder
     */
    public Builder operations(Map<String, OperationSpec> operations) {
      this.operations = operations;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     * @throws RuntimeException when a required value is missing or a value is invalid
     */
    public EndpointSpec build() {
      return new EndpointSpec(baseUrl, chatPath, streamChatPath, streamQuery, method, otherPaths, otherMethods,
          operations);
    }
  }
}
