/**
 * MCP servers' tools as ai-lib {@link dev.ailib.api.ToolSet}s, on the official MCP Java SDK: servers reached over
 * stdio (a subprocess) or streamable HTTP, their tools offered to any model as {@code mcp__<server>__<tool>}
 * functions. Depends on the api only (not on core); the SDK and Reactor stay behind
 * {@link dev.ailib.mcp.McpToolSet} and are not part of this module's API.
 */
module dev.ailib.mcp {
  requires transitive dev.ailib.api;
  requires io.modelcontextprotocol.sdk.mcp.core;
  requires io.modelcontextprotocol.sdk.mcp.json.jackson2;
  requires com.fasterxml.jackson.databind;
  requires reactor.core;
  requires org.reactivestreams;
  requires java.net.http;
  // used by the SDK, whose jars are automatic modules: those do not bring named modules into the module graph
  requires org.slf4j;
  requires com.networknt.schema;

  exports dev.ailib.mcp;
}
