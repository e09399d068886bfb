package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.time.Duration;

/**
 * One tool call the tool runner ran.
 *
 * @param call the model's call
 * @param result what was sent back to the model (an error result when the tool failed, timed out or is unknown)
 * @param duration how long it ran
 * @param timedOut whether it ran out of its tool-call timeout
 */
public record ToolExecution(ToolCall call, ContentBlock.ToolResult result, Duration duration, boolean timedOut) {
  /** Checks the parts are present. */
  public ToolExecution {
    Checks.notNull(call, "call");
    Checks.notNull(result, "result");
    Checks.notNull(duration, "duration");
  }
}
