package dev.ailib.api;

/**
 * Tokens used by a call. Reasoning and cached tokens are 0 when the provider did not report them.
 *
 * @param promptTokens input tokens
 * @param completionTokens output tokens
 * @param totalTokens all tokens
 * @param reasoningTokens output tokens spent on reasoning (part of completion tokens)
 * @param cachedTokens input tokens served from the provider's prompt cache
 */
public record Usage(long promptTokens, long completionTokens, long totalTokens, long reasoningTokens, long cachedTokens) {

  /** No usage reported. */
  public static final Usage EMPTY = new Usage(0, 0, 0, 0, 0);
}
