package dev.ailib.core.internal.tooltext;

import dev.ailib.api.ToolCall;
import java.util.List;
import java.util.Objects;

/**
 * What a text tool-call parse found.
 *
 * @param remainingText the text without the tool-call markup, trimmed (or the content unchanged when native calls
 *     were used)
 * @param calls the tool calls, in order; arguments are a JSON object
 */
public record TextToolCalls(String remainingText, List<ToolCall> calls) {

  /** Checks and copies. */
  public TextToolCalls {
    Objects.requireNonNull(remainingText, "remainingText");
    calls = List.copyOf(calls);
  }
}
