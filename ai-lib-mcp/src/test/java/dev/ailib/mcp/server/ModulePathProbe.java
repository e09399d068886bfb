package dev.ailib.mcp.server;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ToolCall;
import dev.ailib.mcp.McpServerConfig;
import dev.ailib.mcp.McpToolSet;
import java.util.List;

/**
 * Run by {@code ModulePathTest} in a JVM where ai-lib-mcp, the api and the MCP SDK are on the module path: connects
 * to the stdio test server and calls a tool, printing what it saw.
 */
public final class ModulePathProbe {
  private ModulePathProbe() {
  }

  /**
   * Connects and calls.
   *
   * @param args the command that starts the stdio test server
   */
  public static void main(String[] args) {
    System.out.println("module: " + McpToolSet.class.getModule().getName());
    System.out.println("sdk module: " + io.modelcontextprotocol.spec.McpSchema.class.getModule().getName());
    try (McpToolSet set = McpToolSet.connect(McpServerConfig.stdio("probe", List.of(args)).build())) {
      System.out.println("tools: " + set.definitions().size());
      System.out.println("result: " + set.call(new ToolCall("c", "mcp__probe__echo", "{\"text\":\"modules\"}"),
          new CancelToken()).content());
    }
  }
}
