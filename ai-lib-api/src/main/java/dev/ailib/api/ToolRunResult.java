package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.util.List;

/**
 * How a tool run ended.
 *
 * @param response the last answer: the final one, or when the round limit was hit the one still asking for tools
 * @param messages the whole conversation: the request's messages, then every assistant message and tool result, to
 *     continue the conversation with
 * @param rounds every round, in order
 * @param stats the figures of all the model calls together ({@link CallStats#plus})
 * @param completed true when the model gave a final answer, false when the run stopped at
 *     {@link ToolRunOptions#maxRounds()} with tool calls not run
 */
public record ToolRunResult(ChatResponse response, List<Message> messages, List<ToolRound> rounds, CallStats stats,
    boolean completed) {
  /** Checks and copies. */
  public ToolRunResult {
    Checks.notNull(response, "response");
    Checks.notNull(stats, "stats");
    messages = List.copyOf(messages);
    rounds = List.copyOf(rounds);
  }
}
