package dev.ailib.core.internal.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.Usage;

/**
 * Reads token usage in every shape the wire styles send; the non-streaming codecs and the stream pipeline (through
 * {@link UsageMerger}) both read usage here, so one answer gives the same numbers in both modes.
 *
 * <ul>
 *   <li>OpenAI chat: {@code prompt_tokens} / {@code completion_tokens} / {@code total_tokens}, with
 *       {@code prompt_tokens_details.cached_tokens} and {@code completion_tokens_details.reasoning_tokens}
 *       (DeepSeek's {@code prompt_cache_hit_tokens} as cached tokens);</li>
 *   <li>Anthropic messages: {@code input_tokens} / {@code output_tokens} with {@code cache_read_input_tokens}
 *       (cached tokens) and {@code cache_creation_input_tokens} (cache-write tokens, split by lifetime in
 *       {@code cache_creation.ephemeral_5m_input_tokens} / {@code ephemeral_1h_input_tokens}; the one-hour part is
 *       {@link Usage#cacheWrite1hTokens()}). Anthropic's input count
 *       excludes both, so the prompt count here is their sum, as in the other shapes. OpenAI's Responses shape
 *       ({@code input_tokens} with {@code input_tokens_details.cached_tokens} and {@code .cache_write_tokens}, both
 *       already included, and {@code output_tokens_details.reasoning_tokens}) is read the same way;</li>
 *   <li>Gemini {@code usageMetadata}: {@code promptTokenCount} / {@code candidatesTokenCount} /
 *       {@code totalTokenCount} with {@code thoughtsTokenCount} (added to the completion count, as reasoning is
 *       always part of completion tokens) and {@code cachedContentTokenCount};</li>
 *   <li>Cohere v2: the counts under {@code tokens} ({@code input_tokens} / {@code output_tokens}, what the model
 *       read and wrote), else under {@code billed_units} (what was billed, without the system prompt Cohere adds),
 *       with {@code cached_tokens} beside them (prompt tokens served from cache, part of the input).</li>
 * </ul>
 * A missing total is prompt + completion. Counts that are not numbers count as 0.
 */
public final class UsageReader {
  private UsageReader() {
  }

  /**
   * Reads one usage object.
   *
   * @param u the object, may be null
   * @return the usage, {@link Usage#EMPTY} when {@code u} is not a non-empty object
   */
  public static Usage read(JsonNode u) {
    if (u == null || !u.isObject() || u.isEmpty()) {
      return Usage.EMPTY;
    }
    if (!u.has("prompt_tokens") && !u.has("completion_tokens") && !u.has("input_tokens")
        && !u.has("output_tokens") && !u.has("promptTokenCount") && !u.has("candidatesTokenCount")
        && (u.path("tokens").isObject() || u.path("billed_units").isObject())) {
      Usage counts = read(u.path("tokens").isObject() ? u.get("tokens") : u.get("billed_units"));
      return new Usage(counts.promptTokens(), counts.completionTokens(), counts.totalTokens(),
          counts.reasoningTokens(), num(u.get("cached_tokens")), 0);
    }
    long cached = first(u.path("prompt_tokens_details").path("cached_tokens"),
        u.path("input_tokens_details").path("cached_tokens"), u.get("cachedContentTokenCount"),
        u.get("prompt_cache_hit_tokens"), u.get("cached_tokens"));
    long reasoning = first(u.path("completion_tokens_details").path("reasoning_tokens"),
        u.path("output_tokens_details").path("reasoning_tokens"), u.get("thoughtsTokenCount"),
        u.get("reasoning_tokens"));
    long cacheWrite = 0;
    long cacheWrite1h = 0;
    long prompt;
    long completion;
    if (u.has("prompt_tokens") || u.has("completion_tokens")) {
      prompt = num(u.get("prompt_tokens"));
      completion = num(u.get("completion_tokens"));
    } else if (u.has("input_tokens") || u.has("output_tokens")) {
      long cacheRead = num(u.get("cache_read_input_tokens"));
      JsonNode split = u.path("cache_creation");
      cacheWrite1h = num(split.get("ephemeral_1h_input_tokens"));
      cacheWrite = u.has("cache_creation_input_tokens") ? num(u.get("cache_creation_input_tokens"))
          : num(split.get("ephemeral_5m_input_tokens")) + cacheWrite1h;
      if (cached == 0) {
        cached = cacheRead;
      }
      prompt = num(u.get("input_tokens")) + cacheRead + cacheWrite;
      completion = num(u.get("output_tokens"));
      if (cacheWrite == 0) {
        cacheWrite = num(u.path("input_tokens_details").get("cache_write_tokens")); // Responses: already in input
      }
    } else {
      prompt = num(u.get("promptTokenCount"));
      completion = num(u.get("candidatesTokenCount")) + num(u.get("thoughtsTokenCount"));
    }
    long total = first(u.get("total_tokens"), u.get("totalTokenCount"));
    if (total == 0) {
      total = prompt + completion;
    }
    return new Usage(prompt, completion, total, reasoning, cached, cacheWrite, Math.min(cacheWrite1h, cacheWrite));
  }

  private static long first(JsonNode... nodes) {
    for (JsonNode n : nodes) {
      if (n != null && n.isNumber() && n.canConvertToLong()) {
        return n.longValue();
      }
    }
    return 0;
  }

  private static long num(JsonNode n) {
    return n != null && n.isNumber() && n.canConvertToLong() ? n.longValue() : 0;
  }
}
