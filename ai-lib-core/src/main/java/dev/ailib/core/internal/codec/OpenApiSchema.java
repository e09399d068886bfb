package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.error.ProtocolException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Writes a JSON schema as Gemini's {@code Schema} object, the OpenAPI 3.0 subset that {@code responseSchema} and
 * function-declaration {@code parameters} take (Gemini API reference, {@code Schema}): references are inlined,
 * {@code "type": ["string", "null"]} (and {@code anyOf} with a null branch) becomes {@code nullable: true},
 * {@code const} becomes a one-value {@code enum}, and keys the subset does not have ({@code additionalProperties},
 * {@code $defs}, {@code $schema}, {@code $id}, {@code $anchor}, {@code $comment}) are dropped. Optionally adds
 * {@code propertyOrdering} so the model writes properties in the schema's order. A recursive schema cannot be
 * inlined and is an error.
 */
final class OpenApiSchema {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> DROPPED = Set.of("additionalProperties", "$defs", "definitions", "$schema", "$id",
      "$anchor", "$comment");
  private static final int MAX_INLINE_DEPTH = 64;

  private OpenApiSchema() {
  }

  /**
   * Converts a schema.
   *
   * @param schema the JSON schema
   * @param what what it is, for messages (such as {@code parameters of tool 'x'})
   * @param ordering whether to add {@code propertyOrdering} to objects
   * @return Gemini's schema
   * @throws ProtocolException for a recursive or unresolvable reference
   */
  static ObjectNode convert(JsonNode schema, String what, boolean ordering) {
    return convert(schema, schema, what, ordering, new ArrayDeque<>());
  }

  private static ObjectNode convert(JsonNode node, JsonNode root, String what, boolean ordering,
      Deque<String> refs) {
    if (!node.isObject()) {
      return NODES.objectNode();
    }
    JsonNode ref = node.get("$ref");
    if (ref != null && ref.isTextual()) {
      String target = ref.asText();
      if (refs.contains(target) || refs.size() > MAX_INLINE_DEPTH) {
        throw new ProtocolException(what + " is a recursive schema (" + target + " refers back to itself), which "
            + "Gemini's OpenAPI Schema subset cannot express; use a type without recursion");
      }
      JsonNode resolved = resolve(root, target);
      if (resolved == null) {
        throw new ProtocolException(what + ": reference '" + target + "' does not resolve within the schema");
      }
      refs.push(target);
      ObjectNode out = convert(resolved, root, what, ordering, refs);
      refs.pop();
      JsonNode description = node.get("description");
      if (description != null) {
        out.set("description", description);
      }
      return out;
    }
    ObjectNode out = NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (DROPPED.contains(key)) {
        continue;
      }
      switch (key) {
        case "type" -> type(v, out);
        case "const" -> out.putArray("enum").add(v);
        case "properties" -> {
          ObjectNode props = out.putObject("properties");
          ArrayNode order = ordering ? NODES.arrayNode() : null;
          for (Iterator<Map.Entry<String, JsonNode>> p = v.fields(); p.hasNext();) {
            Map.Entry<String, JsonNode> pe = p.next();
            props.set(pe.getKey(), convert(pe.getValue(), root, what, ordering, refs));
            if (order != null) {
              order.add(pe.getKey());
            }
          }
          if (order != null && !order.isEmpty()) {
            out.set("propertyOrdering", order);
          }
        }
        case "items" -> out.set("items", convert(v, root, what, ordering, refs));
        case "anyOf", "oneOf" -> anyOf(v, root, what, ordering, refs, out);
        default -> out.set(key, v);
      }
    }
    return out;
  }

  private static void type(JsonNode v, ObjectNode out) {
    if (v.isTextual()) {
      if (v.asText().equals("null")) {
        out.put("nullable", true);
      } else {
        out.set("type", v);
      }
      return;
    }
    String only = null;
    int kinds = 0;
    for (JsonNode t : v) {
      if (t.asText().equals("null")) {
        out.put("nullable", true);
      } else {
        only = t.asText();
        kinds++;
      }
    }
    if (kinds == 1) {
      out.put("type", only);
    } else if (kinds > 1) {
      ArrayNode any = out.putArray("anyOf");
      for (JsonNode t : v) {
        if (!t.asText().equals("null")) {
          any.addObject().put("type", t.asText());
        }
      }
    }
  }

  private static void anyOf(JsonNode v, JsonNode root, String what, boolean ordering, Deque<String> refs,
      ObjectNode out) {
    ArrayNode branches = NODES.arrayNode();
    for (JsonNode b : v) {
      if (b.isObject() && b.size() == 1 && "null".equals(b.path("type").asText())) {
        out.put("nullable", true);
      } else {
        branches.add(convert(b, root, what, ordering, refs));
      }
    }
    if (branches.size() == 1 && branches.get(0) instanceof ObjectNode single) {
      single.fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue()));
    } else if (!branches.isEmpty()) {
      out.set("anyOf", branches);
    }
  }

  private static JsonNode resolve(JsonNode root, String ref) {
    if (ref.equals("#")) {
      return root;
    }
    if (!ref.startsWith("#/")) {
      return null;
    }
    JsonNode n = root;
    for (String part : ref.substring(2).split("/")) {
      n = n.get(part.replace("~1", "/").replace("~0", "~"));
      if (n == null) {
        return null;
      }
    }
    return n;
  }
}
