package dev.ailib.core.internal.engine;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The advanced capabilities beyond chat that a provider must declare before the library uses them: MCP tool access,
 * computer use, reasoning and video generation. Each names the manifest capabilities that declare it (v2
 * {@code capabilities.required/optional}, v1 boolean map or list), the operations that need it (AI-Protocol
 * operation and method names) and the request parameters that ask for it.
 */
public enum AdvancedCapability {
  /** Model Context Protocol tools: listing and calling tools on MCP servers. */
  MCP(List.of("mcp_client", "mcp"), List.of("mcp", "mcp_list_tools", "mcp_call_tool", "mcp_client"),
      List.of("mcp_servers")),
  /** Computer use: screen, mouse, keyboard and browser actions. */
  COMPUTER_USE(List.of("computer_use"), List.of("computer_use", "computer_use_action"), List.of("computer_use")),
  /** Extended reasoning (thinking) requested by the caller. */
  REASONING(List.of("reasoning"), List.of("reasoning", "reason"), List.of("reasoning", "reasoning_effort",
      "thinking")),
  /** Video generation. */
  VIDEO(List.of("video", "video_generation"), List.of("video", "video_generate", "video_get"), List.of());

  private final List<String> declaredBy;
  private final List<String> operations;
  private final List<String> requestParameters;

  AdvancedCapability(List<String> declaredBy, List<String> operations, List<String> requestParameters) {
    this.declaredBy = declaredBy;
    this.operations = operations;
    this.requestParameters = requestParameters;
  }

  /** The capability name a manifest declares it by, such as {@code mcp_client}; the first of its accepted names. */
  public String capability() {
    return declaredBy.get(0);
  }

  /** Every capability name that declares it. */
  public List<String> declaredBy() {
    return declaredBy;
  }

  /** The request parameters ({@code ChatRequest.extraParams} keys) that ask for it. */
  public List<String> requestParameters() {
    return requestParameters;
  }

  /**
   * The capability an operation needs. Names are compared without case, underscores or hyphens, so the protocol's
   * snake_case operations ({@code mcp_list_tools}) and the runtimes' method names ({@code MCPListTools}) both match.
   *
   * @param operation such as {@code mcp_call_tool}, {@code ComputerUse} or {@code VideoGenerate}
   * @return the capability, or empty when the operation is not an advanced one
   */
  public static Optional<AdvancedCapability> forOperation(String operation) {
    String key = normalize(operation);
    for (AdvancedCapability c : values()) {
      for (String op : c.operations) {
        if (normalize(op).equals(key)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The capability a request parameter asks for.
   *
   * @param parameter an extra request parameter name, such as {@code reasoning_effort}
   * @return the capability, or empty
   */
  public static Optional<AdvancedCapability> forRequestParameter(String parameter) {
    for (AdvancedCapability c : values()) {
      if (c.requestParameters.contains(parameter)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static String normalize(String name) {
    return name == null ? "" : name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }
}
