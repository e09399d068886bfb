package dev.ailib.core.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.Usage;

/**
 * Reads token usage in the common shapes and merges usage reported in pieces over a stream.
 *
 * <ul>
 *   <li>{@code prompt_tokens} / {@code completion_tokens} / {@code total_tokens}, with
 *       {@code completion_tokens_details.reasoning_tokens} and {@code prompt_tokens_details.cached_tokens}
 *       (also {@code input_tokens_details} / {@code output_tokens_details}, {@code prompt_cache_hit_tokens});</li>
 *   <li>{@code input_tokens} / {@code output_tokens} with {@code cache_read_input_tokens} and
 *       {@code cache_creation_input_tokens}: the prompt count includes both cache counts, as the first shape
 *       does;</li>
 *   <li>{@code promptTokenCount} / {@code candidatesTokenCount} / {@code totalTokenCount} with
 *       {@code thoughtsTokenCount} and {@code cachedContentTokenCount}: the completion count includes the
 *       thoughts, so reasoning tokens are always part of completion tokens.</li>
 * </ul>
 * A missing total is prompt + completion.
 */
public final class UsageMapper {
  private ObjectNode merged;

  /**
   * Merges a usage object: fields present in it replace earlier values, others are kept.
   *
   * @param usage a usage object (ignored when not an object)
   */
  public void merge(JsonNode usage) {
    if (usage == null || !usage.isObject() || usage.isEmpty()) {
      return;
    }
    if (merged == null) {
      merged = Json.MAPPER.createObjectNode();
    }
    merged.setAll((ObjectNode) usage);
  }

  /**
   * Sets one count by its field name (a manifest rule's {@code prompt_tokens}, {@code completion_tokens},
   * {@code total_tokens} field).
   *
   * @param field the field name
   * @param value the value (ignored unless a number)
   */
  public void set(String field, JsonNode value) {
    if (value == null || !value.canConvertToLong()) {
      return;
    }
    if (merged == null) {
      merged = Json.MAPPER.createObjectNode();
    }
    merged.put(field, value.longValue());
  }

  /** Whether any usage was seen. */
  public boolean present() {
    return merged != null;
  }

  /** The merged usage, or null when none was seen. */
  public Usage usage() {
    return merged == null ? null : toUsage(merged);
  }

  /**
   * Reads one usage object.
   *
   * @param u the object
   * @return the usage
   */
  public static Usage toUsage(JsonNode u) {
    long cached = first(u.path("prompt_tokens_details").path("cached_tokens"),
        u.path("input_tokens_details").path("cached_tokens"), u.get("cachedContentTokenCount"),
        u.get("prompt_cache_hit_tokens"), u.get("cached_tokens"));
    long reasoning = first(u.path("completion_tokens_details").path("reasoning_tokens"),
        u.path("output_tokens_details").path("reasoning_tokens"), u.get("thoughtsTokenCount"),
        u.get("reasoning_tokens"));
    long prompt;
    long completion;
    if (u.has("prompt_tokens") || u.has("completion_tokens")) {
      prompt = num(u.get("prompt_tokens"));
      completion = num(u.get("completion_tokens"));
    } else if (u.has("input_tokens") || u.has("output_tokens")) {
      long cacheRead = num(u.get("cache_read_input_tokens"));
      if (cached == 0) {
        cached = cacheRead;
      }
      prompt = num(u.get("input_tokens")) + cacheRead + num(u.get("cache_creation_input_tokens"));
      completion = num(u.get("output_tokens"));
    } else {
      prompt = num(u.get("promptTokenCount"));
      completion = num(u.get("candidatesTokenCount")) + num(u.get("thoughtsTokenCount"));
    }
    long total = first(u.get("total_tokens"), u.get("totalTokenCount"));
    if (total == 0) {
      total = prompt + completion;
    }
    return new Usage(prompt, completion, total, reasoning, cached);
  }

  private static long first(JsonNode... nodes) {
    for (JsonNode n : nodes) {
      if (n != null && n.canConvertToLong() && n.isNumber()) {
        return n.longValue();
      }
    }
    return 0;
  }

  private static long num(JsonNode n) {
    return n != null && n.isNumber() ? n.longValue() : 0;
  }
}
