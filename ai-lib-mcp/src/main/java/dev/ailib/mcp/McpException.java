package dev.ailib.mcp;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;

/**
 * Connecting to an MCP server failed: its process could not be started or exited, its endpoint could not be
 * reached, the {@code initialize} handshake or the listing of its tools failed or took too long. Thrown by
 * {@link McpToolSet#connect(McpServerConfig)}; failures of single tool calls are tool results, not exceptions.
 * The message names the server and its transport, never header or environment values.
 */
public class McpException extends AiLibException {
  private static final long serialVersionUID = 1L;

  private final String serverName;

  /**
   * Creates an exception.
   *
   * @param errorType the standard code ({@code timeout} for a handshake that took too long, {@code server_error} for
   *     a server that could not be reached or answered an error)
   * @param serverName the server's configured name
   * @param message what went wrong
   * @param cause the cause, or null
   */
  public McpException(StandardErrorCode errorType, String serverName, String message, Throwable cause) {
    super(errorType, message, cause);
    this.serverName = serverName;
  }

  /** The configured name of the server that failed. */
  public String serverName() {
    return serverName;
  }
}
