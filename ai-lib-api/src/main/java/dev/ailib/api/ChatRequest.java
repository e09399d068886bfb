package dev.ailib.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 */
public record ChatRequest(List<Message> messages, Double temperature, Integer maxTokens, Double topP,
    List<String> stop, List<ToolDefinition> tools, ToolChoice toolChoice, ResponseFormat responseFormat,
    Map<String, Object> extraParams) {

  /**
   * The request parameter that carries {@link RemoteMcpServer}s (the protocol's name for MCP servers passed to the
   * provider).
   */
  public static final String MCP_SERVERS = "mcp_servers";

  /** Checks and copies. */
  public ChatRequest {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    stop = List.copyOf(stop == null ? List.of() : stop);
    tools = List.copyOf(tools == null ? List.of() : tools);
    extraParams = extraParams == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraParams));
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
}
