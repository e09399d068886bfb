package dev.ailib.api;

/**
 * Tokens used by a call. Reasoning, cached and cache-write tokens are 0 when the provider did not report them.
 * A call's numbers are the same whether it was made with {@code execute()} or {@code stream()}.
 *
 * @param promptTokens input tokens, including those read from and written to the provider's prompt cache
 * @param completionTokens output tokens, including reasoning tokens
 * @param totalTokens all tokens
 * @param reasoningTokens output tokens spent on reasoning (part of completion tokens)
 * @param cachedTokens input tokens served from the provider's prompt cache (part of prompt tokens)
 * @param cacheWriteTokens input tokens written to the provider's prompt cache (part of prompt tokens; Anthropic's
 *     {@code cache_creation_input_tokens})
 * @param cacheWrite1hTokens of the cache-write tokens, those written with a one-hour lifetime (Anthropic's
 *     {@code cache_creation.ephemeral_1h_input_tokens}, priced higher than the default five minutes); part of
 *     {@code cacheWriteTokens}
 */
public record Usage(long promptTokens, long completionTokens, long totalTokens, long reasoningTokens, long cachedTokens,
    long cacheWriteTokens, long cacheWrite1hTokens) {

  /** No usage reported. */
  public static final Usage EMPTY = new Usage(0, 0, 0, 0, 0, 0, 0);

  /**
   * Usage without the split of cache-write tokens by lifetime.
   *
   * @param promptTokens input tokens
   * @param completionTokens output tokens
   * @param totalTokens all tokens
   * @param reasoningTokens output tokens spent on reasoning
   * @param cachedTokens input tokens served from the provider's prompt cache
   * @param cacheWriteTokens input tokens written to the provider's prompt cache
   */
  public Usage(long promptTokens, long completionTokens, long totalTokens, long reasoningTokens, long cachedTokens,
      long cacheWriteTokens) {
    this(promptTokens, completionTokens, totalTokens, reasoningTokens, cachedTokens, cacheWriteTokens, 0);
  }

  /**
   * Usage without cache-write tokens (the constructor of earlier releases).
   *
   * @param promptTokens input tokens
   * @param completionTokens output tokens
   * @param totalTokens all tokens
   * @param reasoningTokens output tokens spent on reasoning
   * @param cachedTokens input tokens served from the provider's prompt cache
   */
  public Usage(long promptTokens, long completionTokens, long totalTokens, long reasoningTokens, long cachedTokens) {
    this(promptTokens, completionTokens, totalTokens, reasoningTokens, cachedTokens, 0, 0);
  }
}
