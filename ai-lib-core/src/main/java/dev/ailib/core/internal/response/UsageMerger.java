package dev.ailib.core.internal.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.Usage;
import dev.ailib.core.internal.json.CoreJson;
import java.util.Iterator;
import java.util.Map;

/**
 * Usage reported in pieces over a stream (Anthropic's {@code message_start} then {@code message_delta}, Gemini's
 * cumulative {@code usageMetadata} on every chunk, OpenAI's final usage chunk), merged field by field: a later
 * value replaces an earlier one, nested objects ({@code prompt_tokens_details}, ...) merge the same way, and the
 * merged object is read by {@link UsageReader}, exactly as a non-streaming body's usage is. Not thread-safe.
 */
public final class UsageMerger {
  private ObjectNode merged;

  /**
   * Merges a usage object.
   *
   * @param usage a usage object (ignored when not a non-empty object)
   */
  public void merge(JsonNode usage) {
    if (usage == null || !usage.isObject() || usage.isEmpty()) {
      return;
    }
    if (merged == null) {
      merged = CoreJson.NODES.objectNode();
    }
    deepMerge(merged, (ObjectNode) usage);
  }

  private static void deepMerge(ObjectNode into, ObjectNode from) {
    Iterator<Map.Entry<String, JsonNode>> it = from.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode old = into.get(e.getKey());
      JsonNode v = e.getValue();
      if (old instanceof ObjectNode o && v instanceof ObjectNode n) {
        deepMerge(o, n);
      } else if (v instanceof ObjectNode n) {
        ObjectNode copy = CoreJson.NODES.objectNode();
        deepMerge(copy, n);
        into.set(e.getKey(), copy);
      } else {
        into.set(e.getKey(), v);
      }
    }
  }

  /**
   * Sets one count by its field name (a manifest rule's {@code prompt_tokens}, {@code completion_tokens},
   * {@code total_tokens} field).
   *
   * @param field the field name
   * @param value the value (ignored unless a number)
   */
  public void set(String field, JsonNode value) {
    if (value == null || !value.isNumber() || !value.canConvertToLong()) {
      return;
    }
    if (merged == null) {
      merged = CoreJson.NODES.objectNode();
    }
    merged.put(field, value.longValue());
  }

  /** Whether any usage was seen. */
  public boolean present() {
    return merged != null;
  }

  /** The merged usage, or null when none was seen. */
  public Usage usage() {
    return merged == null ? null : UsageReader.read(merged);
  }
}
