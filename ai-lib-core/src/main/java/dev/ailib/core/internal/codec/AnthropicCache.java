package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.PromptCache;
import java.util.Set;

/**
 * Prompt-cache breakpoints of the Anthropic messages format ({@code cache_control: {"type": "ephemeral"}}, with
 * {@code "ttl": "1h"} for the one-hour cache): on the last tool definition, on the system prompt (sent as one text
 * block) and on the last eligible content block of each of the last two messages; at most four, the format's limit.
 * The format caches everything up to a breakpoint in its order (tools, system, messages), so these cover the stable
 * prefix and the conversation so far; the breakpoint on the second-to-last message lets the next turn read the cache
 * written by this one. Thinking blocks and empty text blocks cannot carry a breakpoint and are skipped. A one-hour TTL
 * needs the {@value #EXTENDED_TTL_BETA} beta flag.
 */
final class AnthropicCache {
  /** The beta flag of the one-hour cache lifetime. */
  static final String EXTENDED_TTL_BETA = "extended-cache-ttl-2025-04-11";

  /** The format's limit of breakpoints per request. */
  static final int MAX_BREAKPOINTS = 4;

  private static final int MESSAGE_BREAKPOINTS = 2;
  private static final Set<String> CACHEABLE = Set.of("text", "image", "document", "tool_use", "tool_result");

  private AnthropicCache() {
  }

  /**
   * Places the breakpoints in an encoded request.
   *
   * @param root the request body
   * @param cache the caller's setting, or null for none
   */
  static void apply(ObjectNode root, PromptCache cache) {
    if (cache == null) {
      return;
    }
    int placed = 0;
    JsonNode tools = root.get("tools");
    if (tools instanceof ArrayNode list && !list.isEmpty() && list.get(list.size() - 1) instanceof ObjectNode last) {
      mark(last, cache);
      placed++;
    }
    JsonNode system = root.get("system");
    if (system != null && system.isTextual() && !system.asText().isEmpty()) {
      ObjectNode block = root.putArray("system").addObject().put("type", "text").put("text", system.asText());
      mark(block, cache);
      placed++;
    }
    JsonNode messages = root.get("messages");
    if (messages instanceof ArrayNode list) {
      int marked = 0;
      for (int i = list.size() - 1; i >= 0 && marked < MESSAGE_BREAKPOINTS && placed < MAX_BREAKPOINTS; i--) {
        ObjectNode block = lastCacheable(list.get(i).get("content"));
        if (block != null) {
          mark(block, cache);
          marked++;
          placed++;
        }
      }
    }
  }

  /** Whether the request asks for the one-hour lifetime (which needs {@link #EXTENDED_TTL_BETA}). */
  static boolean needsExtendedTtl(PromptCache cache) {
    return cache != null && cache.ttl() == PromptCache.Ttl.ONE_HOUR;
  }

  private static ObjectNode lastCacheable(JsonNode content) {
    if (!(content instanceof ArrayNode blocks)) {
      return null;
    }
    for (int i = blocks.size() - 1; i >= 0; i--) {
      if (blocks.get(i) instanceof ObjectNode b && CACHEABLE.contains(b.path("type").asText())
          && !("text".equals(b.path("type").asText()) && b.path("text").asText().isEmpty())) {
        return b;
      }
    }
    return null;
  }

  private static void mark(ObjectNode block, PromptCache cache) {
    ObjectNode control = block.putObject("cache_control").put("type", "ephemeral");
    if (cache.ttl() == PromptCache.Ttl.ONE_HOUR) {
      control.put("ttl", cache.ttl().wireName()); // five minutes is the default: no ttl sent
    }
  }
}
