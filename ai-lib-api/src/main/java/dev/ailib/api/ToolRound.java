package dev.ailib.api;

import java.util.List;
import java.util.Objects;

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
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(stats, "stats");
    executions = List.copyOf(executions);
  }
}
