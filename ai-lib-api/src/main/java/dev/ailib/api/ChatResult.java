package dev.ailib.api;

import java.util.Objects;

/**
 * A response with the figures of the call that produced it.
 *
 * @param response the response
 * @param stats the figures
 */
public record ChatResult(ChatResponse response, CallStats stats) {
  /** Checks both are present. */
  public ChatResult {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(stats, "stats");
  }
}
