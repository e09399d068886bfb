package dev.ailib.api;

import java.util.Objects;

/**
 * Asks the provider to cache the request's stable prefix (tools, system prompt, earlier messages), where its wire
 * format has request-side controls for that:
 * <ul>
 *   <li>Anthropic messages: {@code cache_control} breakpoints ({@code {"type": "ephemeral", "ttl": ...}}) on the last
 *       tool, the system prompt and the last two messages, at most four, all with this TTL;</li>
 *   <li>OpenAI chat completions: {@link #key()} as {@code prompt_cache_key} (routing requests that share a prefix to
 *       the same cache), sent when the manifest declares that parameter; OpenAI caches prefixes by itself;</li>
 *   <li>other formats (Gemini caches implicitly; Cohere) have no request-side control: the setting is not sent, and
 *       the answer's cached tokens are reported all the same.</li>
 * </ul>
 * Tokens read from and written to the cache come back in {@link Usage#cachedTokens()} and
 * {@link Usage#cacheWriteTokens()} and are priced as such in {@link CallStats#cost()}.
 *
 * @param ttl how long the provider keeps what is written (Anthropic: five minutes or one hour; a one-hour write
 *     costs more)
 * @param key a cache routing key (OpenAI's {@code prompt_cache_key}), or null
 */
public record PromptCache(Ttl ttl, String key) {

  /** The cache lifetimes of Anthropic's {@code cache_control}. */
  public enum Ttl {
    /** Five minutes, refreshed on each hit (the default). */
    FIVE_MINUTES("5m"),
    /** One hour. */
    ONE_HOUR("1h");

    private final String wireName;

    Ttl(String wireName) {
      this.wireName = wireName;
    }

    /** The value on the wire, {@code 5m} or {@code 1h}. */
    public String wireName() {
      return wireName;
    }
  }

  /** Checks the values. */
  public PromptCache {
    Objects.requireNonNull(ttl, "ttl");
    if (key != null && key.isBlank()) {
      throw new IllegalArgumentException("a prompt cache key must not be blank");
    }
  }

  /** Five-minute caching without a key. */
  public static PromptCache defaults() {
    return new PromptCache(Ttl.FIVE_MINUTES, null);
  }

  /**
   * Caching with a lifetime.
   *
   * @param ttl the lifetime
   * @return the setting
   */
  public static PromptCache of(Ttl ttl) {
    return new PromptCache(ttl, null);
  }

  /**
   * A copy with a routing key.
   *
   * @param value the key (OpenAI's {@code prompt_cache_key})
   * @return the copy
   */
  public PromptCache withKey(String value) {
    return new PromptCache(ttl, Objects.requireNonNull(value, "key"));
  }
}
