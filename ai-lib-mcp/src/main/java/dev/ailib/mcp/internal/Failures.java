package dev.ailib.mcp.internal;

import dev.ailib.mcp.McpFailure;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Classifies what an MCP call failed with, the one place that decides which {@link McpFailure} a throwable of the
 * SDK, the transports or the bridge is. The cause chain is searched from the outside in, so a wrapped failure
 * ("Client failed to initialize", completion wrappers) is classified by what it wraps.
 */
public final class Failures {
  private Failures() {
  }

  /**
   * A classified failure.
   *
   * @param failure the kind
   * @param message what happened, without the server and tool (the caller adds them)
   */
  public record Classified(McpFailure failure, String message) {
  }

  /**
   * Classifies a failure.
   *
   * @param error what the call failed with
   * @return the kind and a message
   */
  public static Classified classify(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof McpError e && e.getJsonRpcError() != null) {
        McpSchema.JSONRPCResponse.JSONRPCError rpc = e.getJsonRpcError();
        if (rpc.data() instanceof TrackingTransport.LocalFailure local) {
          return new Classified(local.failure(), local.message());
        }
        if (rpc.code() != null && rpc.code() == McpSchema.ErrorCodes.INVALID_PARAMS) {
          return new Classified(McpFailure.INVALID_ARGUMENTS, "the server rejected the call: " + rpc.message());
        }
        return new Classified(McpFailure.PROTOCOL_ERROR, "the server answered with JSON-RPC error " + rpc.code()
            + ": " + rpc.message());
      }
      if (t instanceof TrackingTransport.ServerGoneException) {
        return new Classified(McpFailure.SERVER_UNAVAILABLE, "the server is unavailable: " + t.getMessage());
      }
      if (t instanceof TimeoutException) {
        return new Classified(McpFailure.TIMEOUT, "the server did not answer in time");
      }
      if (t instanceof McpTransportException || t instanceof IOException) {
        return new Classified(McpFailure.SERVER_UNAVAILABLE, "the server cannot be reached: " + describe(t));
      }
    }
    return new Classified(McpFailure.PROTOCOL_ERROR, "the call failed: " + describe(error));
  }

  /**
   * The innermost cause's class and message.
   *
   * @param t a throwable
   * @return such as {@code ConnectException: Connection refused}
   */
  static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }
}
