package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.util.List;

/**
 * One round of a tool run: a model call and the tool calls it asked for.
 *
 * @param round 1 for the first model call
 * @param response the model's answer
 * @param stats the model call's figures
 * @param executions the tool calls that were run, in the order the model asked for them (empty for the final
 *     answer, and when the run stopped at its round limit)
 */
public record ToolRound(int round, ChatResponse response, CallStats stats, List<ToolExecution> executions) {
  /** Checks and copies. */
  public ToolRound {
    Checks.notNull(response, "response");
    Checks.notNull(stats, "stats");
    executions = List.copyOf(executions);
  }
}
