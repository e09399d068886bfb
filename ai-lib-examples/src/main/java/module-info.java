/** Runnable examples of ai-lib; each uses the embedded FakeProvider unless a real API key is set. */
module dev.ailib.examples {
  requires dev.ailib.api;
  requires dev.ailib.core;
  requires dev.ailib.testkit;
  requires dev.ailib.mcp;
  // the demo MCP server of McpTools is built with the MCP SDK
  requires io.modelcontextprotocol.sdk.mcp.core;
  requires io.modelcontextprotocol.sdk.mcp.json.jackson2;
  requires com.fasterxml.jackson.databind;
}
