package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.RemoteMcpServer;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.McpSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.List;
import java.util.Map;

/**
 * MCP servers passed to an Anthropic-messages provider (its MCP connector), in the shape of the beta the manifest
 * names ({@code mcp.client.provider_mapping.beta_header}, sent as {@code anthropic-beta}):
 * <ul>
 *   <li>{@code mcp-client-2025-04-04}: {@code mcp_servers: [{type: url, url, name, authorization_token,
 *       tool_configuration: {allowed_tools}}]} (no deny list in that beta);</li>
 *   <li>any later one: {@code mcp_servers: [{type: url, url, name, authorization_token}]} and one
 *       {@code {type: mcp_toolset, mcp_server_name, default_config, configs}} per server in {@code tools}, with an
 *       allow list as {@code default_config.enabled: false} plus {@code configs.<tool>.enabled: true}, and a deny
 *       list as {@code configs.<tool>.enabled: false}.</li>
 * </ul>
 */
final class AnthropicMcpServers {
  static final String BETA_HEADER = "anthropic-beta";
  static final String FIRST_BETA = "mcp-client-2025-04-04";

  private AnthropicMcpServers() {
  }

  static void encode(ChatRequest r, ProviderManifest manifest, ObjectNode root) {
    List<RemoteMcpServer> servers = r.remoteMcpServers();
    if (servers.isEmpty()) {
      return;
    }
    boolean first = FIRST_BETA.equals(beta(manifest));
    ArrayNode defs = root.putArray(ChatRequest.MCP_SERVERS);
    for (RemoteMcpServer s : servers) {
      ObjectNode def = defs.addObject().put("type", "url").put("url", s.url().toString()).put("name", s.name());
      if (s.authorizationToken() != null) {
        def.put("authorization_token", s.authorizationToken());
      }
      if (first) {
        if (!s.deniedTools().isEmpty()) {
          throw new ProtocolException(StandardErrorCode.REQUEST_TOO_LARGE, "remote MCP server '" + s.name()
              + "' has a deny list, which the MCP connector beta '" + FIRST_BETA + "' named by the manifest of "
              + "provider '" + manifest.id() + "' (" + manifest.source() + ") cannot carry; use an allow list",
              null, null);
        }
        if (!s.allowedTools().isEmpty()) {
          ArrayNode allowed = def.putObject("tool_configuration").putArray("allowed_tools");
          s.allowedTools().forEach(allowed::add);
        }
        continue;
      }
      ArrayNode tools = root.has("tools") ? (ArrayNode) root.get("tools") : root.putArray("tools");
      ObjectNode toolset = tools.addObject().put("type", "mcp_toolset").put("mcp_server_name", s.name());
      if (!s.allowedTools().isEmpty()) {
        toolset.putObject("default_config").put("enabled", false);
      }
      if (!s.allowedTools().isEmpty() || !s.deniedTools().isEmpty()) {
        ObjectNode configs = toolset.putObject("configs");
        s.allowedTools().forEach(t -> configs.putObject(t).put("enabled", true));
        s.deniedTools().forEach(t -> configs.putObject(t).put("enabled", false));
      }
    }
  }

  static Map<String, String> headers(EncodeInput in) {
    String beta = beta(in.manifest());
    return beta != null && in.request().extraParams().containsKey(ChatRequest.MCP_SERVERS)
        ? Map.of(BETA_HEADER, beta) : Map.of();
  }

  private static String beta(ProviderManifest manifest) {
    McpSpec mcp = manifest.mcp();
    return mcp == null || mcp.betaHeader() == null || mcp.betaHeader().isBlank() ? null : mcp.betaHeader();
  }
}
