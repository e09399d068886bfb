/**
 * The tools of MCP (Model Context Protocol) servers as {@link dev.ailib.api.ToolSet}s: configure a server with
 * {@link dev.ailib.mcp.McpServerConfig} (stdio subprocess or streamable HTTP, allow and deny lists, timeouts),
 * connect with {@link dev.ailib.mcp.McpToolSet#connect(McpServerConfig)}, give the set to the tool runner or call it
 * yourself. Failures of single calls are tool results classified by {@link dev.ailib.mcp.McpFailure}; failures to
 * connect are {@link dev.ailib.mcp.McpException}s.
 */
package dev.ailib.mcp;
