package dev.ailib.core.internal.structured;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.StructuredOutputMode;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a schema against the subset of JSON Schema a provider's mechanism accepts, before anything is sent, so a
 * type the provider would refuse fails here with the place and the rule instead of as an HTTP 400. The subsets, as
 * the providers document them:
 * <ul>
 *   <li>OpenAI-style strict {@code json_schema} (OpenAI "Structured Outputs", supported schemas; chat completions
 *   and the Responses API alike): an object root;
 *   {@code additionalProperties: false} and every property in {@code required} on every object; the keywords below;
 *   at most 10 levels of nesting, 5000 properties and 1000 enum values.</li>
 *   <li>Gemini {@code responseJsonSchema} (Gemini API {@code GenerationConfig}): {@code $id}, {@code $defs},
 *   {@code $ref}, {@code $anchor}, {@code type}, {@code format}, {@code title}, {@code description}, {@code enum},
 *   {@code items}, {@code prefixItems}, {@code minItems}, {@code maxItems}, {@code minimum}, {@code maximum},
 *   {@code anyOf}, {@code oneOf}, {@code properties}, {@code additionalProperties}, {@code required},
 *   {@code propertyOrdering}.</li>
 *   <li>Gemini {@code responseSchema} and function {@code parameters} (the OpenAPI-3.0 {@code Schema} subset, into
 *   which the codec converts): no recursive types.</li>
 *   <li>Anthropic {@code output_config.format} (Anthropic "Structured outputs", JSON Schema limitations):
 *   {@code additionalProperties: false} on every object, no recursive types, no numeric or string-length
 *   constraints, {@code minItems} only 0 or 1.</li>
 * </ul>
 * Forced tool calls on the other wire styles, JSON mode and prompted answers take any schema.
 */
final class StrictSubset {
  private static final Set<String> OPENAI_STRICT = Set.of("type", "properties", "required", "additionalProperties",
      "items", "enum", "const", "anyOf", "description", "title", "$ref", "$defs", "definitions", "pattern", "format",
      "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems");
  private static final Set<String> GEMINI_JSON_SCHEMA = Set.of("$id", "$defs", "$ref", "$anchor", "type", "format",
      "title", "description", "enum", "items", "prefixItems", "minItems", "maxItems", "minimum", "maximum", "anyOf",
      "oneOf", "properties", "additionalProperties", "required", "propertyOrdering");
  private static final Set<String> GEMINI_OPENAPI = Set.of("type", "format", "title", "description", "nullable",
      "enum", "const", "items", "minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern",
      "properties", "required", "additionalProperties", "anyOf", "propertyOrdering", "$ref", "$defs", "default",
      "example", "minProperties", "maxProperties");
  private static final Set<String> ANTHROPIC_OUTPUT = Set.of("type", "properties", "required",
      "additionalProperties", "items", "enum", "const", "anyOf", "allOf", "$ref", "$defs", "definitions",
      "description", "title", "format", "pattern", "minItems", "default");

  /** A rule set. */
  enum Profile {
    /**
     * OpenAI-style {@code json_schema} with {@code strict: true}: chat completions' {@code response_format}, the
     * Responses API's {@code text.format}.
     */
    OPENAI_STRICT("strict json_schema (response_format, text.format)", StrictSubset.OPENAI_STRICT, true, true, false),
    /** Gemini {@code generationConfig.responseJsonSchema} and function {@code parametersJsonSchema}. */
    GEMINI_JSON_SCHEMA("JSON Schema (responseJsonSchema, function parametersJsonSchema)",
        StrictSubset.GEMINI_JSON_SCHEMA, false, false, false),
    /** Gemini {@code responseSchema} and function {@code parameters}. */
    GEMINI_OPENAPI("the OpenAPI Schema subset (responseSchema, function parameters)", StrictSubset.GEMINI_OPENAPI,
        false, false, true),
    /** Anthropic {@code output_config.format}. */
    ANTHROPIC_OUTPUT("output_config.format", StrictSubset.ANTHROPIC_OUTPUT, true, false, true);

    final String mechanism;
    final Set<String> keywords;
    final boolean closedObjects;
    final boolean allRequired;
    final boolean noRecursion;

    Profile(String mechanism, Set<String> keywords, boolean closedObjects, boolean allRequired, boolean noRecursion) {
      this.mechanism = mechanism;
      this.keywords = keywords;
      this.closedObjects = closedObjects;
      this.allRequired = allRequired;
      this.noRecursion = noRecursion;
    }
  }

  private static final int MAX_DEPTH = 10;
  private static final int MAX_PROPERTIES = 5000;
  private static final int MAX_ENUM_VALUES = 1000;

  private StrictSubset() {
  }

  /**
   * The rules a mode is held to with a provider, or null when it takes any schema.
   *
   * @param mode the mode
   * @param m the manifest
   * @return the profile, or null
   */
  static Profile profile(StructuredOutputMode mode, ProviderManifest m) {
    WireStyle style = m.wireStyle();
    return switch (mode) {
      case JSON_SCHEMA -> switch (style) {
        case OPENAI_CHAT, OPENAI_RESPONSES -> Profile.OPENAI_STRICT;
        case GEMINI_GENERATE_CONTENT -> "responseSchema".equals(StructuredModes.geminiSchemaField(m))
            ? Profile.GEMINI_OPENAPI : Profile.GEMINI_JSON_SCHEMA;
        case ANTHROPIC_MESSAGES -> Profile.ANTHROPIC_OUTPUT;
        case COHERE_V2, UNSUPPORTED -> null;
      };
      // Gemini tool parameters go as parametersJsonSchema, or converted to the OpenAPI subset where the manifest
      // says the endpoint takes only that (response_format_field: responseSchema)
      case TOOL_CALL -> style != WireStyle.GEMINI_GENERATE_CONTENT ? null
          : "responseSchema".equals(StructuredModes.geminiSchemaField(m)) ? Profile.GEMINI_OPENAPI
              : Profile.GEMINI_JSON_SCHEMA;
      case JSON_MODE, PROMPT -> null;
    };
  }

  /**
   * Checks a schema.
   *
   * @param schema the schema sent
   * @param name the schema's name, for the message
   * @param mode the mode
   * @param m the manifest
   * @throws ProtocolException (E1001) naming the place and the rule when the schema breaks it
   */
  static void check(JsonNode schema, String name, StructuredOutputMode mode, ProviderManifest m) {
    Profile profile = profile(mode, m);
    if (profile == null) {
      return;
    }
    List<String> violations = violations(schema, profile);
    if (!violations.isEmpty()) {
      throw new ProtocolException("the schema of '" + name + "' breaks the rules of " + profile.mechanism
          + " (structured output mode " + mode + " of provider '" + m.id() + "'): " + String.join("; ", violations)
          + "; change the type, or ask for another mode with StructuredOptions.withMode(...); the request was not "
          + "sent");
    }
  }

  /** What a schema breaks, each with its place ({@code #/properties/x}); empty when it keeps to the profile. */
  static List<String> violations(JsonNode schema, Profile profile) {
    Walk w = new Walk(profile);
    if (profile.allRequired && !TypeSchemas.isObject(schema)) {
      w.add("#", "the root must be an object (type: object, not anyOf)");
    }
    w.visit(schema, "#", 0);
    if (w.properties > MAX_PROPERTIES && profile == Profile.OPENAI_STRICT) {
      w.add("#", w.properties + " properties in all, more than the " + MAX_PROPERTIES + " allowed");
    }
    if (w.enumValues > MAX_ENUM_VALUES && profile == Profile.OPENAI_STRICT) {
      w.add("#", w.enumValues + " enum values in all, more than the " + MAX_ENUM_VALUES + " allowed");
    }
    if (profile.noRecursion) {
      String cycle = Recursion.find(schema);
      if (cycle != null) {
        w.add(cycle, "a recursive type (a $ref back to an enclosing schema), which " + profile.mechanism
            + " does not accept");
      }
    }
    return w.out;
  }

  private static final class Walk {
    final Profile profile;
    final List<String> out = new ArrayList<>();
    int properties;
    int enumValues;

    Walk(Profile profile) {
      this.profile = profile;
    }

    void add(String where, String what) {
      if (out.size() < 10) {
        out.add(where + ": " + what);
      }
    }

    void visit(JsonNode s, String where, int depth) {
      if (!s.isObject()) {
        return;
      }
      for (Iterator<String> it = s.fieldNames(); it.hasNext();) {
        String key = it.next();
        if (!profile.keywords.contains(key)) {
          add(where, "keyword '" + key + "' is not supported");
        }
      }
      JsonNode props = s.get("properties");
      boolean object = props != null || isType(s, "object");
      if (object && depth >= MAX_DEPTH && profile == Profile.OPENAI_STRICT) {
        add(where, "nested more than " + MAX_DEPTH + " objects deep");
      }
      JsonNode additional = s.get("additionalProperties");
      if (object && profile.closedObjects) {
        if (additional != null && additional.isObject()) {
          add(where, "a map (additionalProperties with a schema); every object must have additionalProperties: "
              + "false: use a list of records instead");
        } else if (additional == null || !additional.isBoolean() || additional.asBoolean()) {
          add(where, "additionalProperties must be false");
        }
      }
      if (props != null && props.isObject()) {
        properties += props.size();
        if (profile.allRequired) {
          Set<String> required = new HashSet<>();
          s.path("required").forEach(r -> required.add(r.asText()));
          for (Iterator<String> it = props.fieldNames(); it.hasNext();) {
            String p = it.next();
            if (!required.contains(p)) {
              add(where + "/properties/" + p, "every property must be required (make an optional one nullable)");
            }
          }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> e = it.next();
          visit(e.getValue(), where + "/properties/" + e.getKey(), depth + 1);
        }
      }
      JsonNode en = s.get("enum");
      if (en != null && en.isArray()) {
        enumValues += en.size();
        if (profile == Profile.ANTHROPIC_OUTPUT) {
          en.forEach(v -> {
            if (v.isContainerNode()) {
              add(where, "enum values must be strings, numbers, booleans or null");
            }
          });
        }
      }
      JsonNode minItems = s.get("minItems");
      if (profile == Profile.ANTHROPIC_OUTPUT && minItems != null && minItems.asInt() > 1) {
        add(where, "minItems may only be 0 or 1");
      }
      if (additional != null && additional.isObject()) {
        visit(additional, where + "/additionalProperties", depth + 1);
      }
      visitChild(s, "items", where, depth);
      for (String list : List.of("anyOf", "oneOf", "allOf", "prefixItems")) {
        JsonNode l = s.get(list);
        if (l != null && l.isArray()) {
          for (int i = 0; i < l.size(); i++) {
            visit(l.get(i), where + "/" + list + "/" + i, depth);
          }
        }
      }
      for (String defs : List.of("$defs", "definitions")) {
        JsonNode d = s.get(defs);
        if (d != null && d.isObject()) {
          for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            visit(e.getValue(), where + "/" + defs + "/" + e.getKey(), depth);
          }
        }
      }
    }

    private void visitChild(JsonNode s, String key, String where, int depth) {
      JsonNode c = s.get(key);
      if (c != null && c.isObject()) {
        visit(c, where + "/" + key, depth);
      }
    }
  }

  static boolean isType(JsonNode s, String type) {
    JsonNode t = s.get("type");
    if (t == null) {
      return false;
    }
    if (t.isTextual()) {
      return t.asText().equals(type);
    }
    for (JsonNode e : t) {
      if (e.asText().equals(type)) {
        return true;
      }
    }
    return false;
  }

  /** Finds a {@code $ref} cycle among the root ({@code #}) and the definitions. */
  static final class Recursion {
    private Recursion() {
    }

    /** The place of a reference that closes a cycle, or null when there is none. */
    static String find(JsonNode root) {
      Map<String, JsonNode> nodes = new HashMap<>();
      nodes.put("#", root);
      for (String defs : List.of("$defs", "definitions")) {
        JsonNode d = root.get(defs);
        if (d != null && d.isObject()) {
          d.fields().forEachRemaining(e -> nodes.put("#/" + defs + "/" + e.getKey(), e.getValue()));
        }
      }
      Map<String, List<String>> edges = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : nodes.entrySet()) {
        List<String> refs = new ArrayList<>();
        collectRefs(e.getValue(), refs, e.getKey().equals("#"));
        edges.put(e.getKey(), refs);
      }
      Set<String> done = new HashSet<>();
      for (String start : nodes.keySet()) {
        String c = dfs(start, edges, new HashSet<>(), done);
        if (c != null) {
          return c;
        }
      }
      return null;
    }

    private static String dfs(String n, Map<String, List<String>> edges, Set<String> onPath, Set<String> done) {
      if (done.contains(n)) {
        return null;
      }
      if (!onPath.add(n)) {
        return n;
      }
      for (String next : edges.getOrDefault(n, List.of())) {
        String c = dfs(next, edges, onPath, done);
        if (c != null) {
          return c;
        }
      }
      onPath.remove(n);
      done.add(n);
      return null;
    }

    private static void collectRefs(JsonNode s, List<String> out, boolean skipDefs) {
      if (s.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> e = it.next();
          if (skipDefs && (e.getKey().equals("$defs") || e.getKey().equals("definitions"))) {
            continue;
          }
          if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
            out.add(e.getValue().asText());
          } else {
            collectRefs(e.getValue(), out, false);
          }
        }
      } else if (s.isArray()) {
        s.forEach(c -> collectRefs(c, out, false));
      }
    }
  }
}
