package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a JSON schema keeps to the strict subset OpenAI's structured outputs enforce: every object schema closes
 * {@code additionalProperties} ({@code false}) and lists all of its properties in {@code required}, at every depth
 * ({@code properties}, {@code items}, {@code anyOf} / {@code oneOf} / {@code allOf}, {@code $defs} /
 * {@code definitions}). The Responses API treats function tools as strict unless told otherwise, and a strict tool
 * whose schema is outside the subset is refused; so the codec sends {@code strict: true} exactly when the schema
 * conforms (schemas generated from Java types do), and {@code strict: false} otherwise. A small structural check
 * written here because it needs only these two rules, not a schema validator.
 */
final class StrictSchemas {
  private static final int MAX_DEPTH = 64;

  private StrictSchemas() {
  }

  /**
   * Checks a schema.
   *
   * @param schema the schema
   * @return true when every object schema in it is closed and requires all its properties
   */
  static boolean conforms(JsonNode schema) {
    return schema != null && schema.isObject() && check(schema, 0);
  }

  private static boolean check(JsonNode s, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    if (!s.isObject()) {
      return true; // `true` / `false` schemas and malformed parts are not objects to close
    }
    JsonNode properties = s.get("properties");
    boolean object = "object".equals(s.path("type").asText(null)) || typeListHas(s.get("type"), "object")
        || (properties != null && properties.isObject());
    if (object) {
      JsonNode additional = s.get("additionalProperties");
      if (additional == null || !additional.isBoolean() || additional.booleanValue()) {
        return false;
      }
      if (properties != null && properties.isObject()) {
        JsonNode required = s.get("required");
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> p = it.next();
          if (!contains(required, p.getKey()) || !check(p.getValue(), depth + 1)) {
            return false;
          }
        }
      }
    }
    for (String key : new String[] {"items", "anyOf", "oneOf", "allOf", "prefixItems"}) {
      JsonNode n = s.get(key);
      if (n != null && n.isArray()) {
        for (JsonNode e : n) {
          if (!check(e, depth + 1)) {
            return false;
          }
        }
      } else if (n != null && !check(n, depth + 1)) {
        return false;
      }
    }
    for (String key : new String[] {"$defs", "definitions"}) {
      JsonNode defs = s.get(key);
      if (defs != null && defs.isObject()) {
        for (JsonNode d : defs) {
          if (!check(d, depth + 1)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static boolean typeListHas(JsonNode type, String name) {
    if (type != null && type.isArray()) {
      for (JsonNode t : type) {
        if (name.equals(t.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean contains(JsonNode required, String name) {
    if (required == null || !required.isArray()) {
      return false;
    }
    for (JsonNode r : required) {
      if (name.equals(r.asText())) {
        return true;
      }
    }
    return false;
  }
}
