package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import dev.ailib.api.internal.JsonValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable chat request, as built by {@link ChatRequestBuilder}. Optional settings are null when
 * not given; the manifest's defaults then apply.
 *
 * @param messages the conversation
 * @param temperature sampling temperature, or null
 * @param maxTokens output token limit, or null
 * @param topP nucleus sampling, or null
 * @param stop stop sequences (may be empty)
 * @param tools tools the model may call (may be empty)
 * @param toolChoice how tools may be used, or null
 * @param responseFormat the answer's shape, or null
 * @param extraParams provider extras by the provider's own or the protocol's parameter name
 * @param outputSchema the schema of a typed answer (set by {@link ChatRequestBuilder#executeAs} and
 *     {@link ChatRequestBuilder#streamAs}), or null
 * @param promptCache prompt caching asked for ({@link ChatRequestBuilder#promptCache(PromptCache)}), or null for
 *     none
 * @param tag the caller's label for the call (such as a tenant id), passed to {@link SpendListener}s and telemetry,
 *     never sent to the provider; or null
 */
public record ChatRequest(List<Message> messages, Double temperature, Integer maxTokens, Double topP,
    List<String> stop, List<ToolDefinition> tools, ToolChoice toolChoice, ResponseFormat responseFormat,
    Map<String, Object> extraParams, OutputSchema outputSchema, PromptCache promptCache, String tag)
    implements OperationRequest {

  /**
   * The request parameter that carries {@link RemoteMcpServer}s (the protocol's name for MCP servers passed to the
   * provider).
   */
  public static final String MCP_SERVERS = "mcp_servers";

  /**
   * Checks and copies.
   *
   * @throws NullPointerException when the messages, or an element of a list, are null
   * @throws IllegalArgumentException when a parameter name is blank or a parameter value is not a JSON value
   *     (see {@link ChatRequestBuilder#param(String, Object)})
   */
  public ChatRequest {
    messages = Checks.elements(messages, "messages");
    stop = stop == null ? List.of() : Checks.elements(stop, "stop");
    tools = tools == null ? List.of() : Checks.elements(tools, "tools");
    if (extraParams == null || extraParams.isEmpty()) {
      extraParams = Map.of();
    } else {
      extraParams.forEach(ChatRequest::checkParam);
      extraParams = Collections.unmodifiableMap(new LinkedHashMap<>(extraParams));
    }
    if (tag != null && tag.isBlank()) {
      throw new IllegalArgumentException("a request tag must not be blank");
    }
  }

  private static void checkParam(String name, Object value) {
    Checks.notNull(name, "param name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("param name is blank");
    }
    if (!isRemoteMcpServers(name, value)) {
      JsonValues.check("param '" + name + "'", value);
    }
  }

  /** Whether a parameter is {@link RemoteMcpServer}s under their own name (the one value that is not JSON). */
  static boolean isRemoteMcpServers(String name, Object value) {
    return MCP_SERVERS.equals(name) && value instanceof List<?> list && !list.isEmpty()
        && list.stream().allMatch(RemoteMcpServer.class::isInstance);
  }

  /**
   * The MCP servers the provider is to connect to itself ({@link ChatRequestBuilder#remoteMcpServers(List)}).
   *
   * @return the servers, empty when none were given (or when {@code mcp_servers} was given as raw provider JSON)
   */
  public List<RemoteMcpServer> remoteMcpServers() {
    Object value = extraParams.get(MCP_SERVERS);
    if (!(value instanceof List<?> list) || list.isEmpty()
        || !list.stream().allMatch(RemoteMcpServer.class::isInstance)) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<RemoteMcpServer> servers = (List<RemoteMcpServer>) list;
    return servers;
  }

  /**
   * A request without prompt caching or tag (the constructor of earlier releases).
   *
   * @param messages the conversation
   * @param temperature sampling temperature, or null
   * @param maxTokens output token limit, or null
   * @param topP nucleus sampling, or null
   * @param stop stop sequences (may be empty)
   * @param tools tools the model may call (may be empty)
   * @param toolChoice how tools may be used, or null
   * @param responseFormat the answer's shape, or null
   * @param extraParams provider extras by the provider's own or the protocol's parameter name
   * @param outputSchema the schema of a typed answer, or null
   */
  public ChatRequest(List<Message> messages, Double temperature, Integer maxTokens, Double topP, List<String> stop,
      List<ToolDefinition> tools, ToolChoice toolChoice, ResponseFormat responseFormat,
      Map<String, Object> extraParams, OutputSchema outputSchema) {
    this(messages, temperature, maxTokens, topP, stop, tools, toolChoice, responseFormat, extraParams, outputSchema,
        null, null);
  }

  /**
   * A request without an output schema.
   *
   * @param messages the conversation
   * @param temperature sampling temperature, or null
   * @param maxTokens output token limit, or null
   * @param topP nucleus sampling, or null
   * @param stop stop sequences (may be empty)
   * @param tools tools the model may call (may be empty)
   * @param toolChoice how tools may be used, or null
   * @param responseFormat the answer's shape, or null
   * @param extraParams provider extras by the provider's own or the protocol's parameter name
   */
  public ChatRequest(List<Message> messages, Double temperature, Integer maxTokens, Double topP, List<String> stop,
      List<ToolDefinition> tools, ToolChoice toolChoice, ResponseFormat responseFormat,
      Map<String, Object> extraParams) {
    this(messages, temperature, maxTokens, topP, stop, tools, toolChoice, responseFormat, extraParams, null, null,
        null);
  }

  /**
   * A copy with other messages.
   *
   * @param list the conversation
   * @return the copy
   */
  public ChatRequest withMessages(List<Message> list) {
    return new ChatRequest(list, temperature, maxTokens, topP, stop, tools, toolChoice, responseFormat, extraParams,
        outputSchema, promptCache, tag);
  }

  /**
   * A copy with other tools and tool choice.
   *
   * @param list the tools
   * @param choice how they may be used, or null
   * @return the copy
   */
  public ChatRequest withTools(List<ToolDefinition> list, ToolChoice choice) {
    return new ChatRequest(messages, temperature, maxTokens, topP, stop, list, choice, responseFormat, extraParams,
        outputSchema, promptCache, tag);
  }

  /**
   * A copy with another answer format.
   *
   * @param format the format, or null
   * @return the copy
   */
  public ChatRequest withResponseFormat(ResponseFormat format) {
    return new ChatRequest(messages, temperature, maxTokens, topP, stop, tools, toolChoice, format, extraParams,
        outputSchema, promptCache, tag);
  }

  /**
   * A copy with another output schema.
   *
   * @param schema the schema of the typed answer, or null for none
   * @return the copy
   */
  public ChatRequest withOutputSchema(OutputSchema schema) {
    return new ChatRequest(messages, temperature, maxTokens, topP, stop, tools, toolChoice, responseFormat,
        extraParams, schema, promptCache, tag);
  }

  /**
   * A copy with another prompt-cache setting.
   *
   * @param cache the setting, or null for none
   * @return the copy
   */
  public ChatRequest withPromptCache(PromptCache cache) {
    return new ChatRequest(messages, temperature, maxTokens, topP, stop, tools, toolChoice, responseFormat,
        extraParams, outputSchema, cache, tag);
  }
}
