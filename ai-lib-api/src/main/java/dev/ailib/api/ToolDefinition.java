package dev.ailib.api;

import dev.ailib.api.internal.Binding;
import dev.ailib.api.internal.Checks;
import dev.ailib.api.internal.Json;
import dev.ailib.api.internal.JsonValues;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.Map;

/**
 * A function the model may call.
 *
 * @param name the function name
 * @param description what it does, for the model
 * @param parametersSchema the JSON schema of its arguments, as JSON text
 */
public record ToolDefinition(String name, String description, String parametersSchema) {

  /**
   * Checks the name and schema; a null schema is an object with no properties.
   *
   * @throws NullPointerException when the name is null
   * @throws IllegalArgumentException when the name is blank or the schema is not a JSON object
   */
  public ToolDefinition {
    Checks.notNull(name, "tool name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("tool name is blank");
    }
    if (parametersSchema == null) {
      parametersSchema = "{\"type\":\"object\",\"properties\":{}}";
    }
    Object parsed;
    try {
      parsed = Json.parse(parametersSchema);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tool '" + name + "': parametersSchema is not valid JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map)) {
      throw new IllegalArgumentException("tool '" + name + "': parametersSchema must be a JSON object");
    }
  }

  /**
   * A tool whose schema is given as a map of JSON values (maps, lists, strings, numbers, booleans).
   *
   * @param name the name
   * @param description the description
   * @param parametersSchema the schema
   * @return the tool
   * @throws NullPointerException when the name or the schema is null
   * @throws IllegalArgumentException when the schema holds a value that is not JSON (the message says where and
   *     its type), is nested deeper than 100 levels or contains itself
   */
  public static ToolDefinition of(String name, String description, Map<String, ?> parametersSchema) {
    Checks.notNull(name, "tool name");
    Checks.notNull(parametersSchema, "tool '" + name + "': parametersSchema");
    JsonValues.check("tool '" + name + "': parametersSchema", parametersSchema);
    return new ToolDefinition(name, description, Json.write(parametersSchema));
  }

  /**
   * A tool whose arguments are a Java type (usually a record): its name is the type's simple name in snake case
   * ({@code WeatherQuery} becomes {@code weather_query}), its description the type's {@link Description}, its
   * schema generated from the type (every property required, optional ones nullable,
   * {@code additionalProperties: false}). Read a call's arguments back with {@link ToolCall#argumentsAs(Class)}.
   *
   * @param argumentsType the arguments' type
   * @return the tool
   * @throws IllegalArgumentException when the type's schema is not a JSON object (tool arguments are objects)
   */
  public static ToolDefinition from(Class<?> argumentsType) {
    Checks.notNull(argumentsType, "argumentsType");
    Description d = argumentsType.getAnnotation(Description.class);
    return from(snakeCase(argumentsType.getSimpleName()), d == null ? null : d.value(), argumentsType);
  }

  /**
   * A tool with the given name and description whose arguments are a Java type.
   *
   * @param name the tool name
   * @param description what it does, for the model, or null
   * @param argumentsType the arguments' type (a {@link Class} or any reflected type)
   * @return the tool
   * @throws IllegalArgumentException when the type's schema is not a JSON object (tool arguments are objects)
   */
  public static ToolDefinition from(String name, String description, Type argumentsType) {
    Checks.notNull(name, "tool name");
    Checks.notNull(argumentsType, "argumentsType");
    String schema = Binding.binder().schema(argumentsType);
    Object parsed = Json.parse(schema);
    if (!(parsed instanceof Map<?, ?> m) || !"object".equals(m.get("type"))) {
      throw new IllegalArgumentException("tool '" + name + "': the arguments of a tool are a JSON object, but "
          + argumentsType.getTypeName() + " has the schema " + schema + "; use a record or a class with fields");
    }
    return new ToolDefinition(name, description, schema);
  }

  static String snakeCase(String simpleName) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < simpleName.length(); i++) {
      char c = simpleName.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean boundary = i > 0 && (Character.isLowerCase(simpleName.charAt(i - 1))
            || (i + 1 < simpleName.length() && Character.isLowerCase(simpleName.charAt(i + 1))
                && Character.isUpperCase(simpleName.charAt(i - 1))));
        if (boundary) {
          b.append('_');
        }
        b.append(Character.toLowerCase(c));
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
        b.append(c);
      } else {
        b.append('_');
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  /** The schema parsed into maps and lists. */
  public Map<String, Object> parameters() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) Json.parse(parametersSchema);
    return m;
  }
}
