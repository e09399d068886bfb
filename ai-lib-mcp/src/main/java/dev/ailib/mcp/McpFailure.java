package dev.ailib.mcp;

import dev.ailib.api.ContentBlock;
import dev.ailib.api.error.StandardErrorCode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a call of an MCP tool failed, when the failure is not the tool's own answer. {@link McpToolSet#call} turns each
 * into a tool result with {@code isError} set whose content is a small JSON object the model can read:
 * <pre>{"error":{"type":"timeout","code":"E3003","retryable":true,"message":"..."}}</pre>
 * A tool that answers with {@code isError: true} itself is passed through as it answered (its own text), not
 * wrapped; for such a result {@link #of(ContentBlock.ToolResult)} returns empty.
 */
public enum McpFailure {
  /** The model's arguments are not a JSON object, or the server rejected them (JSON-RPC {@code -32602}). */
  INVALID_ARGUMENTS("invalid_arguments", StandardErrorCode.INVALID_REQUEST, false),
  /** The server answered the call with a JSON-RPC error other than invalid parameters. */
  PROTOCOL_ERROR("protocol_error", StandardErrorCode.SERVER_ERROR, false),
  /** The tool's structured content is missing or does not match the output schema it declares. */
  INVALID_OUTPUT("invalid_output", StandardErrorCode.SERVER_ERROR, false),
  /** The server could not be reached, its process exited, or its connection broke during the call. */
  SERVER_UNAVAILABLE("server_unavailable", StandardErrorCode.SERVER_ERROR, true),
  /** The call took longer than its timeout; it was cancelled on the server. */
  TIMEOUT("timeout", StandardErrorCode.TIMEOUT, true),
  /** The caller cancelled the call, or the tool set was closed; it was cancelled on the server. */
  CANCELLED("cancelled", StandardErrorCode.CANCELLED, false);

  private static final Pattern TYPE = Pattern.compile("^\\{\"error\":\\{\"type\":\"([a-z_]+)\"");

  private final String type;
  private final StandardErrorCode code;
  private final boolean retryable;

  McpFailure(String type, StandardErrorCode code, boolean retryable) {
    this.type = type;
    this.code = code;
    this.retryable = retryable;
  }

  /** The name in the result's JSON, such as {@code server_unavailable}. */
  public String type() {
    return type;
  }

  /** The standard error code it corresponds to. */
  public StandardErrorCode code() {
    return code;
  }

  /** Whether calling again may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /**
   * The failure a result produced by {@link McpToolSet} reports.
   *
   * @param result a tool result
   * @return the failure, or empty when the result is not an error made by the bridge (a success, or the tool's own
   *     error answer)
   */
  public static Optional<McpFailure> of(ContentBlock.ToolResult result) {
    if (!result.isError()) {
      return Optional.empty();
    }
    Matcher m = TYPE.matcher(result.content());
    if (!m.find()) {
      return Optional.empty();
    }
    for (McpFailure f : values()) {
      if (f.type.equals(m.group(1))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
