/**
 * Implementation of the MCP bridge, not API: the stdio transport, the request tracking that makes cancellation and
 * dead servers visible, result rendering, failure classification and secret masking.
 */
package dev.ailib.mcp.internal;
