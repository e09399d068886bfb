package dev.ailib.core.internal.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks JSON values against JSON schemas (draft 2020-12) with networknt json-schema-validator. Compiled schemas
 * are cached by their text. Thread-safe.
 */
final class SchemaCheck {
  private static final int MAX_CACHED = 512;
  private static final SchemaRegistry REGISTRY;
  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

  static {
    REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  }

  private SchemaCheck() {
  }

  /**
   * The problems of a value, in the order the validator reports them; empty when it matches.
   *
   * @param schema the schema
   * @param value the value
   * @return the problems
   */
  static List<Problem> problems(JsonNode schema, JsonNode value) {
    return problems(schema, schema.toString(), value);
  }

  /**
   * The problems of a value against a schema whose text is known (the cache key, not written again).
   *
   * @param schema the schema
   * @param key the schema's text
   * @param value the value
   * @return the problems
   */
  static List<Problem> problems(JsonNode schema, String key, JsonNode value) {
    Schema compiled = CACHE.get(key);
    if (compiled == null) {
      compiled = REGISTRY.getSchema(schema);
      if (CACHE.size() >= MAX_CACHED) {
        CACHE.clear();
      }
      CACHE.put(key, compiled);
    }
    List<Problem> out = new ArrayList<>();
    for (com.networknt.schema.Error e : compiled.validate(value)) {
      String path = path(e.getInstanceLocation());
      if (e.getProperty() != null && ("required".equals(e.getKeyword())
          || "additionalProperties".equals(e.getKeyword()))) {
        path = child(path, e.getProperty());
      }
      out.add(new Problem(path, message(e)));
    }
    return out;
  }

  private static String message(com.networknt.schema.Error e) {
    String keyword = e.getKeyword();
    if ("required".equals(keyword)) {
      return "required property missing";
    }
    if ("additionalProperties".equals(keyword)) {
      return "property not in the schema";
    }
    return e.getMessage();
  }

  /** A JSON path ({@code $.items[0].city}) from the validator's node path. */
  static String path(NodePath location) {
    String pointer = location == null ? "" : location.toString();
    // NodePath prints as a JSON pointer ("/items/0") or, by configuration, a JSON path ("$.items[0]")
    if (pointer.startsWith("$")) {
      return pointer;
    }
    StringBuilder b = new StringBuilder("$");
    for (String segment : pointer.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      String s = segment.replace("~1", "/").replace("~0", "~");
      if (s.chars().allMatch(Character::isDigit)) {
        b.append('[').append(s).append(']');
      } else {
        b.append(propertyStep(s));
      }
    }
    return b.toString();
  }

  static String child(String path, String property) {
    return path + propertyStep(property);
  }

  private static String propertyStep(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name : "['" + name.replace("'", "\\'") + "']";
  }
}
