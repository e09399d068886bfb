package dev.ailib.api;

import dev.ailib.api.internal.Checks;

/**
 * A response with the figures of the call that produced it.
 *
 * @param response the response
 * @param stats the figures
 */
public record ChatResult(ChatResponse response, CallStats stats) {
  /** Checks both are present. */
  public ChatResult {
    Checks.notNull(response, "response");
    Checks.notNull(stats, "stats");
  }
}
