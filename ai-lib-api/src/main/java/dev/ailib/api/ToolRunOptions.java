package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.time.Duration;

/**
 * Limits of a tool run ({@link ChatRequestBuilder#runTools}). Start from {@link #DEFAULTS}; every {@code with}
 * method returns a changed copy.
 *
 * @param maxRounds the most model calls of one run; when the last one still asks for tools, the run stops without
 *     running them ({@link ToolRunResult#completed()} is false)
 * @param maxConcurrentCalls how many tool calls of one round run at the same time (parallel tool calls)
 * @param toolCallTimeout how long one tool call may run; then its {@link CancelToken} is cancelled and the model
 *     gets an error result saying it timed out
 */
public record ToolRunOptions(int maxRounds, int maxConcurrentCalls, Duration toolCallTimeout) {

  /** 10 rounds, 4 concurrent tool calls, 60 seconds per tool call. */
  public static final ToolRunOptions DEFAULTS = new ToolRunOptions(10, 4, Duration.ofSeconds(60));

  /** Checks the limits. */
  public ToolRunOptions {
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds must be at least 1, got " + maxRounds);
    }
    if (maxConcurrentCalls < 1) {
      throw new IllegalArgumentException("maxConcurrentCalls must be at least 1, got " + maxConcurrentCalls);
    }
    Checks.notNull(toolCallTimeout, "toolCallTimeout");
    if (toolCallTimeout.isNegative() || toolCallTimeout.isZero()) {
      throw new IllegalArgumentException("toolCallTimeout must be positive, got " + toolCallTimeout);
    }
  }

  /**
   * A copy with another round limit.
   *
   * @param rounds at least 1
   * @return the copy
   */
  public ToolRunOptions withMaxRounds(int rounds) {
    return new ToolRunOptions(rounds, maxConcurrentCalls, toolCallTimeout);
  }

  /**
   * A copy with another concurrency limit.
   *
   * @param calls at least 1 (1 runs a round's calls one after the other)
   * @return the copy
   */
  public ToolRunOptions withMaxConcurrentCalls(int calls) {
    return new ToolRunOptions(maxRounds, calls, toolCallTimeout);
  }

  /**
   * A copy with another per-call timeout.
   *
   * @param timeout positive
   * @return the copy
   */
  public ToolRunOptions withToolCallTimeout(Duration timeout) {
    return new ToolRunOptions(maxRounds, maxConcurrentCalls, timeout);
  }
}
