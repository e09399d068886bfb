package dev.ailib.api;

import java.util.List;

/**
 * A set of tools the model may call, together with the code that runs them: local Java handlers, the tools of an
 * MCP server, or anything else. The tool runner offers every set's {@link #definitions()} to the model and sends
 * each of the model's calls to the set that defines the tool. Implementations are thread-safe: parallel tool
 * calls of one round run concurrently.
 */
public interface ToolSet {

  /**
   * The tools of this set, as offered to the model. Names are unique across the sets given to one call.
   *
   * @return the definitions
   */
  List<ToolDefinition> definitions();

  /**
   * Runs one call of a tool of this set. A failure of the tool itself (bad arguments, the tool's own error, a
   * server that died) comes back as a result with {@code isError} set and a message the model can read, not as an
   * exception; exceptions are for the caller's own mistakes (a call of a tool this set does not define).
   *
   * @param call the model's call (its id is the id of the result)
   * @param cancel cancelled when the call or its tool-call timeout ends; the tool must stop promptly
   * @return the result, whose {@code toolCallId} is {@code call.id()}
   */
  ContentBlock.ToolResult call(ToolCall call, CancelToken cancel);
}
