package dev.ailib.core.internal.structured;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.Description;
import dev.ailib.api.OutputSchema;
import dev.ailib.api.StructuredOptions;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * What a typed answer looks like on the wire: the schema sent (always an object at the root: strict modes and tool
 * inputs need one, so a list, enum or scalar answer is wrapped as {@code {"value": ...}}), its name and description,
 * and the Java type to bind it to.
 *
 * @param name the schema name (also the forced tool's name)
 * @param description what the answer is, or null
 * @param schema the schema sent
 * @param wrapped whether the answer is the {@code value} property of the object sent
 * @param type the Java type the answer binds to
 * @param schemaText the schema sent, as text (computed once)
 */
record OutputShape(String name, String description, ObjectNode schema, boolean wrapped, JavaType type,
    String schemaText) {
  /** The property a wrapped answer is sent in. */
  static final String WRAPPER = "value";
  private static final int MAX_CACHED = 512;
  private static final java.util.Map<Key, OutputShape> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  private record Key(Type type, String name, String description) {
  }

  /**
   * The shape of a type.
   *
   * @param type the answer's type
   * @param options the caller's options (name, description)
   * @return the shape
   */
  static OutputShape of(Type type, StructuredOptions options) {
    Key key = new Key(type, options.schemaName(), options.description());
    OutputShape cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    OutputShape shape = build(type, options);
    if (CACHE.size() >= MAX_CACHED) {
      CACHE.clear();
    }
    CACHE.put(key, shape);
    return shape;
  }

  private static OutputShape build(Type type, StructuredOptions options) {
    ObjectNode schema = TypeSchemas.of(type);
    boolean wrap = !TypeSchemas.isObject(schema);
    ObjectNode sent = wrap ? wrap(schema) : schema;
    String name = options.schemaName() != null ? options.schemaName() : name(type);
    String description = options.description() != null ? options.description() : description(type);
    return new OutputShape(name, description, sent, wrap, Binding.javaType(type), sent.toString());
  }

  /**
   * The shape of a type read as it is, without the wrapper (tool arguments, JSON given directly).
   *
   * @param type the type
   * @return the shape
   */
  static OutputShape plain(Type type) {
    ObjectNode schema = TypeSchemas.of(type);
    return new OutputShape(name(type), description(type), schema, false, Binding.javaType(type), schema.toString());
  }

  /** The output schema a request carries. */
  OutputSchema outputSchema(dev.ailib.api.StructuredOutputMode mode) {
    return new OutputSchema(name, description, schemaText, mode);
  }

  /** The answer inside what the model sent (the {@code value} property of a wrapped answer). */
  JsonNode unwrap(JsonNode sent) {
    return wrapped ? sent.get(WRAPPER) : sent;
  }

  private static ObjectNode wrap(ObjectNode schema) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode inner = schema.deepCopy();
    JsonNode defs = inner.remove("$defs");
    ObjectNode root = f.objectNode();
    root.put("type", "object");
    root.putObject("properties").set(WRAPPER, inner);
    root.putArray("required").add(WRAPPER);
    root.put("additionalProperties", false);
    if (defs != null) {
      root.set("$defs", defs); // "#/$defs/X" references still resolve from the new root
    }
    return root;
  }

  /** {@code Person}, {@code PersonList}, {@code StringMap}: letters and digits of the type's name, at most 64. */
  static String name(Type type) {
    String n = rawName(type);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n.length() && b.length() < 64; i++) {
      char c = n.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
        b.append(c);
      }
    }
    return b.length() == 0 ? "answer" : b.toString();
  }

  private static String rawName(Type type) {
    if (type instanceof Class<?> c) {
      return c.isArray() ? rawName(c.getComponentType()) + "List" : c.getSimpleName();
    }
    if (type instanceof GenericArrayType g) {
      return rawName(g.getGenericComponentType()) + "List";
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (java.util.Collection.class.isAssignableFrom(raw) && args.length == 1) {
        return rawName(args[0]) + "List";
      }
      if (java.util.Map.class.isAssignableFrom(raw) && args.length == 2) {
        return rawName(args[1]) + "Map";
      }
      if (java.util.Optional.class.equals(raw) && args.length == 1) {
        return rawName(args[0]);
      }
      return raw.getSimpleName();
    }
    return "answer";
  }

  private static String description(Type type) {
    Type t = type instanceof ParameterizedType p ? p.getRawType() : type;
    if (t instanceof Class<?> c) {
      Description d = c.getAnnotation(Description.class);
      return d == null || d.value().isBlank() ? null : d.value();
    }
    return null;
  }
}
